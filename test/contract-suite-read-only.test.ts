// Safety on production: against a prod base URL without CONTRACT_ALLOW_WRITES=1, the contract suite sends the
// valid API key and the valid bearer token only with reads, leaves every test that writes out (saying why, in the
// summary and in coverage.json), changes nothing on the target, and passes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InProcessMock, startInProcessMock } from '../contract-tests/lib/in-process-mock.js';
import { defaultSpecFile } from '../src/app.js';
import { type BrokenTarget, startBrokenTarget } from './support/broken-target.js';
import { type ContractRun, runContractSuite } from './support/contract-run.js';
import { withTempDir } from './support/temp-dir.js';
import { testKeys, testToken } from './support/test-keys.js';

const seed = {
  customerId: 'CUST-PROD-1',
  name: 'Produksjon AS',
  organizationNumber: '923456783',
  address: { street: 'Storgata 1', postalCode: '0155', city: 'Oslo', country: 'NO' },
  status: 'active',
};

let mock: InProcessMock;
let recorder: BrokenTarget;
let reports: Awaited<ReturnType<typeof withTempDir>>;
let run: ContractRun;
let before: string;
let token: string;

const prodCustomers = async () => (await fetch(`${mock.origin}/prod/customers`, { headers: { 'x-api-key': testKeys.prod } })).text();

beforeAll(async () => {
  mock = await startInProcessMock(defaultSpecFile);
  const created = await fetch(`${mock.origin}/prod/customers`, { method: 'POST', headers: { 'x-api-key': testKeys.prod, 'content-type': 'application/json' }, body: JSON.stringify(seed) });
  expect(created.status).toBe(201);
  before = await prodCustomers();
  token = await testToken('prod');
  recorder = await startBrokenTarget(mock.origin, { key: testKeys.prod, token });
  reports = await withTempDir();
  run = await runContractSuite(reports.dir, { CONTRACT_BASE_URL: `${recorder.origin}/prod`, CONTRACT_API_KEY: testKeys.prod, CONTRACT_BEARER_TOKEN: token });
}, 120_000);

afterAll(async () => {
  await recorder.close();
  await mock.close();
  await reports.remove();
});

describe('the contract suite against a prod target without CONTRACT_ALLOW_WRITES', () => {
  it('passes, with every write left out and the reason given', () => {
    expect(run.exitCode, run.output.slice(-3000)).toBe(0);
    expect(run.summary).toContain('writes: left out — the target is prod and CONTRACT_ALLOW_WRITES is not 1 (read-only mode)');
    expect(run.coverage.leftOut.length).toBeGreaterThan(100);
    expect(run.coverage.pairs.filter((p) => p.state === 'missing' || p.state === 'failed')).toEqual([]);
    expect(run.coverage.pairs.find((p) => p.operationId === 'upsertCustomer' && p.status === 201)).toMatchObject({ state: 'left out', reason: expect.stringContaining('CONTRACT_ALLOW_WRITES') as string });
  });

  it('uses the valid key and token only with reads; write methods go out only without them or with wrong ones', () => {
    const withKey = recorder.requests.filter((r) => r.key === 'valid');
    const withToken = recorder.requests.filter((r) => r.token === 'valid');
    expect(withKey.length).toBeGreaterThan(0);
    expect(withToken.length).toBeGreaterThan(0);
    expect(new Set([...withKey, ...withToken].map((r) => r.method))).toEqual(new Set(['GET']));
    const writes = recorder.requests.filter((r) => r.method !== 'GET');
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.filter((r) => r.key === 'valid' || r.token === 'valid')).toEqual([]);
  });

  it('reads existing data, and leaves the target as it was', async () => {
    expect(run.coverage.pairs.find((p) => p.operationId === 'getCustomer' && p.status === 200)?.state).toBe('covered');
    expect(await prodCustomers()).toBe(before);
  });
});
