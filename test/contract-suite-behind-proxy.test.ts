// Behind a path-prefix proxy the mock still honours the contract: with --trust-proxy it builds Location and the
// served spec's servers from X-Forwarded-*, so the whole contract suite, run through the proxy at /api/test,
// passes (its lifecycle tests follow each Location, which must be under the proxy's base URL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedMock, startMock } from './support/start-mock.js';
import { type PrefixProxy, startPrefixProxy } from './support/prefix-proxy.js';
import { type ContractRun, runContractSuite } from './support/contract-run.js';
import { withTempDir } from './support/temp-dir.js';
import { testKeys, testToken } from './support/test-keys.js';

let mock: StartedMock;
let proxy: PrefixProxy;
let reports: Awaited<ReturnType<typeof withTempDir>>;
let run: ContractRun;

beforeAll(async () => {
  mock = await startMock({ trustProxy: true });
  proxy = await startPrefixProxy(await mock.app.listen({ host: '127.0.0.1', port: 0 }), '/api');
  reports = await withTempDir();
  run = await runContractSuite(reports.dir, { CONTRACT_BASE_URL: `${proxy.base}/test`, CONTRACT_API_KEY: testKeys.test, CONTRACT_BEARER_TOKEN: await testToken('test') });
}, 180_000);

afterAll(async () => {
  await proxy.close();
  await mock.close();
  await reports.remove();
});

describe('the contract suite through a path-prefix proxy', () => {
  it('passes: no violation, every documented pair covered or excluded', () => {
    expect(run.violations).toEqual([]);
    expect(run.coverage.totals.missing).toBe(0);
    expect(run.coverage.totals.failed).toBe(0);
    const failed = [...run.junit.matchAll(/<testcase[^>]*name="([^"]*)"[^>]*>\s*<failure[^>]*message="([^"]*)"/g)].map((m) => `${m[1] ?? ''}: ${(m[2] ?? '').slice(0, 300)}`);
    expect(failed).toEqual([]);
    expect(run.exitCode, run.output.slice(-3000)).toBe(0);
  });

  it('followed Locations under the proxy base and served a spec whose server is the proxy', async () => {
    expect(run.junit).toContain('lifecycle');
    const spec = (await (await fetch(`${proxy.base}/openapi.json`)).json()) as { servers: { url: string }[] };
    expect(spec.servers[0]?.url).toBe(`${proxy.base}/{environment}`);
  });
});
