// The contract suite's preflight: against a real mock with a key it does not accept, with a base URL that lacks
// the environment segment, or with a bearer token of another environment, the run stops before any test with one
// message that says why, exits non-zero, writes no report and never prints the key or the token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InProcessMock, startInProcessMock } from '../contract-tests/lib/in-process-mock.js';
import { defaultSpecFile } from '../src/app.js';
import { type ContractRun, runContractSuite } from './support/contract-run.js';
import { withTempDir } from './support/temp-dir.js';
import { testKeys, testToken } from './support/test-keys.js';

const wrongKey = 'not-a-key-of-this-environment-for-tests-only';

let mock: InProcessMock;
let reports: Awaited<ReturnType<typeof withTempDir>>[];
let withWrongKey: ContractRun;
let withoutEnvironment: ContractRun;
let withProdToken: ContractRun;
let prodToken: string;

beforeAll(async () => {
  mock = await startInProcessMock(defaultSpecFile);
  reports = [await withTempDir(), await withTempDir(), await withTempDir()];
  prodToken = await testToken('prod');
  [withWrongKey, withoutEnvironment, withProdToken] = await Promise.all([
    runContractSuite(reports[0]!.dir, { CONTRACT_BASE_URL: `${mock.origin}/test`, CONTRACT_API_KEY: wrongKey, CONTRACT_BEARER_TOKEN: 'a-token-the-preflight-stops-before' }),
    runContractSuite(reports[1]!.dir, { CONTRACT_BASE_URL: mock.origin, CONTRACT_API_KEY: testKeys.test, CONTRACT_BEARER_TOKEN: 'a-token-the-preflight-stops-before' }),
    runContractSuite(reports[2]!.dir, { CONTRACT_BASE_URL: `${mock.origin}/test`, CONTRACT_API_KEY: testKeys.test, CONTRACT_BEARER_TOKEN: prodToken }),
  ]);
}, 120_000);

afterAll(async () => {
  await mock.close();
  await Promise.all(reports.map((r) => r.remove()));
});

const occurrences = (text: string, part: string): number => text.split(part).length - 1;

/** Stopped by the preflight: non-zero, the message printed once, no test run, no report. */
function expectStoppedWith(run: ContractRun, message: string): void {
  expect(run.exitCode, run.output.slice(-3000)).not.toBe(0);
  expect(occurrences(run.output, message), run.output.slice(-3000)).toBe(1);
  expect(occurrences(run.output, 'breaks the contract')).toBe(0);
  expect(run.output).not.toMatch(/Tests\s+\d+ (passed|failed)/);
  expect(run.missingReports).toEqual(expect.arrayContaining(['coverage.json', 'violations.json', 'summary.txt']));
}

describe('the contract suite against a target it cannot use', () => {
  it('with a key the environment does not accept: stops before any test, naming the setting and the header, not the key', () => {
    expectStoppedWith(
      withWrongKey,
      `Contract preflight: GET ${mock.origin}/test/customers answered 401: this environment does not accept the API key in CONTRACT_API_KEY, sent in the X-API-Key header. ` +
        "It is a wrong key, or another environment's key (test, prod: each has its own). No test was run.",
    );
    expect(withWrongKey.output).not.toContain(wrongKey);
  });

  it('with a base URL without the environment: stops before any test, saying it must end with /test or /prod', () => {
    expectStoppedWith(
      withoutEnvironment,
      `Contract preflight: GET ${mock.origin}/customers answered 404: the base URL probably lacks the environment segment. ` +
        `CONTRACT_BASE_URL must end with /test or /prod (the spec's \`environment\` server variable), e.g. ${mock.origin}/test. No test was run.`,
    );
    expect(withoutEnvironment.output).not.toContain(testKeys.test);
  });

  it('with a bearer token of another environment: stops before any test, naming the setting, not the token', () => {
    expectStoppedWith(
      withProdToken,
      `Contract preflight: GET ${mock.origin}/test/audits answered 401 (WWW-Authenticate: Bearer realm="cubit-core-test", error="invalid_token"): ` +
        'this environment does not accept the bearer token in CONTRACT_BEARER_TOKEN, sent in the Authorization header to listAudits. ' +
        'It is expired or not yet valid, signed with another key, or issued for another environment (its aud). No test was run.',
    );
    expect(withProdToken.output).not.toContain(prodToken);
  });
});
