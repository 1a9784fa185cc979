// A data file that does not add up stops the start with the file, the place and the rule, and changes no file;
// --repair starts anyway after copying the originals aside, and prints what it dropped. The lock: a restart after
// kill -9 is never refused, whoever now has the old process id; a second mock on the same data is refused, and a
// mock whose lock was deleted and taken by another stops writing, so that their journals never interleave.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCustomer } from './support/fixtures.js';
import { runServer, startServer, useMockProcesses } from './support/mock-process.js';
import { testKeys } from './support/test-keys.js';

const fixture = useMockProcesses();
const dataFileOf = () => join(fixture.dir, 'data.json');

const customer = (id: string, overrides: Record<string, unknown> = {}) => ({ ...createCustomer({ customerId: id }), createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', version: 1, ...overrides });
const snapshot = (seq: number, customers: Record<string, object>) =>
  JSON.stringify({ format: 'cubit-core-mock/1', seq, environments: { test: { customers, installations: {} }, prod: { customers: {}, installations: {} } } });
const line = (seq: number, id: string, record: object | null) => `${JSON.stringify({ seq, environment: 'test', collection: 'customers', id, record })}\n`;

async function filesOf(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir)).sort();
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await readFile(join(dir, name), 'utf8')] as const)));
}

async function refusedStart(): Promise<string> {
  const run = runServer(['--host', '127.0.0.1', '--port', '0', '--data', dataFileOf()]);
  expect(await run.exited).toBe(1);
  const stderr = run.stderr().trim();
  expect(stderr.split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
  return stderr;
}

const get = (baseUrl: string, id: string) => fetch(`${baseUrl}/test/customers/${id}`, { headers: { 'x-api-key': testKeys.test } });

const inconsistent: [string, () => Promise<void>, RegExp, RegExp?][] = [
  [
    'a journal with a gap',
    async () => {
      await writeFile(dataFileOf(), snapshot(2, { 'CUST-A': customer('CUST-A') }));
      await writeFile(`${dataFileOf()}.journal`, line(3, 'CUST-B', customer('CUST-B')) + line(7, 'CUST-C', customer('CUST-C')));
    },
    /data\.json\.journal: journal line 2 leaves a gap: changes 4 to 6 are missing/,
  ],
  [
    'a missing snapshot',
    async () => {
      await writeFile(`${dataFileOf()}.journal`, line(31, 'CUST-B', customer('CUST-B')) + line(32, 'CUST-C', customer('CUST-C')));
    },
    /it starts at change 31, but there is no data file .*data\.json holding changes 1 to 30/,
  ],
  [
    'a record the spec refuses',
    async () => {
      await writeFile(dataFileOf(), snapshot(2, { 'CUST-A': customer('CUST-A'), 'CUST-B': customer('CUST-B', { email: 42 }) }));
    },
    /1 stored record\(s\) break the spec's rules: test\/customers\/CUST-B at \/email: must be string/,
    /data\.json: dropped test\/customers\/CUST-B at \/email: must be string/,
  ],
];

describe('a data file that does not add up', () => {
  for (const [what, damage, message, repaired = message] of inconsistent) {
    it(`(${what}) refuses the start, naming the file, the place and the rule, and changes no file`, async () => {
      await damage();
      const before = await filesOf(fixture.dir);
      expect(await refusedStart()).toMatch(message);
      expect(await filesOf(fixture.dir)).toEqual(before);
    });

    it(`(${what}) starts with --repair, after a backup of the originals, and says what it dropped`, async () => {
      await damage();
      const before = await filesOf(fixture.dir);
      fixture.running = await startServer(['--data', dataFileOf(), '--repair']);
      const report = fixture.running.stderr();
      const backup = /the originals are in (\S+)\. Dropped or noticed:/.exec(report)?.[1];
      expect(backup).toBeDefined();
      expect(report).toMatch(repaired);
      expect(await filesOf(backup as string)).toEqual(before);
      // What remained is served, and a record the spec refuses is not.
      expect((await get(fixture.running.baseUrl, 'CUST-B')).status).toBe(what === 'a record the spec refuses' ? 404 : 200);
    });
  }
});

describe('the data file lock, between processes', () => {
  it('lets a restart after kill -9 take the data file, even when the old process id now belongs to a live process', async () => {
    fixture.running = await startServer(['--data', dataFileOf()]);
    const created = await fetch(`${fixture.running.baseUrl}/test/customers`, { method: 'POST', headers: { 'x-api-key': testKeys.test, 'content-type': 'application/json' }, body: JSON.stringify(createCustomer({ customerId: 'CUST-KEPT' })) });
    expect(created.status).toBe(201);
    fixture.running.child.kill('SIGKILL');
    await fixture.running.exited;
    // Another process now has the dead mock's id: this test process, which is alive (as after a reboot, or in a container).
    const ownerFile = `${dataFileOf()}.lock-owner.json`;
    const owner = JSON.parse(await readFile(ownerFile, 'utf8')) as Record<string, unknown>;
    await writeFile(ownerFile, JSON.stringify({ ...owner, pid: process.pid }));
    fixture.running = await startServer(['--data', dataFileOf()]);
    expect((await get(fixture.running.baseUrl, 'CUST-KEPT')).status).toBe(200);
  });

  it('refuses a second mock on the same data; with the lock deleted, the first stops writing and the journals never interleave', async () => {
    const first = await startServer(['--data', dataFileOf()]);
    fixture.running = first;
    const post = (baseUrl: string, id: string) =>
      fetch(`${baseUrl}/test/customers`, { method: 'POST', headers: { 'x-api-key': testKeys.test, 'content-type': 'application/json' }, body: JSON.stringify(createCustomer({ customerId: id })) });
    expect((await post(first.baseUrl, 'CUST-FIRST')).status).toBe(201);
    const refused = runServer(['--host', '127.0.0.1', '--port', '0', '--data', dataFileOf()]);
    expect(await refused.exited).toBe(1);
    expect(refused.stderr()).toContain(`in use by another mock (process ${first.child.pid})`);
    // Someone deletes the lock: a second mock now starts, and the first must notice before it writes again.
    const { rm } = await import('node:fs/promises');
    await rm(`${dataFileOf()}.lock`, { recursive: true });
    await rm(`${dataFileOf()}.lock-owner.json`);
    const second = await startServer(['--data', dataFileOf()]);
    try {
      const late = await post(first.baseUrl, 'CUST-LATE');
      expect(late.status).toBe(503);
      expect(await late.json()).toMatchObject({ code: 'storage-unavailable', detail: expect.stringContaining('another process took the data file over') as unknown });
      expect((await post(second.baseUrl, 'CUST-SECOND')).status).toBe(201);
      expect((await get(second.baseUrl, 'CUST-FIRST')).status).toBe(200);
    } finally {
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    }
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.stdout()).toMatch(/was taken over by another process/); // the log
    // One writer's journal, folded whole: the data loads, with what each acknowledged.
    fixture.running = await startServer(['--data', dataFileOf()]);
    expect((await get(fixture.running.baseUrl, 'CUST-FIRST')).status).toBe(200);
    expect((await get(fixture.running.baseUrl, 'CUST-SECOND')).status).toBe(200);
    expect((await get(fixture.running.baseUrl, 'CUST-LATE')).status).toBe(404);
  });
});
