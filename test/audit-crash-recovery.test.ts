// kill -9 at random points while audits change status and their messages are delivered, many times over one data
// file. After every restart: every acknowledged change is there, whole (status, history, version and the
// installation's lastAuditDate agree); and once the bus has drained, every committed change has its two messages,
// both delivered, and each receiver acted on each message exactly once: the mock's Archive and Lantern records, and
// a real receiver (the Archive forwarded to a server in this test) counted by Idempotency-Key.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, createInstallation } from './support/fixtures.js';
import { testAdminKey } from './support/admin-client.js';
import { type MockProcess, startServer, useMockProcesses } from './support/mock-process.js';
import { seededRandom } from './support/seeded-random.js';
import { testJwtSecret, testKeys, testToken } from './support/test-keys.js';

const rounds = 6;
const audits = 12;
const transitions: Record<string, string[]> = {};

const fixture = useMockProcesses();

// The real receiver the Archive forwards to: it keeps what it was sent by Idempotency-Key, and counts deliveries.
const received = new Map<string, number>();
let receiverUrl = '';
const receiver = createServer((request, response) => {
  const key = String(request.headers['idempotency-key']);
  request.resume();
  request.on('end', () => {
    received.set(key, (received.get(key) ?? 0) + 1);
    // A slow receiver, so that the messages a kill left undelivered are still pending when the restarted mock is asked.
    setTimeout(() => response.writeHead(201).end(), 100);
  });
});
beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/cases`;
  const { parse } = await import('yaml');
  const { readFile } = await import('node:fs/promises');
  const spec = parse(await readFile(new URL('../openapi/cubit-core.yaml', import.meta.url), 'utf8')) as { components: { schemas: { AuditStatus: { 'x-cubit-transitions': { allowed: Record<string, string[]> } } } } };
  Object.assign(transitions, spec.components.schemas.AuditStatus['x-cubit-transitions'].allowed);
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

const env = { CUBIT_MOCK_ADMIN_KEY: testAdminKey, CUBIT_MOCK_JWT_SECRET: testJwtSecret };

async function call(running: MockProcess, method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${running.baseUrl}${path}`, { method, headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

async function listAll(running: MockProcess, path: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = (await call(running, 'GET', `/__admin${path}?environment=test&limit=500&offset=${offset}`, { 'x-admin-key': testAdminKey })).body as { items: Record<string, unknown>[]; total: number };
    items.push(...page.items);
    if (items.length >= page.total) return items;
  }
}

interface AuditState {
  audit: { status: string; version: number; installationId: string };
  history: { changeId: string; to: string; changedAt: string }[];
}

/** Every audit of the test environment, with its whole history. */
async function auditHistories(running: MockProcess): Promise<Map<string, AuditState>> {
  const bearer = { authorization: `Bearer ${await testToken('test', 'crash@example.no')}` };
  const states = new Map<string, AuditState>();
  for (let offset = 0; ; offset += 200) {
    const page = (await call(running, 'GET', `/test/audits?limit=200&offset=${offset}`, bearer)).body as { items: (AuditState['audit'] & { auditId: string })[]; total: number };
    for (const audit of page.items) {
      const history = ((await call(running, 'GET', `/test/audits/${audit.auditId}/history?limit=200`, bearer)).body as { items: AuditState['history'] }).items;
      states.set(audit.auditId, { audit, history });
    }
    if (offset + 200 >= page.total) return states;
  }
}

