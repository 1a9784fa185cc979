// The contract suite fails when it should. It runs three times, each against a target with one deliberate break
// (a required response field dropped; 200 where 201 is documented; a request without a key accepted): each run
// exits non-zero and reports its break, with the request that caused it and without the API key, and still
// deletes what it created.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InProcessMock, startInProcessMock } from '../contract-tests/lib/in-process-mock.js';
import { defaultSpecFile } from '../src/app.js';
import { type Break, type BrokenTarget, startBrokenTarget } from './support/broken-target.js';
import { type ContractRun, runContractSuite } from './support/contract-run.js';
import { withTempDir } from './support/temp-dir.js';
import { testKeys } from './support/test-keys.js';

const breaks: Break[] = ['drop-required-field', 'created-as-200', 'accept-missing-key'];
let mock: InProcessMock;
const targets: BrokenTarget[] = [];
const cleanups: (() => Promise<void>)[] = [];
const runs = {} as Record<Break, ContractRun>;

beforeAll(async () => {
  mock = await startInProcessMock(defaultSpecFile);
  await Promise.all(
    breaks.map(async (kind) => {
      const target = await startBrokenTarget(mock.origin, testKeys.test, [kind]);
      const reports = await withTempDir();
      targets.push(target);
      cleanups.push(reports.remove);
      runs[kind] = await runContractSuite(reports.dir, { CONTRACT_BASE_URL: `${target.origin}/test`, CONTRACT_API_KEY: testKeys.test });
    }),
  );
}, 180_000);

afterAll(async () => {
  await Promise.all(targets.map((target) => target.close()));
  await mock.close();
  await Promise.all(cleanups.map((remove) => remove()));
});

const violationsOf = (run: ContractRun, testName: RegExp) => run.violations.filter((v) => testName.test(v.test));

describe('the contract suite against a broken target', () => {
  it.each(breaks)('%s: exits non-zero, with failures in JUnit and the summary, and cleans up', (kind) => {
    const run = runs[kind];
    expect(run.exitCode).not.toBe(0);
    expect(run.junit).toMatch(/<testsuites[^>]*failures="[1-9]/);
    expect(run.summary).toMatch(/violations: \d+ exchanges broke the contract/);
    expect(run.summary).toMatch(/cleanup: [1-9]\d* resources created, \d+ deleted at the end, 0 left/);
  });

  it('drop-required-field: names the dropped field, and reports nothing else', () => {
    const run = runs['drop-required-field'];
    // Every test that needs a customer stops at its creation, whose answer already lacks the field.
    const operations = new Set(run.violations.map((v) => v.operationId));
    expect([...operations].sort()).toEqual(['listCustomers', 'upsertCustomer']);
    for (const violation of run.violations) expect(violation.violations).toContainEqual(expect.stringMatching(/must have required property 'createdAt'/));
    expect(run.coverage.pairs.find((p) => p.operationId === 'upsertCustomer' && p.status === 201)?.state).toBe('failed');
  });

  it('created-as-200: reports 200 where 201 is documented, and the 201 pairs as failed', () => {
    const run = runs['created-as-200'];
    for (const name of [/upsertCustomer: named request examples > example createCustomer/, /customers: lifecycle/, /upsertInstallation: named request examples > example createInstallation/]) {
      expect(violationsOf(run, name).flatMap((v) => v.violations)).toContain('expected status 201, got 200');
    }
    expect(run.coverage.pairs.find((p) => p.operationId === 'upsertCustomer' && p.status === 201)?.state).toBe('failed');
    expect(run.violations.every((v) => v.violations[0] === 'expected status 201, got 200')).toBe(true);
  });

  it('accept-missing-key: reports each operation that answers a request without a key, and nothing else', () => {
    const run = runs['accept-missing-key'];
    const noKey = violationsOf(run, /authentication > no API key → 401/);
    expect(new Set(noKey.map((v) => v.operationId)).size).toBe(8);
    for (const violation of noKey) {
      expect(violation.violations[0]).toMatch(/^expected status 401, got [2-4]\d\d$/);
      expect(violation.request).toContain('(no API key sent)');
    }
    expect(run.violations).toHaveLength(noKey.length);
  });

  it('prints each violation with its request, the key redacted', () => {
    const run = runs['accept-missing-key'];
    expect(run.output).toMatch(/breaks the contract:\n {2}- expected status 401, got \d+\nrequest:\n {2}GET http:\/\/127\.0\.0\.1:\d+\/test\/customers/);
    expect(runs['created-as-200'].output).toMatch(/X-API-Key: \[redacted valid key\]/);
    for (const each of Object.values(runs)) {
      for (const text of [each.output, each.junit, JSON.stringify(each.violations), each.summary]) expect(text).not.toContain(testKeys.test);
    }
  });
});
