// The data commands as QA runs them (npm run data -- …): on a data file no mock holds, and through the running
// mock that holds it, found from the lock, never writing the file under it.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer, useMockProcesses } from './support/mock-process.js';
import { testAdminKey } from './support/admin-client.js';
import { testKeys } from './support/test-keys.js';
import { type Ran, runCli } from './support/run-cli.js';

const fixture = useMockProcesses();

const data = (args: string[]): Promise<Ran> => runCli('src/cli.ts', args, { CUBIT_MOCK_ADMIN_KEY: testAdminKey, CUBIT_MOCK_DATA: '' });

const oneCustomer = (name: string) => ({
  format: 'cubit-core-mock/fixtures-1',
  environments: { test: { customers: [{ customerId: 'CUST-CLI-1', name, organizationNumber: '923456783', address: { street: 'Storgata 12', postalCode: '0155', city: 'Oslo', country: 'NO' }, status: 'active' }] } },
});

/** Every file of the directory with its bytes, to show that nothing was written. */
async function filesOf(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir)).filter((name) => !name.endsWith('.lock') && !name.endsWith('.lock-owner.json')).sort();
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await readFile(join(dir, name), 'utf8')] as const)));
}

describe('the data commands', () => {
  it('work on a data file while no mock runs: seed, export, reset, import', async () => {
    const dataFile = join(fixture.dir, 'data.json');
    const seeded = await data(['seed', '--data', dataFile]);
    expect(seeded.stderr).toBe('');
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toMatch(new RegExp(`^Seeded in ${dataFile} in \\d+ ms; now test: 12 customers, \\d+ installations, \\d+ audits; prod: 4 customers, \\d+ installations, \\d+ audits\\n$`));
    const snapshotFile = join(fixture.dir, 'snapshot.json');
    expect((await data(['export', '--data', dataFile, '--out', snapshotFile])).code).toBe(0);
    const snapshot = await readFile(snapshotFile, 'utf8');
    expect(JSON.parse(snapshot)).toMatchObject({ format: 'cubit-core-mock/1', environments: { test: { customers: { 'CUST-00001': { version: 1 } } } } });
    expect((await data(['reset', '--data', dataFile])).stdout).toContain('now test: 0 customers, 0 installations, 0 audits; prod: 0 customers, 0 installations, 0 audits');
    expect((await data(['import', snapshotFile, '--data', dataFile])).code).toBe(0);
    expect((await data(['export', '--data', dataFile])).stdout).toBe(snapshot);
    // The lock is released: nothing is left beside the data file but the snapshot written above.
    expect((await readdir(fixture.dir)).sort()).toEqual(['data.json', 'snapshot.json']);
  });

  it('refuse an invalid fixture file, naming the file, the pointer and the rule, and load nothing', async () => {
    const dataFile = join(fixture.dir, 'data.json');
    await data(['seed', '--data', dataFile, '--environment', 'prod']);
    const before = await filesOf(fixture.dir);
    const bad = join(fixture.dir, 'bad.json');
    const invalid = oneCustomer('Fjordkraft AS');
    (invalid.environments.test.customers[0] as Record<string, unknown>).organizationNumber = 'nine';
    await writeFile(bad, JSON.stringify(invalid));
    const refused = await data(['seed', '--data', dataFile, '--file', bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('1 record is invalid; nothing was loaded.');
    expect(refused.stderr).toContain(`${bad} /environments/test/customers/0/organizationNumber: test/customers[0] (CUST-CLI-1): `);
    expect(await filesOf(fixture.dir)).toEqual({ ...before, 'bad.json': JSON.stringify(invalid) });
    const usage = await data(['seed', '--mode', 'sideways', '--data', dataFile]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--mode must be one of replace, merge');
  });

  it('go through the running mock that holds the file, and never write the file themselves', async () => {
    const dataFile = join(fixture.dir, 'data.json');
    fixture.running = await startServer(['--data', dataFile], { CUBIT_MOCK_ADMIN_KEY: testAdminKey });
    const lock = JSON.parse(await readFile(`${dataFile}.lock-owner.json`, 'utf8')) as { pid: number; admin: string };
    expect(lock).toMatchObject({ pid: fixture.running.child.pid, admin: `${fixture.running.baseUrl}/__admin`, holder: 'mock' });
    const file = join(fixture.dir, 'one.json');
    await writeFile(file, JSON.stringify(oneCustomer('Through The Mock AS')));
    const seeded = await data(['seed', '--data', dataFile, '--file', file, '--environment', 'test']);
    expect(seeded.stderr).toBe('');
    expect(seeded.stdout).toContain(`Seeded through the mock at ${fixture.running.baseUrl}/__admin (process ${lock.pid})`);
    const read = await fetch(`${fixture.running.baseUrl}/test/customers/CUST-CLI-1`, { headers: { 'x-api-key': testKeys.test } });
    expect(await read.json()).toMatchObject({ name: 'Through The Mock AS' });
    const exported = await data(['export', '--data', dataFile, '--environment', 'test']);
    expect(JSON.parse(exported.stdout)).toMatchObject({ environments: { test: { customers: { 'CUST-CLI-1': { name: 'Through The Mock AS' } } } } });
  });

  it('say what to do when the mock that holds the file has no admin API, and leave the file alone', async () => {
    const dataFile = join(fixture.dir, 'data.json');
    fixture.running = await startServer(['--data', dataFile, '--no-admin']);
    await fetch(`${fixture.running.baseUrl}/test/customers`, { method: 'POST', headers: { 'x-api-key': testKeys.test, 'content-type': 'application/json' }, body: JSON.stringify(oneCustomer('Kept AS').environments.test.customers[0]) });
    const before = await filesOf(fixture.dir);
    const refused = await data(['reset', '--data', dataFile]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`A mock (process ${fixture.running.child.pid}) holds the data file ${dataFile} and has no admin API`);
    expect(await filesOf(fixture.dir)).toEqual(before);
    const kept = await fetch(`${fixture.running.baseUrl}/test/customers/CUST-CLI-1`, { headers: { 'x-api-key': testKeys.test } });
    expect(kept.status).toBe(200);
  });
});
