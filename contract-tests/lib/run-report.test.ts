import { describe, expect, it } from 'vitest';
import { formatSummary, type RunReport } from './run-report.js';

type Violation = RunReport['violations'][number];

const violation = (status: number, expected: number[] = [200]): Violation => ({
  type: 'violation',
  test: `a test that got ${status}`,
  operationId: 'listThings',
  expected,
  status,
  violations: [`expected status ${expected.join(' or ')}, got ${status}`],
  request: '  GET http://127.0.0.1:1/test/things',
});
const times = (count: number, make: () => Violation): Violation[] => Array.from({ length: count }, make);

const report = (violations: Violation[]): RunReport => ({
  runId: 'abc123',
  target: 'http://127.0.0.1:1/test',
  prod: false,
  writesAllowed: true,
  writesDisabledReason: undefined,
  specFile: 'spec.yaml',
  testsGenerated: 200,
  wallSeconds: 3,
  coverage: { pairs: [], totals: { pairs: 0, covered: 0, failed: 0, excluded: 0, 'left out': 0, missing: 0 }, staleExclusions: [] },
  coverageEnforced: true,
  violations,
  leftOut: [],
  cleanup: { created: 0, deleted: [], left: [] },
});

const summaryLines = (violations: Violation[]): string[] => formatSummary(report(violations), 'reports').split('\n');
const statusLine = (violations: Violation[]): string | undefined => summaryLines(violations).find((line) => line.startsWith('  most violations'));

describe('formatSummary: the status most violations got', () => {
  it('says so, with the hint for the status, right after the violation count', () => {
    const lines = summaryLines([...times(183, () => violation(401)), ...times(7, () => violation(500))]);
    const at = lines.indexOf('  most violations (183 of 190) got status 401: the API key is probably wrong for this environment');
    expect(at).toBeGreaterThan(0);
    expect(lines[at - 1]).toBe('  violations: 190 exchanges broke the contract (see violations.json)');
  });

  it.each([
    [404, "the base URL probably lacks the environment segment (the spec's `environment` server variable, e.g. /test)"],
    [415, 'the target refuses requests the spec allows'],
    [400, 'the target refuses requests the spec allows'],
    [503, 'the target is failing'],
    [302, 'the target redirects'],
  ])('hints at what %i means', (status, hint) => {
    expect(statusLine(times(20, () => violation(status)))).toContain(`got status ${status}: ${hint}`);
  });

  it('says nothing more of a status the tests expected: the answers break the contract otherwise', () => {
    expect(statusLine(times(12, () => violation(400, [400])))).toBe(
      '  most violations (12 of 12) got status 400: the status they expected, so their bodies, headers or content types break the contract',
    );
  });

  it('names a status it has no hint for without one', () => {
    expect(statusLine(times(10, () => violation(418)))).toBe('  most violations (10 of 10) got status 418');
  });

  it('stays out of the summary below 80 % of the violations, below 10 violations, and without violations', () => {
    expect(statusLine([...times(79, () => violation(401)), ...times(21, () => violation(500))])).toBeUndefined();
    expect(statusLine([...times(80, () => violation(401)), ...times(20, () => violation(500))])).toContain('(80 of 100) got status 401');
    expect(statusLine(times(9, () => violation(401)))).toBeUndefined();
    expect(statusLine([])).toBeUndefined();
  });
});
