// npm run bench: measures the mock against a bare-Fastify ceiling (and Prism's mock) in one run, with interleaved
// rounds, and prints a table of figures and their ratios to the ceiling; writes the same as JSON.
// Every server runs as its own process on 127.0.0.1 and is stopped by this script, also on failure and Ctrl-C.
import { rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { waitForQuiet } from './cpu.js';
import { httpGet, killAllNow, stopAll } from './processes.js';
import { combine, type Measurement, runLoad, stopCurrentLoad } from './load.js';
import { currentLoadAverage, machineInfo } from './machine.js';
import { readRss } from './memory.js';
import { type BenchOptions, parseOptions, usage, UsageError } from './options.js';
import { type BenchReport, figures, measurementFlags, type MemoryResult, type PrismStatus, ratios, type ScenarioResult, type SoakResult } from './report.js';
import { mockScenarioOrder, type Scenario, scenarios, type Target } from './scenarios.js';
import { authHeaders, ceilingKind, mockKind, prismCli, prismKind, repoRoot, type Server, startServer } from './servers.js';
import { runSoak, soakReadStatus, soakWriteStatus } from './soak.js';
import { measureStartup } from './startup.js';
import { renderReport } from './table.js';
import { evaluateTargets } from './targets.js';
import { createWorkspace, sizeLabel, type Workspace } from './workspace.js';

const started = performance.now();
const log = (line: string) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

interface Accumulated {
  scenario: Scenario;
  server: ScenarioResult['server'];
  size?: number;
  measurements: Measurement[];
  /** Runs measured again because other processes were busy; kept for the record. */
  discarded: Measurement[];
  flags: string[];
  notes: string[];
}

class Bench {
  private readonly results = new Map<string, Accumulated>();
  readonly memory = new Map<string, MemoryResult>();
  readonly runTag = Date.now().toString(36);

  constructor(
    readonly options: BenchOptions,
    readonly workspace: Workspace,
  ) {}

  target(server: Server, size: number): Target {
    return { basePath: new URL(server.baseUrl).pathname.replace(/\/$/, ''), headers: authHeaders, size, counters: { read: 0, revision: 0, created: 0 }, runTag: this.runTag };
  }

  private entry(key: string, scenario: Scenario, server: Accumulated['server'], size?: number): Accumulated {
    let entry = this.results.get(key);
    if (!entry) {
      entry = { scenario, server, ...(size === undefined ? {} : { size }), measurements: [], discarded: [], flags: [], notes: [] };
      this.results.set(key, entry);
    }
    return entry;
  }

  /** Warm-up (unmeasured), then one measured run of a scenario against a running server. */
  async measure(key: string, scenario: Scenario, kind: Accumulated['server'], server: Server, target: Target, size?: number): Promise<Accumulated> {
    const entry = this.entry(key, scenario, kind, size);
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
    const name = `${scenario.label}${size === undefined ? '' : ` ${sizeLabel(size)}`}`;
    if (this.options.warmupSec > 0) await load(this.options.warmupSec);
    let measurement = await load(this.options.durationSec);
    // Other work on the machine slows a run down: once the machine is quiet again (waiting a few seconds at
    // most), measure again, and keep the quietest run. While the machine stays busy, there is no point.
    for (let retry = 1; retry <= this.options.retries && measurement.otherCpu > this.options.noiseLimit; retry++) {
      const share = await waitForQuiet(this.options.noiseLimit, 5_000);
      if (share > this.options.noiseLimit) {
        log(`${name}: other processes took ${(measurement.otherCpu * 100).toFixed(0)}% of the CPU, and still take ${(share * 100).toFixed(0)}%: keeping this run`);
        break;
      }
      log(`${name}: other processes took ${(measurement.otherCpu * 100).toFixed(0)}% of the CPU; quiet now, measuring again`);
      const again = await load(this.options.durationSec);
      const [kept, dropped] = again.otherCpu < measurement.otherCpu ? [again, measurement] : [measurement, again];
      entry.discarded.push(dropped);
      measurement = kept;
    }
    if (server.child.hasExited()) throw new Error(`${server.name} exited during ${scenario.label}:\n${server.child.output()}`);
    entry.measurements.push(measurement);
    const f = figures(measurement);
    log(`${name}: ${f.reqPerSec.toFixed(0)} req/s, p99 ${f.p99Ms.toFixed(2)} ms, max ${f.maxMs.toFixed(1)} ms, others ${(f.otherCpu * 100).toFixed(0)}% CPU`);
    return entry;
  }

  async customerTotal(server: Server): Promise<number> {
    const answer = await httpGet(`${server.baseUrl}/customers?limit=1`, authHeaders);
    return (JSON.parse(answer.body) as { total: number }).total;
  }

  /** One server process per data-set size: start from a fresh seed copy, run the scenarios in order, stop. */
  async mockBlock(size: number, isLastRound: boolean): Promise<void> {
    const server = await startServer(mockKind(`mock ${sizeLabel(size)}`, await this.workspace.freshDataFile(size)));
    try {
      const afterLoad = await readRss(server.pid);
      const target = this.target(server, size);
      for (const id of mockScenarioOrder) {
        const scenario = scenarios[id];
        const key = `${id}@${size}`;
        const before = scenario.grows ? await this.customerTotal(server) : 0;
        const entry = await this.measure(key, scenario, 'mock', server, target, size);
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
        this.memory.set(`mock@${size}`, { server: 'mock', size, afterLoadMiB: afterLoad.rssMiB, afterScenariosMiB: now.rssMiB, peakMiB: now.peakMiB });
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

/** The order of rows in the table: ceiling, then each size's scenarios, then Prism. */
function sortScenarios(results: ScenarioResult[], sizes: number[]): ScenarioResult[] {
  const rank = (s: ScenarioResult) => {
    if (s.server === 'ceiling') return -1;
    if (s.server === 'prism') return 1e9;
    return sizes.indexOf(s.size ?? 0) * 100 + mockScenarioOrder.indexOf(s.scenario);
  };
  return [...results].sort((a, b) => rank(a) - rank(b));
}

async function main(): Promise<number> {
  let options: BenchOptions | 'help';
  try {
    options = parseOptions(process.argv.slice(2), process.cwd());
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (options === 'help') {
    process.stdout.write(usage);
    return 0;
  }

  const workspace = await createWorkspace();
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    log(`${signal}: stopping the load and every server`);
    stopCurrentLoad();
    void stopAll().finally(() => {
      rmSync(workspace.dir, { recursive: true, force: true });
      process.exit(130);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', () => {
    killAllNow();
    rmSync(workspace.dir, { recursive: true, force: true });
  });

  const bench = new Bench(options, workspace);
  const machine = machineInfo(repoRoot);
  log(`${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}; temp dir ${workspace.dir}`);
  try {
    const large = Math.max(...options.sizes);
    log(`writing seed files (${[...new Set([0, ...options.sizes, ...(options.soakSec > 0 ? [options.soakSize] : [])])].map(sizeLabel).join(', ')})`);
    await Promise.all([0, ...options.sizes, ...(options.soakSec > 0 ? [options.soakSize] : [])].map((size) => workspace.freshDataFile(size)));

    log('start-up times');
    const startup = await measureStartup(
      [
        () => Promise.resolve(ceilingKind),
        async () => mockKind('mock, empty data file', await workspace.freshDataFile(0)),
        async () => mockKind(`mock, ${sizeLabel(large)} customers`, await workspace.freshDataFile(large)),
      ],
      options.startupRuns,
      options.noiseLimit,
      log,
    );

    const ceiling = await startServer(ceilingKind);
    const ceilingRss = await readRss(ceiling.pid);
    const ceilingTarget = bench.target(ceiling, 0);
    let prism: Server | undefined;
    let prismRss: Awaited<ReturnType<typeof readRss>> | undefined;
    let prismStatus: PrismStatus = { status: 'skipped', reason: options.quick ? '--quick' : '--no-prism' };
    if (options.prism) {
      const cli = prismCli();
      if (!cli) prismStatus = { status: 'skipped', reason: '@stoplight/prism-cli is not installed' };
      else {
        try {
          prism = await startServer(prismKind(cli));
          prismRss = await readRss(prism.pid);
          prismStatus = { status: 'measured', startupMs: prism.startupMs };
        } catch (error) {
          prismStatus = { status: 'failed', reason: `Prism did not start: ${(error as Error).message.split('\n')[0]}` };
          log(prismStatus.reason ?? '');
        }
      }
    }
    const prismTarget = prism ? bench.target(prism, 1000) : undefined;

    try {
      for (let round = 1; round <= options.rounds; round++) {
        log(`round ${round}/${options.rounds}`);
        for (const size of options.sizes) {
          await bench.measure('ceiling', scenarios.ceiling, 'ceiling', ceiling, ceilingTarget);
          await bench.mockBlock(size, round === options.rounds);
        }
        if (prism && prismTarget) await bench.measure('prismGetCustomer', scenarios.prismGetCustomer, 'prism', prism, prismTarget);
      }
      const ceilingNow = await readRss(ceiling.pid);
      bench.memory.set('ceiling', { server: 'ceiling', afterLoadMiB: ceilingRss.rssMiB, afterScenariosMiB: ceilingNow.rssMiB, peakMiB: ceilingNow.peakMiB });
      if (prism && prismRss) {
        const prismNow = await readRss(prism.pid);
        bench.memory.set('prism', { server: 'prism', afterLoadMiB: prismRss.rssMiB, afterScenariosMiB: prismNow.rssMiB, peakMiB: prismNow.peakMiB });
      }
    } finally {
      await ceiling.stop();
      await prism?.stop();
    }

    let soak: SoakResult | undefined;
    if (options.soakSec > 0) {
      log(`soak: ${options.soakSec} s of mixed writes and reads at ${sizeLabel(options.soakSize)}`);
      const server = await startServer(mockKind(`mock ${sizeLabel(options.soakSize)} (soak)`, await workspace.freshDataFile(options.soakSize)));
      try {
        await waitForQuiet(options.noiseLimit, 10_000);
        const result = await runSoak(`http://127.0.0.1:${server.port}`, bench.target(server, options.soakSize), options.connections, options.soakSec, [server.pid]);
        if (server.child.hasExited()) throw new Error(`${server.name} exited during the soak:\n${server.child.output()}`);
        const rss = await readRss(server.pid);
        soak = {
          durationSec: options.soakSec,
          size: options.soakSize,
          readers: result.readers,
          writers: result.writers,
          overall: figures(result.overall),
          reads: figures(result.reads),
          writes: figures(result.writes),
          flags: [...measurementFlags(result.reads, soakReadStatus).map((f) => `reads: ${f}`), ...measurementFlags(result.writes, soakWriteStatus).map((f) => `writes: ${f}`)],
          rssAfterMiB: rss.rssMiB,
        };
        log(`soak: max ${soak.overall.maxMs.toFixed(1)} ms, ${soak.overall.over100ms} responses over 100 ms`);
      } finally {
        await server.stop();
      }
    }

    machine.loadAverage.end = currentLoadAverage();
    const ceilingKey = 'ceiling';
    const partial: Omit<BenchReport, 'targets'> = {
      tool: 'cubit-core-mock bench',
      generatedAt: new Date().toISOString(),
      wallSec: (performance.now() - started) / 1000,
      machine,
      options,
      ceiling: ceilingKey,
      scenarios: sortScenarios(bench.scenarioResults(ceilingKey), options.sizes),
      startup,
      startupRatio: Object.fromEntries(startup.filter((s) => s.name !== ceilingKind.name).map((s) => [s.name, s.medianMs / (startup[0]?.medianMs ?? s.medianMs)])),
      memory: [...bench.memory.values()],
      soak,
      prism: prismStatus,
    };
    const report: BenchReport = { ...partial, targets: evaluateTargets(partial) };
    await mkdir(dirname(options.out), { recursive: true });
    await writeFile(options.out, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(renderReport(report));
    return 0;
  } finally {
    await stopAll();
    await workspace.remove();
  }
}

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    await stopAll();
    process.exit(1);
  },
);
