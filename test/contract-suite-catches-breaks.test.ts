// The contract suite fails when it should. It runs against a target (a proxy in front of the mock) with four
// deliberate breaks, each confined to requests the others do not touch: getCustomer answers lack the required
// `createdAt`; creating an installation answers 200 where 201 is documented; a request without an API key or bearer
// token is accepted; deleteCustomer and deleteAudit label their problem+json errors application/json. The run exits
// non-zero and reports each break — and nothing else — with the request that caused it and without the API key or
// the bearer token, and still deletes what it created.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InProcessMock, startInProcessMock } from '../contract-tests/lib/in-process-mock.js';
import { defaultSpecFile } from '../src/app.js';
import { type BrokenTarget, startBrokenTarget } from './support/broken-target.js';
import { type ContractRun, runContractSuite } from './support/contract-run.js';
import { withTempDir } from './support/temp-dir.js';
import { testKeys, testToken } from './support/test-keys.js';

let mock: InProcessMock;
let target: BrokenTarget;
let reports: Awaited<ReturnType<typeof withTempDir>>;
let run: ContractRun;
let token: string;

beforeAll(async () => {
  mock = await startInProcessMock(defaultSpecFile);
  token = await testToken('test');
  target = await startBrokenTarget(mock.origin, { key: testKeys.test, token }, {
    dropField: { field: 'createdAt', when: (method, path) => method === 'GET' && path.startsWith('/test/customers/') },
    createdAs200: (method, path) => method === 'POST' && path === '/test/installations',
    acceptMissingKey: true,
    problemAsJson: (method, path) => method === 'DELETE' && (path.startsWith('/test/customers/') || path.startsWith('/test/audits/')),
  });
  reports = await withTempDir();
  run = await runContractSuite(reports.dir, { CONTRACT_BASE_URL: `${target.origin}/test`, CONTRACT_API_KEY: testKeys.test, CONTRACT_BEARER_TOKEN: token });
}, 120_000);

afterAll(async () => {
  await target.close();
  await mock.close();
  await reports.remove();
});

type Violation = ContractRun['violations'][number];
const droppedField = (v: Violation) => v.operationId === 'getCustomer' && v.violations.some((m) => /must have required property 'createdAt'/.test(m));
const createdAs200 = (v: Violation) => v.operationId === 'upsertInstallation' && v.violations[0] === 'expected status 201, got 200';
const problemAsJson = (v: Violation) => ['deleteCustomer', 'deleteAudit'].includes(v.operationId ?? '') && v.violations.includes('content type "application/json" is not the documented application/problem+json');
const noCredentialSent = /\(no (API key|bearer token) sent\)/;
const acceptedWithoutKey = (v: Violation) => /authentication > no (API key|bearer token) → 401$/.test(v.test) && /^expected status 401, got [2-4]\d\d$/.test(v.violations[0] ?? '');
// The same break, seen by the precedence tests: a request without a key that breaks later rules too gets their answer.
const keyNotFirst = (v: Violation) => /error precedence > unauthorized \+ .* → 401 unauthorized$/.test(v.test) && /^expected status 401, got 4\d\d$/.test(v.violations[0] ?? '') && noCredentialSent.test(v.request);
// The secured operations: 8 take the API key (customers, installations), 6 a bearer token (audits).
const securedOperations = 14;

describe('the contract suite against a broken target', () => {
  it('exits non-zero, with failures in JUnit, the violations in violations.json and the summary, and cleans up', () => {
    expect(run.exitCode).not.toBe(0);
    expect(run.junit).toMatch(/<testsuites[^>]*failures="[1-9]/);
    expect(run.summary).toMatch(/violations: \d+ exchanges broke the contract/);
    expect(run.summary).toMatch(/cleanup: [1-9]\d* resources created, \d+ deleted at the end, 0 left/);
  });

  it('reports the required field missing from getCustomer, in the lifecycle and in the plain read', () => {
    const tests = run.violations.filter(droppedField).map((v) => v.test);
    expect(tests).toEqual(expect.arrayContaining([expect.stringMatching(/^customers: lifecycle/), expect.stringMatching(/^getCustomer: reads/)]));
    expect(run.coverage.pairs.find((p) => p.operationId === 'getCustomer' && p.status === 200)?.state).toBe('failed');
  });

  it('reports 200 where 201 is documented, for the create example and the lifecycle, and the pair as failed', () => {
    const tests = run.violations.filter(createdAs200).map((v) => v.test);
    expect(tests).toEqual(expect.arrayContaining([expect.stringMatching(/^upsertInstallation: named request examples > example createInstallation/), expect.stringMatching(/^installations: lifecycle/)]));
    expect(run.coverage.pairs.find((p) => p.operationId === 'upsertInstallation' && p.status === 201)?.state).toBe('failed');
  });

  it('reports each of the 14 operations that answer a request without a key or token, while wrong ones still get 401', () => {
    const noKey = run.violations.filter(acceptedWithoutKey);
    expect(new Set(noKey.map((v) => v.operationId)).size).toBe(securedOperations);
    for (const violation of noKey) expect(violation.request).toContain(/bearer token/.test(violation.test) ? '(no bearer token sent)' : '(no API key sent)');
    expect(run.violations.filter((v) => /a wrong API key|a token that is no JWT/.test(v.test) && !problemAsJson(v))).toEqual([]);
  });

  it('reports an error answered as application/json where application/problem+json is documented', () => {
    const tests = run.violations.filter(problemAsJson).map((v) => v.test);
    expect(tests).toEqual(
      expect.arrayContaining([
        'deleteCustomer: unknown id > customerId that does not exist → 404',
        expect.stringMatching(/^deleteCustomer: invalid parameters → 400/),
        'deleteAudit: unknown id > auditId that does not exist → 404',
        expect.stringMatching(/^deleteAudit: invalid parameters → 400/),
      ]),
    );
  });

  it('reports nothing but the four breaks', () => {
    expect(run.violations.filter((v) => !droppedField(v) && !createdAs200(v) && !acceptedWithoutKey(v) && !keyNotFirst(v) && !problemAsJson(v))).toEqual([]);
    expect(new Set(run.violations.filter(keyNotFirst).map((v) => v.operationId)).size).toBe(securedOperations);
  });

  it('prints each violation with its request, the key and the token redacted', () => {
    expect(run.output).toMatch(/breaks the contract:\n {2}- expected status 401, got \d+\nrequest:\n {2}GET http:\/\/127\.0\.0\.1:\d+\/test\/customers/);
    expect(run.output).toMatch(/X-API-Key: \[redacted valid key\]/);
    expect(run.output).toMatch(/authorization: Bearer \[redacted valid token\]/);
    for (const text of [run.output, run.junit, JSON.stringify(run.violations), run.summary]) {
      expect(text).not.toContain(testKeys.test);
      expect(text).not.toContain(token);
    }
  });
});