describe('kill -9 between commit and delivery', () => {
  it(`delivers every committed change's messages, each acted on once, over ${rounds} kills at random points`, async () => {
    const next = seededRandom(Number(process.env.CRASH_TEST_SEED ?? 20261202));
    const dataFile = join(fixture.dir, 'data.json');
    const args = ['--data', dataFile, '--archive-url', receiverUrl, '--forward-timeout', '2000'];
    const token = await testToken('test', 'crash@example.no');
    const bearer = { authorization: `Bearer ${token}` };
    const key = { 'x-api-key': testKeys.test };
    /** The highest version each audit was acknowledged at. */
    const acknowledged = new Map<string, number>();
    /** The audit each installation is walking now; a new one replaces it once it is final. */
    const current = new Map<number, string>();
    let generation = 0;
    /** Messages found undelivered right after each restart: the kills did land between commit and delivery. */
    let pendingAfterRestarts = 0;

    fixture.running = await startServer(args, env);
    await call(fixture.running, 'POST', '/test/customers', key, createCustomer({ customerId: 'CUST-CRASH' }));
    for (let a = 0; a < audits; a++) {
      await call(fixture.running, 'POST', '/test/installations', key, createInstallation({ installationId: `INST-CRASH-${a}`, customerId: 'CUST-CRASH' }));
      await call(fixture.running, 'POST', '/test/audits', bearer, { auditId: `AUD-CRASH-${a}`, installationId: `INST-CRASH-${a}`, kind: 'periodic', title: 'Crash audit' });
      current.set(a, `AUD-CRASH-${a}`);
    }

    for (let round = 0; round < rounds; round++) {
      fixture.running ??= await startServer(args, env);
      const running = fixture.running;
      // A slow Archive, so that kills land while messages are committed but not yet delivered.
      await call(running, 'POST', '/__admin/fault-rules', { 'x-admin-key': testAdminKey }, { environment: 'test', operationId: 'archiveSaveCase', fault: { type: 'latency', minDelayMs: 0, maxDelayMs: 80 } });
      let killed = false;
      const changer = async (a: number) => {
        let auditId = current.get(a) as string;
        while (!killed) {
          try {
            const audit = (await call(running, 'GET', `/test/audits/${auditId}`, bearer)).body as { status: string };
            const choices = transitions[audit.status] ?? [];
            if (choices.length === 0) {
              // A final status: the installation gets a new audit, walked from the start.
              auditId = `AUD-CRASH-${a}-${++generation}`;
              const created = await call(running, 'POST', '/test/audits', bearer, { auditId, installationId: `INST-CRASH-${a}`, kind: 'periodic', title: 'Crash audit' });
              if (created.status !== 201) return;
              current.set(a, auditId);
              continue;
            }
            const to = choices[Math.floor(next() * choices.length)] as string;
            const answer = await call(running, 'POST', `/test/audits/${auditId}/status`, bearer, { status: to });
            if (answer.status === 200) acknowledged.set(auditId, Math.max(acknowledged.get(auditId) ?? 0, (answer.body as { version: number }).version));
          } catch {
            return; // killed before it answered: not acknowledged
          }
        }
      };
      const changing = Promise.all(Array.from({ length: audits }, (_, a) => changer(a)));
      await new Promise((resolve) => setTimeout(resolve, 30 + next() * 250));
      running.child.kill('SIGKILL');
      killed = true;
      await running.exited;
      await changing;
      fixture.running = await startServer(args, env);
      pendingAfterRestarts += (await listAll(fixture.running, '/outbox')).filter((row) => row.state === 'pending').length;
      // Whole after the restart: every acknowledged change is there, and each audit agrees with its history.
      const histories = await auditHistories(fixture.running);
      for (const [auditId, version] of acknowledged) expect(histories.get(auditId)?.audit.version, `${auditId} acknowledged at ${version}`).toBeGreaterThanOrEqual(version);
      const completions = new Map<string, string>();
      for (const [auditId, { audit, history }] of histories) {
        expect(audit.version, auditId).toBe(1 + history.length);
        expect(audit.status, auditId).toBe(history.at(-1)?.to ?? 'planned');
        for (const entry of history) {
          const last = completions.get(audit.installationId);
          if (entry.to === 'completed' && (last === undefined || entry.changedAt > last)) completions.set(audit.installationId, entry.changedAt);
        }
      }
      for (let a = 0; a < audits; a++) {
        const installation = (await call(fixture.running, 'GET', `/test/installations/INST-CRASH-${a}`, key)).body as { lastAuditDate: string | null };
        expect(installation.lastAuditDate, `INST-CRASH-${a}`).toBe(completions.get(`INST-CRASH-${a}`)?.slice(0, 10) ?? null);
      }
      if (round < rounds - 1) {
        fixture.running.child.kill('SIGKILL');
        await fixture.running.exited;
        fixture.running = undefined;
      }
    }

    // Drained: every committed change's two messages delivered, and acted on once.
    const running = fixture.running as MockProcess;
    const deadline = Date.now() + 30_000;
    let outbox = await listAll(running, '/outbox');
    while (outbox.some((row) => row.state !== 'delivered') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      outbox = await listAll(running, '/outbox');
    }
    expect(outbox.filter((row) => row.state !== 'delivered').map((row) => [row.messageId, row.state, row.lastError])).toEqual([]);
    const changes = [...(await auditHistories(running)).values()].flatMap(({ history }) => history.map((entry) => entry.changeId));
    expect(changes.length).toBeGreaterThan(rounds);
    expect(pendingAfterRestarts).toBeGreaterThan(0);
    const byChange = new Map<string, string[]>();
    for (const row of outbox) byChange.set(row.correlationId as string, [...(byChange.get(row.correlationId as string) ?? []), row.subscription as string].sort());
    expect(new Set(byChange.keys())).toEqual(new Set(changes));
    for (const subscriptions of byChange.values()) expect(subscriptions).toEqual(['archive', 'lantern']);
    const cases = await listAll(running, '/archive/cases');
    const notifications = await listAll(running, '/lantern/notifications');
    const countBy = (records: Record<string, unknown>[]) => records.reduce((map, r) => map.set(r.correlationId as string, (map.get(r.correlationId as string) ?? 0) + 1), new Map<string, number>());
    expect([...countBy(cases).values()].every((n) => n === 1) && countBy(cases).size === changes.length).toBe(true);
    expect([...countBy(notifications).values()].every((n) => n === 1) && countBy(notifications).size === changes.length).toBe(true);
    // The real receiver got every Archive message at least once (a kill can cut a delivery after the POST), and
    // keeps one case per Idempotency-Key.
    const archiveIds = outbox.filter((row) => row.subscription === 'archive').map((row) => row.messageId as string);
    expect(archiveIds.filter((id) => !received.has(id))).toEqual([]);
    expect(received.size).toBe(archiveIds.length);
  }, 180_000);
});
