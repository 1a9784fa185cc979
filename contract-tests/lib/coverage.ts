// Response coverage: for every (operation, documented status) pair of the spec, whether the run exercised it
// (a response that met the contract and the test's expectation), tried and failed (the answer broke the
// contract), excluded it (with the file's reason), left it out (read-only mode, no data to read: with that
// reason), or missed it. A failed or missing pair fails the run.
import { type Exclusion, exclusionFor } from './coverage-exclusions.js';
import type { RunRecord } from './run-records.js';
import type { SpecModel } from './spec-model.js';

export type PairState = 'covered' | 'failed' | 'excluded' | 'left out' | 'missing';

export interface PairCoverage {
  operationId: string;
  status: number;
  state: PairState;
  /** Responses that exercised the pair. */
  hits: number;
  reason?: string;
}

export interface Coverage {
  pairs: PairCoverage[];
  totals: Record<PairState, number> & { pairs: number };
  /** Exclusions that name no documented pair, or a pair the run covered anyway. */
  staleExclusions: string[];
}

export function computeCoverage(spec: SpecModel, records: RunRecord[], exclusions: Exclusion[]): Coverage {
  const hits = new Map<string, number>();
  const leftOut = new Map<string, string>();
  const failed = new Map<string, string>();
  for (const record of records) {
    if (record.type === 'violation' && record.operationId) {
      for (const status of record.expected) failed.set(`${record.operationId} ${status}`, `${record.test}: ${record.violations[0] ?? ''}`);
    }
    if (record.type === 'hit') hits.set(`${record.operationId} ${record.status}`, (hits.get(`${record.operationId} ${record.status}`) ?? 0) + 1);
    if (record.type === 'left-out') for (const pair of record.pairs) leftOut.set(`${pair.operationId} ${pair.status}`, record.reason);
  }
  const pairs: PairCoverage[] = [];
  for (const operation of spec.operations) {
    for (const response of operation.responses) {
      const status = Number(response.status);
      const key = `${operation.operationId} ${status}`;
      const count = hits.get(key) ?? 0;
      const exclusion = exclusionFor(exclusions, operation.operationId, status);
      if (count > 0) pairs.push({ operationId: operation.operationId, status, state: 'covered', hits: count });
      else if (failed.has(key)) pairs.push({ operationId: operation.operationId, status, state: 'failed', hits: 0, reason: failed.get(key) });
      else if (exclusion) pairs.push({ operationId: operation.operationId, status, state: 'excluded', hits: 0, reason: exclusion.reason });
      else if (leftOut.has(key)) pairs.push({ operationId: operation.operationId, status, state: 'left out', hits: 0, reason: leftOut.get(key) });
      else pairs.push({ operationId: operation.operationId, status, state: 'missing', hits: 0 });
    }
  }
  const staleExclusions: string[] = [];
  for (const exclusion of exclusions) {
    const matching = pairs.filter((p) => p.status === exclusion.status && (exclusion.operationId === '*' || p.operationId === exclusion.operationId));
    if (matching.length === 0) staleExclusions.push(`${exclusion.operationId} ${exclusion.status}: no such documented pair`);
    for (const pair of matching.filter((p) => p.state === 'covered')) staleExclusions.push(`${pair.operationId} ${pair.status}: excluded, yet the run covered it`);
  }
  const count = (state: PairState) => pairs.filter((p) => p.state === state).length;
  return {
    pairs,
    totals: { pairs: pairs.length, covered: count('covered'), failed: count('failed'), excluded: count('excluded'), 'left out': count('left out'), missing: count('missing') },
    staleExclusions,
  };
}

export function formatCoverageTable(coverage: Coverage): string {
  const width = Math.max(...coverage.pairs.map((p) => p.operationId.length), 'operation'.length);
  const lines = [`${'operation'.padEnd(width)}  status  state`];
  for (const pair of coverage.pairs) {
    const state =
      pair.state === 'covered' ? `covered (${pair.hits} response${pair.hits === 1 ? '' : 's'})` : pair.state === 'missing' ? 'MISSING' : `${pair.state === 'failed' ? 'FAILED' : pair.state}: ${pair.reason ?? ''}`;
    lines.push(`${pair.operationId.padEnd(width)}  ${String(pair.status).padEnd(6)}  ${state}`);
  }
  return lines.join('\n');
}
