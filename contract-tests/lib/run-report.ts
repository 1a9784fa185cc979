// The run's outputs for CI and people: coverage.json, violations.json and summary.txt in the report directory,
// and the same summary on the console.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CleanupResult } from './run-cleanup.js';
import { type Coverage, formatCoverageTable } from './coverage.js';
import type { RunRecord } from './run-records.js';

export interface RunReport {
  runId: string;
  target: string;
  prod: boolean;
  writesAllowed: boolean;
  writesDisabledReason: string | undefined;
  specFile: string;
  testsGenerated: number;
  wallSeconds: number;
  coverage: Coverage;
  coverageEnforced: boolean;
  violations: Extract<RunRecord, { type: 'violation' }>[];
  leftOut: Extract<RunRecord, { type: 'left-out' }>[];
  cleanup: CleanupResult;
}

/** True when the report alone must fail the run (test failures fail it through vitest). */
export function reportFails(report: RunReport): boolean {
  const { failed, missing } = report.coverage.totals;
  return report.violations.length > 0 || failed > 0 || (report.coverageEnforced && missing > 0) || report.cleanup.left.length > 0;
}

/** What it usually means when most violations got this status where they expected another. */
const statusHints: { matches: (status: number) => boolean; hint: string }[] = [
  { matches: (s) => s === 401, hint: 'the API key is probably wrong for this environment' },
  { matches: (s) => s === 403, hint: 'the key is probably not allowed these operations, or something in front of the target refuses the requests' },
  { matches: (s) => s === 404, hint: "the base URL probably lacks the environment segment (the spec's `environment` server variable, e.g. /test)" },
  { matches: (s) => s === 400 || s === 415, hint: 'the target refuses requests the spec allows (stricter validation, or something in front of it changing the requests)' },
  { matches: (s) => s === 429, hint: 'the target limits the request rate, or the failed authentications of one address, which the auth tests send on purpose: run the suite with fewer workers, or against a target without the limit (the mock: --auth-failure-limit 0)' },
  { matches: (s) => s >= 500, hint: 'the target is failing: see its logs' },
  { matches: (s) => s >= 300 && s < 400, hint: 'the target redirects: check the scheme, host and path of the base URL' },
];

/**
 * A line when most violations (at least 80 % of them, and at least 10) got the same status, with what that
 * suggests: a hint for the status when they expected another, else that the answers break the contract otherwise.
 */
export function dominantStatusLine(violations: RunReport['violations']): string | undefined {
  if (violations.length < 10) return undefined;
  const byStatus = new Map<number, RunReport['violations']>();
  for (const violation of violations) {
    const group = byStatus.get(violation.status) ?? [];
    group.push(violation);
    byStatus.set(violation.status, group);
  }
  const [status, group] = [...byStatus].reduce((most, entry) => (entry[1].length > most[1].length ? entry : most));
  if (group.length < 0.8 * violations.length) return undefined;
  const expectedIt = group.filter((v) => v.expected.includes(status)).length;
  const hint = expectedIt > group.length / 2 ? 'the status they expected, so their bodies, headers or content types break the contract' : statusHints.find((h) => h.matches(status))?.hint;
  return `  most violations (${group.length} of ${violations.length}) got status ${status}${hint ? `: ${hint}` : ''}`;
}

export function formatSummary(report: RunReport, reportDir: string): string {
  const { totals } = report.coverage;
  const reachable = totals.pairs - totals.excluded;
  const lines = [
    `Contract run ${report.runId} against ${report.target}${report.prod ? ' (prod)' : ''}`,
    `  writes: ${report.writesAllowed ? 'allowed' : `left out — ${report.writesDisabledReason ?? ''}`}`,
    `  tests generated from the spec: ${report.testsGenerated} (${report.leftOut.length} left out)`,
    `  violations: ${report.violations.length === 0 ? 'none' : `${report.violations.length} exchanges broke the contract (see violations.json)`}`,
    ...[dominantStatusLine(report.violations)].filter((line) => line !== undefined),
    `  coverage: ${totals.covered}/${reachable} (operation, status) pairs exercised; ${totals.failed} failed; ${totals.excluded} excluded; ${totals['left out']} left out; ${totals.missing} missing${report.coverageEnforced ? '' : ' (not enforced)'}`,
    `  cleanup: ${report.cleanup.created} resources created, ${report.cleanup.deleted.length} deleted at the end, ${report.cleanup.left.length} left${report.cleanup.left.length ? `: ${report.cleanup.left.join('; ')}` : ''}`,
    `  elapsed: ${report.wallSeconds.toFixed(1)} s from global setup to teardown (with other vitest projects in the same run, their time too)`,
    `  reports: ${join(reportDir, 'coverage.json')}, ${join(reportDir, 'violations.json')}, ${join(reportDir, 'summary.txt')}`,
  ];
  for (const stale of report.coverage.staleExclusions) lines.push(`  note: exclusion ${stale}`);
  const leftOutReasons = [...new Set(report.leftOut.map((l) => l.reason))];
  for (const reason of leftOutReasons) lines.push(`  left out (${report.leftOut.filter((l) => l.reason === reason).length} tests): ${reason}`);
  for (const pair of report.coverage.pairs.filter((p) => p.state === 'missing')) lines.push(`  MISSING: ${pair.operationId} ${pair.status} was not exercised and is not excluded`);
  return lines.join('\n');
}

/** Writes the report files and returns what to print: the coverage table, then the summary. */
export function writeRunReport(report: RunReport, reportDir: string): string {
  mkdirSync(reportDir, { recursive: true });
  const summary = formatSummary(report, reportDir);
  const table = formatCoverageTable(report.coverage);
  const coverageJson = {
    runId: report.runId,
    target: report.target,
    writesAllowed: report.writesAllowed,
    complete: report.coverage.totals.missing === 0 && report.coverage.totals.failed === 0,
    totals: report.coverage.totals,
    pairs: report.coverage.pairs,
    staleExclusions: report.coverage.staleExclusions,
    leftOut: report.leftOut.map(({ test, reason, pairs }) => ({ test, reason, pairs })),
  };
  writeFileSync(join(reportDir, 'coverage.json'), `${JSON.stringify(coverageJson, null, 2)}\n`);
  writeFileSync(join(reportDir, 'violations.json'), `${JSON.stringify(report.violations, null, 2)}\n`);
  writeFileSync(join(reportDir, 'summary.txt'), `${summary}\n\n${table}\n`);
  return `${table}\n\n${summary}`;
}
