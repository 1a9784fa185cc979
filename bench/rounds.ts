// The interleaved rounds: one measured run of a scenario at a time against a running server (after a warm-up,
// and again when other processes disturbed it), the mock's scenarios per data-set size on a fresh process, and
// the figures of every scenario, merged over the rounds, with their ratios to the ceiling.
import { waitForQuiet } from './cpu.js';
import { combine, type Measurement, runLoad } from './load.js';
import { readRss } from './memory.js';
import type { BenchOptions } from './options.js';
import { httpGet } from './processes.js';
import { figures, measurementFlags, type MemoryResult, ratios, type ScenarioResult } from './report.js';
import { flowScenarioOrder, mockScenarioOrder, type Scenario, scenarios, type Target } from './scenarios.js';
import { authHeaders, type MockConfig, mockKind, type Server, startServer } from './servers.js';
import { sizeLabel, type Workspace } from './workspace.js';

interface Accumulated {
  scenario: Scenario;
  server: ScenarioResult['server'];
  size?: number;
  config?: MockConfig;
  measurements: Measurement[];
  /** Runs measured again because other processes were busy; kept for the record. */
  discarded: Measurement[];
  flags: string[];
  notes: string[];
}

export class Rounds {
  private readonly results = new Map<string, Accumulated>();
  readonly memory = new Map<string, MemoryResult>();
  readonly runTag = Date.now().toString(36);

  constructor(
    readonly options: BenchOptions,
    readonly workspace: Workspace,
    private readonly log: (line: string) => void,
  ) {}

  target(server: Server, size: number): Target {
    return { basePath: new URL(server.baseUrl).pathname.replace(/\/$/, ''), headers: authHeaders, size, counters: { read: 0, revision: 0, created: 0 }, runTag: this.runTag };
  }

  private entry(key: string, scenario: Scenario, server: Accumulated['server'], size?: number, config?: MockConfig): Accumulated {
    let entry = this.results.get(key);
    if (!entry) {
      entry = { scenario, server, ...(size === undefined ? {} : { size }), ...(config === undefined ? {} : { config }), measurements: [], discarded: [], flags: [], notes: [] };
      this.results.set(key, entry);
    }
    return entry;
  }

  /** Warm-up (unmeasured), then one measured run of a scenario against a running server. */
  async measure(key: string, scenario: Scenario, kind: Accumulated['server'], server: Server, target: Target, size?: number, config?: MockConfig): Promise<Accumulated> {
    const entry = this.entry(key, scenario, kind, size, config);
    const load = (durationSec: number) =>
      runLoad({
        origin: `http://127.0.0.1:${server.port}`,
        requests: scenario.requests(target),
        connections: this.options.connections,
        durationSec,
        ...(scenario.grows ? { maxRequests: this.options.maxCreates } : {}),
        expectedStatus: scenario.expectedStatus,
        watchPids: [server.pid],
      });
    const name = `${scenario.label}${size === undefined ? '' : ` ${sizeLabel(size)}`}${config === undefined ? '' : ` (${config})`}`;
    if (this.options.warmupSec > 0) await load(this.options.warmupSec);
    let measurement = await load(this.options.durationSec);
    // Other work on the machine slows a run down: once the machine is quiet again (waiting a few seconds at
    // most), measure again, and keep the quietest run. While the machine stays busy, there is no point.
    for (let retry = 1; retry <= this.options.retries && measurement.otherCpu > this.options.noiseLimit; retry++) {
      const share = await waitForQuiet(this.options.noiseLimit, 5_000);
      if (share > this.options.noiseLimit) {
        this.log(`${name}: other processes took ${(measurement.otherCpu * 100).toFixed(0)}% of the CPU, and still take ${(share * 100).toFixed(0)}%: keeping this run`);
        break;
      }
      this.log(`${name}: other processes took ${(measurement.otherCpu * 100).toFixed(0)}% of the CPU; quiet now, measuring again`);
      const again = await load(this.options.durationSec);
      const [kept, dropped] = again.otherCpu < measurement.otherCpu ? [again, measurement] : [measurement, again];
      entry.discarded.push(dropped);
      measurement = kept;
    }
    if (server.child.hasExited()) throw new Error(`${server.name} exited during ${scenario.label}:\n${server.child.output()}`);
    entry.measurements.push(measurement);
    const f = figures(measurement);
    this.log(`${name}: ${f.reqPerSec.toFixed(0)} req/s, p99 ${f.p99Ms.toFixed(2)} ms, max ${f.maxMs.toFixed(1)} ms, others ${(f.otherCpu * 100).toFixed(0)}% CPU`);
    return entry;
  }

  async customerTotal(server: Server): Promise<number> {
    const answer = await httpGet(`${server.baseUrl}/customers?limit=1`, authHeaders);
    return (JSON.parse(answer.body) as { total: number }).total;
  }

