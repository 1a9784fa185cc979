// --watch: the spec file edited under a running mock (src/reload/). Each test serves a copy of the spec from its own
// temp directory, with a data file beside it, over real HTTP; edits are waited for by polling, never by sleeping.
import { existsSync } from 'node:fs';
import { copyFile, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AppOptions, buildApp, defaultSpecFile } from '../src/app.js';
import { type ReloadingMock, serveWithHotReload } from '../src/reload/hot-reload.js';
import { testAdminKey } from './support/admin-client.js';
import { createCustomer, createInstallation } from './support/fixtures.js';
import { runServer, startServer, useMockProcesses } from './support/mock-process.js';
import { withTempDir } from './support/temp-dir.js';
import { testJwtSecret, testKeys, testToken } from './support/test-keys.js';

/** Polls until `check` returns a value (not undefined), or fails after `ms` naming what it waited for. */
async function eventually<T>(what: string, check: () => Promise<T | undefined> | T | undefined, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `text` with the first `old` after `anchor` replaced; fails when either is not there. */
function replaceAfter(text: string, anchor: string, old: string, replacement: string): string {
  const at = text.indexOf(anchor);
  const index = text.indexOf(old, at);
  if (at < 0 || index < 0) throw new Error(`the spec has no "${old}" after "${anchor}"`);
  return text.slice(0, index) + replacement + text.slice(index + old.length);
}

/** The customer name gets at most 10 characters: the example's 21-character name becomes a 400. */
const shortNames = (text: string) => replaceAfter(text, '    CustomerUpsert:', 'maxLength: 200', 'maxLength: 10');
/** The same for customers as stored (and answered): the stored example customer breaks it. */
const shortStoredNames = (text: string) => replaceAfter(text, '    Customer:\n', 'maxLength: 200', 'maxLength: 10');
/** getCustomer's `customer` example gets another name. */
const renamedExample = (text: string) => replaceAfter(text, 'summary: A stored customer', 'name: Fjordkraft Eiendom AS', 'name: Hot Reloaded AS');

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

function client(baseUrl: string) {
  return async (method: string, path: string, options: { body?: unknown; headers?: Record<string, string>; token?: string } = {}): Promise<Answer> => {
    const headers: Record<string, string> = path.startsWith('/__admin')
      ? { 'x-admin-key': testAdminKey }
      : options.token
        ? { authorization: `Bearer ${options.token}` }
        : { 'x-api-key': testKeys.test };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${baseUrl}${path}`, { method, headers: { ...headers, ...options.headers }, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
}

describe('hot reload of the spec (--watch), in process', () => {
  let temp: { dir: string; remove: () => Promise<void> };
  let specFile: string;
  let dataFile: string;
  let mock: ReloadingMock | undefined;
  let request: ReturnType<typeof client>;
  const logLines: string[] = [];
  const options = (): AppOptions => ({
    spec: specFile,
    apiKeys: testKeys,
    dataFile,
    adminKey: testAdminKey,
    jwt: { secret: testJwtSecret },
    authFailureLimit: false,
    // Quick retries, and many of them, so that a delivery is still pending across a reload.
    delivery: { retry: { baseDelayMs: 50, maxDelayMs: 200 }, maxDeliveryCount: 1000 },
    logger: {
      level: 'info',
      stream: new Writable({
        write(chunk: Buffer, _encoding, callback) {
          logLines.push(...chunk.toString().split('\n').filter(Boolean));
          callback();
        },
      }),
    },
  });
  const edit = async (change: (text: string) => string, how: 'in place' | 'by rename' = 'in place') => {
    const text = change(await readFile(specFile, 'utf8'));
    if (how === 'in place') await writeFile(specFile, text);
    else {
      await writeFile(`${specFile}.tmp`, text);
      await rename(`${specFile}.tmp`, specFile);
    }
  };
  const messages = () => logLines.map((line) => JSON.parse(line) as { level: number; msg: string });

  beforeEach(async () => {
    temp = await withTempDir();
    specFile = join(temp.dir, 'cubit-core.yaml');
    dataFile = join(temp.dir, 'data.json');
    await copyFile(defaultSpecFile, specFile);
    logLines.length = 0;
    mock = await serveWithHotReload(options(), { quietMs: 50 });
    request = client(await mock.listen({ host: '127.0.0.1', port: 0 }));
    expect((await request('POST', '/test/customers', { body: createCustomer() })).status).toBe(201);
  });

  afterEach(async () => {
    await mock?.close();
    mock = undefined;
    await temp.remove();
  });

  it('serves a tightened constraint, keeps the data, the journal and the fault rules, and releases the data file on close', async () => {
    const rule = await request('POST', '/__admin/fault-rules', { body: { environment: 'test', operationId: 'deleteCustomer', fault: { type: 'status', status: 503 } } });
    expect(rule.status).toBe(201);
    // The same body again: valid, and a no-op, until the edit makes its name too long.
    expect((await request('POST', '/test/customers', { body: createCustomer() })).status).toBe(200);
    const servedBefore = mock?.app;

    await edit(shortNames);
    const refused = await eventually('the tightened maxLength served', async () => {
      const answer = await request('POST', '/test/customers', { body: createCustomer() });
      return answer.status === 400 ? answer : undefined;
    });
    expect(mock?.app).not.toBe(servedBefore);
    expect(refused.body).toMatchObject({ code: 'validation-failed', errors: [{ in: 'body', pointer: '/name' }] });
    expect((await request('POST', '/test/customers', { body: createCustomer({ name: 'Short AS' }) })).status).toBe(200);
    const stored = await request('GET', '/test/customers/CUST-10001');
    expect(stored).toMatchObject({ status: 200, body: { name: 'Short AS', version: 2 } });
    // The journal and the fault rules are the same ones.
    expect((await request('GET', '/__admin/requests?environment=test&operationId=upsertCustomer&status=201')).body).toMatchObject({ total: 1 });
    expect((await request('GET', '/__admin/fault-rules')).body).toMatchObject({ total: 1, items: [{ id: 'fault-1', operationId: 'deleteCustomer' }] });
    expect((await request('DELETE', '/test/customers/CUST-10001')).status).toBe(503);
    expect(messages().some((m) => m.level === 30 && m.msg.startsWith('reloaded the spec'))).toBe(true);
    // Stored customers still meet the spec (its Customer schema did not change): nothing to warn of.
    expect(messages().filter((m) => m.level >= 40).map((m) => m.msg)).toEqual([]);

    await mock?.close();
    mock = undefined;
    const restarted = await buildApp({ ...options(), logger: false });
    try {
      const answer = await restarted.inject({ method: 'GET', url: '/test/customers/CUST-10001', headers: { 'x-api-key': testKeys.test } });
      expect(answer.json()).toMatchObject({ name: 'Short AS', version: 2 });
    } finally {
      await restarted.close();
    }
  });

  it('serves an edited example (Prefer: example=…) after a save by rename, and warns of stored records the new spec refuses', async () => {
    const preferred = () => request('GET', '/test/customers/CUST-10001', { headers: { prefer: 'example=customer' } });
    expect((await preferred()).body).toMatchObject({ name: 'Fjordkraft Eiendom AS' });
    await edit((text) => shortStoredNames(renamedExample(text)), 'by rename');
    await eventually('the edited example served', async () => ((await preferred()).body.name === 'Hot Reloaded AS' ? true : undefined));
    const warning = await eventually('a warning about the stored customer', () => messages().find((m) => m.level === 40));
    expect(warning.msg).toMatch(/^1 stored record\(s\) break the reloaded spec; .*the next start refuses the data file unless --repair/);
    expect(logLines.find((line) => line.includes('break the reloaded spec'))).toContain('test/customers/CUST-10001 at /name');
  });

  it('keeps serving the last good spec through a YAML error, a missing $ref, an operation without a handler and a lost environment, naming each; then takes the fix', async () => {
    const original = await readFile(specFile, 'utf8');
    const errors = () => messages().filter((m) => m.level >= 50);
    const broken: [string, (text: string) => string, RegExp][] = [
      ['a YAML error', (text) => text.replace('openapi: 3.1.0', 'openapi: 3.1.0\n  broken: ['), /not a valid OpenAPI document: Error parsing .*cubit-core\.yaml: bad indentation of a mapping entry \(2:9\)/],
      ['a missing $ref', (text) => replaceAfter(text, '    CustomerUpsert:', "$ref: '#/components/schemas/CustomerId'", "$ref: '#/components/schemas/NoSuchSchema'"), /Missing \$ref pointer "#\/components\/schemas\/NoSuchSchema"/],
      ['an operation without a handler', (text) => text.replace('operationId: getCustomer', 'operationId: fetchCustomer'), /operation fetchCustomer \(GET \/customers\/\{customerId\}\) has no handler/],
      ['an environment less', (text) => text.replace('          - test\n          - prod\n', '          - test\n'), /environments \(test\) are not the ones the mock started with \(test, prod\); restart the mock/],
    ];
    for (const [what, change, named] of broken) {
      const before = errors().length;
      // Saved whole (by rename): a reader never sees it half-written, so each edit is exactly one error line.
      await edit(() => change(original), 'by rename');
      const error = await eventually(`the error for ${what} logged`, () => errors()[before]);
      expect(error.msg).toMatch(/^the spec was not reloaded, and the last good one is still served: /);
      expect(error.msg).toMatch(named);
      expect(errors()).toHaveLength(before + 1);
      expect((await request('GET', '/test/customers/CUST-10001')).status).toBe(200);
      expect((await request('POST', '/test/customers', { body: createCustomer() })).status).toBe(200);
    }
    await edit(() => shortNames(original), 'by rename');
    await eventually('the fixed spec served', async () => ((await request('POST', '/test/customers', { body: createCustomer() })).status === 400 ? true : undefined));
    expect((await request('GET', '/test/customers/CUST-10001')).status).toBe(200);
    // Each app built on the one server added a handler of its parser errors (one app failed to build): one is left.
    expect(mock?.app.server.listenerCount('clientError')).toBe(1);
  });

  it('carries a delivery still being retried across a reload, and delivers it once its fault rule goes', async () => {
    const rule = await request('POST', '/__admin/fault-rules', { body: { environment: 'test', operationId: 'archiveSaveCase', fault: { type: 'status', status: 500 } } });
    expect(rule.status).toBe(201);
    expect((await request('POST', '/test/installations', { body: createInstallation() })).status).toBe(201);
    const token = await testToken('test');
    const audit = { auditId: 'AUD-1', installationId: 'INST-20001', kind: 'periodic', title: 'Periodic inspection' };
    expect((await request('POST', '/test/audits', { body: audit, token })).status).toBe(201);
    expect((await request('POST', '/test/audits/AUD-1/status', { body: { status: 'in_progress' }, token })).status).toBe(200);
    type Row = { subscription: string; state: string; deliveryCount: number; messageId: string };
    const archiveRow = async () => ((await request('GET', '/__admin/outbox?environment=test')).body.items as Row[]).find((row) => row.subscription === 'archive');
    await eventually('a failed delivery to the Archive', async () => ((await archiveRow())?.deliveryCount ?? 0) >= 2 || undefined);

    await edit(renamedExample);
    await eventually('the reload', () => messages().find((m) => m.msg.startsWith('reloaded the spec')));
    expect(await archiveRow()).toMatchObject({ state: 'pending' });
    expect((await request('DELETE', `/__admin/fault-rules/${rule.body.id as string}`)).status).toBe(204);
    const delivered = await eventually('the Archive delivery', async () => {
      const row = await archiveRow();
      return row?.state === 'delivered' ? row : undefined;
    });
    const attempts = (await request('GET', `/__admin/deliveries?environment=test&messageId=${delivered.messageId}`)).body.items as { outcome: string }[];
    expect(attempts.filter((a) => a.outcome === 'delivered')).toHaveLength(1);
    expect(attempts.filter((a) => a.outcome === 'failed').length).toBeGreaterThanOrEqual(2);
    expect((await request('GET', '/__admin/archive/cases?environment=test')).body).toMatchObject({ total: 1 });
  });
});

describe('hot reload of the spec (--watch), as a process', () => {
  const fixture = useMockProcesses();

  it('starts with --watch, serves an edit, logs an invalid one, and stops gracefully on SIGTERM', async () => {
    const specFile = join(fixture.dir, 'cubit-core.yaml');
    await copyFile(defaultSpecFile, specFile);
    fixture.running = await startServer(['--watch', '--spec', specFile, '--data', join(fixture.dir, 'data.json')]);
    const request = client(fixture.running.baseUrl);
    expect((await request('POST', '/test/customers', { body: createCustomer() })).status).toBe(201);
    const original = await readFile(specFile, 'utf8');

    await writeFile(specFile, `${original}\n  broken: [`);
    const running = fixture.running;
    await eventually('the invalid edit logged', () => (running.stdout().includes('the spec was not reloaded') ? true : undefined));
    expect(running.stdout()).toContain(specFile);
    expect((await request('POST', '/test/customers', { body: createCustomer() })).status).toBe(200);

    await writeFile(specFile, shortNames(original));
    await eventually('the edit served', async () => ((await request('POST', '/test/customers', { body: createCustomer() })).status === 400 ? true : undefined));
    expect((await request('GET', '/test/customers/CUST-10001')).status).toBe(200);
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
  });

  it('refuses a port in use with the usual sentence, and releases the data file', async () => {
    const dataFile = join(fixture.dir, 'data.json');
    fixture.running = await startServer(['--in-memory']);
    const port = new URL(fixture.running.baseUrl).port;
    const refused = runServer(['--watch', '--host', '127.0.0.1', '--port', port, '--data', dataFile]);
    expect(await refused.exited).toBe(1);
    expect(refused.stderr()).toContain(`cannot listen on 127.0.0.1:${port}: the port is already in use (EADDRINUSE)`);
    // The lock was released on the way out, not left for the next mock to judge.
    expect(existsSync(`${dataFile}.lock`)).toBe(false);
    fixture.running.child.kill('SIGTERM');
    expect(await fixture.running.exited).toBe(0);
    fixture.running = await startServer(['--watch', '--data', dataFile]);
    fixture.running.child.kill('SIGTERM');
    expect(await fixture.running.exited).toBe(0);
  });
});
