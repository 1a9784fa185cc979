// The benchmark's results as data: figures per scenario with their ratios to the ceiling of the same run,
// start-up, memory, soak and targets. This is what reports/bench/latest.json holds.
import type { Measurement } from './load.js';
import type { MachineInfo } from './machine.js';
import type { BenchOptions } from './options.js';
import type { ScenarioId } from './scenarios.js';
import type { DeliveryLatency } from './audit-flow-load.js';
import type { DataSetResult } from './data-scale.js';
import type { MockConfig } from './servers.js';
import type { StartupResult } from './startup.js';

export interface Figures {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
  responses: number;
  durationSec: number;
  /** Responses slower than 100 ms. */
  over100ms: number;
  statusCounts: Record<string, number>;
  /** Connection errors and timeouts (timeouts are counted in errors too). */
  errors: number;
  timeouts: number;
  /** Responses whose status the scenario does not expect. */
  unexpected: number;
  /** Share of the machine's CPU (0..1) that other processes and the hypervisor took during the measured runs. */
  otherCpu: number;
}

export type RatioFigures = Pick<Figures, 'reqPerSec' | 'p50Ms' | 'p99Ms' | 'p999Ms' | 'maxMs'>;

export interface ScenarioResult extends Figures {
  key: string;
  scenario: ScenarioId;
  label: string;
  server: 'ceiling' | 'mock' | 'prism';
  /** Customers loaded (mock scenarios). */
  size?: number;
  /** How the mock ran (see MockConfig): as shipped, or quiet. */
  config?: MockConfig;
  /** Each figure divided by the same figure of the ceiling of this run. */
  ratioToCeiling: RatioFigures;
  /** Each measured run of this scenario, in order (one per round; the ceiling has one per data-set size per round). */
  runs: Figures[];
  /** Whether each run went into the figures: runs during which other processes were busy are left out when quiet runs exist. */
  runsUsed: boolean[];
  /** Runs dropped because other processes were busy during them (a quieter run replaced each). */
  discardedRuns: Figures[];
  /** Why a figure cannot be trusted (unexpected statuses, errors, a failed check); empty when fine. */
  flags: string[];
  notes: string[];
}

export interface SoakResult {
  durationSec: number;
  size: number;
  readers: number;
  writers: number;
  /** Writes: 4 of 5 update an existing customer, 1 of 5 creates one. */
  overall: Figures;
  reads: Figures;
  writes: Figures;
  flags: string[];
  rssAfterMiB?: number;
}

export interface MemoryResult {
  server: 'ceiling' | 'mock' | 'prism';
  /** Customers loaded (the mock). */
  size?: number;
  config?: MockConfig;
  /** Right after start-up, data loaded, before any load. */
  afterLoadMiB: number;
  /** After the scenarios of the last round at this size. */
  afterScenariosMiB: number;
  /**
   * The mock, in the last round: after the reads and updates, before the creates add customers, so with exactly
   * `size` customers resident after a workload.
   */
  beforeCreatesMiB?: number;
  /** VmHWM at that moment. */
  peakMiB: number;
}

export interface TargetResult {
  name: string;
  /** The measured value, as text (e.g. "0.71× ceiling"). */
  measured: string;
  goal: string;
  status: 'met' | 'missed' | 'not measured';
}

export interface PrismStatus {
  status: 'measured' | 'skipped' | 'failed';
  reason?: string;
  /** Prism's --verboseLevel in this run. */
  logLevel?: string;
  startupMs?: number;
}

export interface BenchReport {
  /** Commit-to-delivery latency of the audit flow's messages during the setAuditStatus runs, by subscription. */
  delivery: DeliveryLatency[];
  /** The data commands at the --data-size set, and the --scale sets. */
  dataSets: DataSetResult[];
  tool: 'cubit-core-mock bench';
  generatedAt: string;
  wallSec: number;
  machine: MachineInfo;
  options: BenchOptions;
  ceiling: string;
  scenarios: ScenarioResult[];
  startup: StartupResult[];
  /** Start-up median of each mock start-up over the ceiling's. */
  startupRatio: Record<string, number>;
  memory: MemoryResult[];
  soak: SoakResult | undefined;
  prism: PrismStatus;
  targets: TargetResult[];
}

export function figures(m: Measurement): Figures {
  const latency = m.latency.summary();
  return {
    reqPerSec: m.durationSec > 0 ? m.responses / m.durationSec : 0,
    p50Ms: latency.p50,
    p99Ms: latency.p99,
    p999Ms: latency.p999,
    maxMs: latency.max,
    responses: m.responses,
    durationSec: m.durationSec,
    over100ms: latency.over100ms,
    statusCounts: m.statusCounts,
    errors: m.errors,
    timeouts: m.timeouts,
    unexpected: m.unexpected,
    otherCpu: m.otherCpu,
  };
}

/** Why a measurement cannot be taken at face value. */
export function measurementFlags(m: Measurement, expected: readonly number[]): string[] {
  const flags: string[] = [];
  const others = Object.entries(m.statusCounts).filter(([status]) => !expected.includes(Number(status)));
  if (others.length > 0) flags.push(`unexpected status ${others.map(([status, count]) => `${status}×${count}`).join(', ')}`);
  if (m.errors > 0) flags.push(`${m.errors} errors${m.timeouts > 0 ? ` (${m.timeouts} timeouts)` : ''}`);
  if (m.responses === 0) flags.push('no responses');
  return flags;
}

const ratio = (value: number, base: number) => (base > 0 ? value / base : 0);

export function ratios(of: RatioFigures, ceiling: RatioFigures): RatioFigures {
  return {
    reqPerSec: ratio(of.reqPerSec, ceiling.reqPerSec),
    p50Ms: ratio(of.p50Ms, ceiling.p50Ms),
    p99Ms: ratio(of.p99Ms, ceiling.p99Ms),
    p999Ms: ratio(of.p999Ms, ceiling.p999Ms),
    maxMs: ratio(of.maxMs, ceiling.maxMs),
  };
}