  /**
   * One server process per data-set size and configuration: start from a fresh seed copy, run the scenarios in
   * order, stop. Keys: `getCustomer@1000` (quiet), `getCustomer@1000/default`.
   */
  async mockBlock(size: number, isLastRound: boolean, config: MockConfig = 'quiet'): Promise<void> {
    const suffix = config === 'quiet' ? '' : `/${config}`;
    const server = await startServer(mockKind(`mock ${sizeLabel(size)} (${config})`, await this.workspace.freshDataFile(size), config));
    try {
      const afterLoad = await readRss(server.pid);
      const target = this.target(server, size);
      let beforeCreates: number | undefined;
      for (const id of mockScenarioOrder) {
        const scenario = scenarios[id];
        const key = `${id}@${size}${suffix}`;
        if (scenario.grows && isLastRound && beforeCreates === undefined) beforeCreates = (await readRss(server.pid)).rssMiB;
        const before = scenario.grows ? await this.customerTotal(server) : 0;
        const entry = await this.measure(key, scenario, 'mock', server, target, size, config);
        if (id === 'upsertUpdate') await this.checkUpdatesApplied(server, entry);
        if (scenario.grows) {
          const after = await this.customerTotal(server);
          const created = entry.measurements.at(-1)?.statusCounts['201'] ?? 0;
          entry.notes.push(`customers ${before} → ${after} during the run (warm-up included)`);
          if (after - before < created) entry.flags.push(`only ${after - before} customers added for ${created} answers 201`);
        }
      }
      if (isLastRound) {
        const now = await readRss(server.pid);
        this.memory.set(`mock@${size}${suffix}`, {
          server: 'mock',
          size,
          config,
          afterLoadMiB: afterLoad.rssMiB,
          beforeCreatesMiB: beforeCreates,
          afterScenariosMiB: now.rssMiB,
          peakMiB: now.peakMiB,
        });
      }
    } finally {
      await server.stop();
    }
  }

  /** An update run that wrote nothing would measure nothing: check that the first updated customer changed. */
  private async checkUpdatesApplied(server: Server, entry: Accumulated): Promise<void> {
    const answer = await httpGet(`${server.baseUrl}/customers/CUST-0000000`, authHeaders);
    const stored = JSON.parse(answer.body) as { version?: number; externalReference?: string };
    if (answer.status !== 200 || !(stored.version && stored.version > 1) || !stored.externalReference?.startsWith(`REV-${this.runTag}-`)) {
      const flag = `updates not applied (CUST-0000000 answered ${answer.status}, version ${stored.version})`;
      if (!entry.flags.includes(flag)) entry.flags.push(flag);
    }
  }

  /** The runs a scenario's figures come from: those during which the machine was quiet, if there are any. */
  private used(entry: Accumulated): Measurement[] {
    const quiet = entry.measurements.filter((m) => m.otherCpu <= this.options.noiseLimit);
    return quiet.length > 0 ? quiet : entry.measurements;
  }

  scenarioResults(ceilingKey: string): ScenarioResult[] {
    const ceiling = this.results.get(ceilingKey);
    const ceilingFigures = ceiling ? figures(combine(this.used(ceiling))) : undefined;
    return [...this.results.entries()].map(([key, entry]) => {
      const used = this.used(entry);
      const f = figures(combine(used));
      const left = entry.measurements.filter((m) => !used.includes(m));
      return {
        key,
        scenario: entry.scenario.id,
        label: entry.scenario.label,
        server: entry.server,
        ...(entry.size === undefined ? {} : { size: entry.size }),
        ...(entry.config === undefined ? {} : { config: entry.config }),
        ...f,
        ratioToCeiling: ceilingFigures ? ratios(f, ceilingFigures) : ratios(f, f),
        runs: entry.measurements.map(figures),
        runsUsed: entry.measurements.map((m) => used.includes(m)),
        discardedRuns: entry.discarded.map(figures),
        flags: [...measurementFlags(combine(entry.measurements), entry.scenario.expectedStatus), ...entry.flags],
        notes: [
          ...entry.notes,
          ...(entry.discarded.length > 0
            ? [`${entry.discarded.length} run(s) measured again and dropped: others took ${entry.discarded.map((d) => `${(d.otherCpu * 100).toFixed(0)}%`).join(', ')} of the CPU`]
            : []),
          ...(left.length > 0
            ? [`${left.length} of ${entry.measurements.length} runs left out of the figures: others took ${left.map((m) => `${(m.otherCpu * 100).toFixed(0)}%`).join(', ')} of the CPU during them`]
            : []),
        ],
      };
    });
  }
}

/** The order of rows in the table: ceiling, then each size's scenarios (default configuration, then quiet), the flows, then Prism. */
export function sortScenarios(results: ScenarioResult[], sizes: number[]): ScenarioResult[] {
  const rank = (s: ScenarioResult) => {
    if (s.server === 'ceiling') return -1;
    if (s.server === 'prism') return 1e9;
    const order = mockScenarioOrder.indexOf(s.scenario);
    if (order < 0) return 1e8 + flowScenarioOrder.indexOf(s.scenario);
    return sizes.indexOf(s.size ?? 0) * 100 + (s.config === 'quiet' ? 50 : 0) + order;
  };
  return [...results].sort((a, b) => rank(a) - rank(b));
}
