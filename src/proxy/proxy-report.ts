// The running tally of a validation proxy, as `GET /__proxy/report` answers it and JUnit is written from:
// exchanges (in all and by operation), violations (by direction and by operation), each operation's kinds of
// violation (direction, place, rule) with a count and a first example, and the last 100 violations. Memory is
// bounded whatever the traffic: at most 50 kinds per operation are kept (the rest only counted), and 100 recent.
import type { Direction, ProxyViolation, ViolationPart } from './proxy-violation.js';

/** The key of requests that match no operation, in `byOperation` maps. */
export const unroutedKey = '(unrouted)';
export const recentViolationsKept = 100;
export const kindsKeptPerOperation = 50;

export interface ViolationKind {
  direction: Direction;
  in: ViolationPart;
  pointer: string;
  rule: string;
  count: number;
  /** The first violation of this kind. */
  example: ProxyViolation;
}

export interface ProxyReport {
  startedAt: string;
  /** The upstream's base URL (without credentials). */
  upstream: string;
  specFile: string;
  strict: boolean;
  exchanges: {
    /** Every request the proxy judged, forwarded or refused (not CORS preflights, not report requests). */
    total: number;
    /** By operationId: every operation of the spec (0 until one arrives), and `(unrouted)`. */
    byOperation: Record<string, number>;
    /** Answered by the proxy itself in strict mode (400), or for a body over its bound (413): not forwarded. */
    refused: number;
    /** Answered 502 or 504: the upstream could not be reached, did not answer in time, or answered too much. */
    upstreamFailures: number;
    /** CORS preflights: forwarded and not judged (the browser sends them, not the client). */
    preflights: number;
  };
  violations: {
    total: number;
    byDirection: Record<Direction, number>;
    /** By operationId (and `(unrouted)`); operations without violations are left out. */
    byOperation: Record<string, number>;
    /** By operationId: the kinds of violation, in the order first seen. */
    kinds: Record<string, ViolationKind[]>;
    /** By operationId: violations of kinds beyond the first 50, counted only. */
    otherKinds: Record<string, number>;
    /** The last 100 violations, oldest first. */
    recent: ProxyViolation[];
  };
}

export interface ReportMeta {
  startedAt: Date;
  upstream: string;
  specFile: string;
  strict: boolean;
  operationIds: string[];
}

export type ExchangeOutcome = 'forwarded' | 'refused' | 'upstream-failure';

export class ProxyTally {
  private readonly state: ProxyReport;

  constructor(meta: ReportMeta) {
    this.state = {
      startedAt: meta.startedAt.toISOString(),
      upstream: meta.upstream,
      specFile: meta.specFile,
      strict: meta.strict,
      exchanges: { total: 0, byOperation: Object.fromEntries([...meta.operationIds, unroutedKey].map((id) => [id, 0])), refused: 0, upstreamFailures: 0, preflights: 0 },
      violations: { total: 0, byDirection: { request: 0, response: 0 }, byOperation: {}, kinds: {}, otherKinds: {}, recent: [] },
    };
  }

  preflight(): void {
    this.state.exchanges.preflights += 1;
  }

  exchange(operationId: string | null, outcome: ExchangeOutcome, violations: readonly ProxyViolation[]): void {
    const { exchanges } = this.state;
    const key = operationId ?? unroutedKey;
    exchanges.total += 1;
    exchanges.byOperation[key] = (exchanges.byOperation[key] ?? 0) + 1;
    if (outcome === 'refused') exchanges.refused += 1;
    if (outcome === 'upstream-failure') exchanges.upstreamFailures += 1;
    for (const violation of violations) this.violation(key, violation);
  }

  private violation(key: string, violation: ProxyViolation): void {
    const tally = this.state.violations;
    tally.total += 1;
    tally.byDirection[violation.direction] += 1;
    tally.byOperation[key] = (tally.byOperation[key] ?? 0) + 1;
    tally.recent.push(violation);
    if (tally.recent.length > recentViolationsKept) tally.recent.shift();
    const kinds = (tally.kinds[key] ??= []);
    const kind = kinds.find((k) => k.direction === violation.direction && k.in === violation.in && k.pointer === violation.pointer && k.rule === violation.rule);
    if (kind) kind.count += 1;
    else if (kinds.length < kindsKeptPerOperation) kinds.push({ direction: violation.direction, in: violation.in, pointer: violation.pointer, rule: violation.rule, count: 1, example: violation });
    else tally.otherKinds[key] = (tally.otherKinds[key] ?? 0) + 1;
  }

  /** A copy of the tally as it stands. */
  report(): ProxyReport {
    return structuredClone(this.state);
  }
}
