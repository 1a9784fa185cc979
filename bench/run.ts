// npm run bench: measures the mock against a bare-Fastify ceiling (and Prism's mock) in one run, with interleaved
// rounds, and prints a table of figures and their ratios to the ceiling; writes the same as JSON.
// Every server runs as its own process on 127.0.0.1 and is stopped by this script, also on failure and Ctrl-C.
import { rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { stopCurrentLoad } from './load.js';
import { currentLoadAverage, machineInfo } from './machine.js';
import { readRss } from './memory.js';
import { type BenchOptions, parseOptions, usage, UsageError } from './options.js';
import { startPrismPeer } from './prism-peer.js';
import { killAllNow, stopAll } from './processes.js';
import type { BenchReport } from './report.js';
import { Rounds, sortScenarios } from './rounds.js';
import { scenarios } from './scenarios.js';
import type { DeliveryLatency } from './audit-flow-load.js';
import { type DataSetResult, measureDataSet } from './data-scale.js';
import { measureFlows } from './flow-block.js';
import { authHeaders, buildMock, ceilingKind, ceilingKindWith, documentedStartKind, mockConfigs, mockKind, npmCeilingKind, repoRoot, startServer } from './servers.js';
import { measureSoak } from './soak.js';
import { measureStartup } from './startup.js';
import { renderReport } from './table.js';
import { evaluateTargets } from './targets.js';
import { createWorkspace, sizeLabel } from './workspace.js';

const started = performance.now();
const log = (line: string) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

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

  buildMock();
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

  const rounds = new Rounds(options, workspace, log);
  const machine = machineInfo(repoRoot);
  log(`${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}; temp dir ${workspace.dir}`);
  try {
    const large = Math.max(...options.sizes);
    const seedSizes = [...new Set([0, ...options.sizes, ...(options.soakSec > 0 ? [options.soakSize] : [])])];
    log(`writing seed files (${seedSizes.map(sizeLabel).join(', ')})`);
    await Promise.all(seedSizes.map((size) => workspace.freshDataFile(size)));

    log('start-up times');
    const startup = await measureStartup(
      [
        () => Promise.resolve(ceilingKind),
        async () => mockKind('mock, empty data file', await workspace.freshDataFile(0)),
        async () => documentedStartKind('cubit-core-mock start, empty data file', 'cubit-core-mock', await workspace.freshDataFile(0)),
        async () => documentedStartKind('npm start, empty data file', 'npm start', await workspace.freshDataFile(0)),
        () => Promise.resolve(npmCeilingKind),
        async () => mockKind(`mock, ${sizeLabel(large)} customers`, await workspace.freshDataFile(large)),
      ],
      options.startupRuns,
      options.noiseLimit,
      log,
    );

    const small = Math.min(...options.sizes);
    // A page of 50 as the mock sends it, for the ceiling to send as well (GET /page): listCustomers beside a bare
    // server that writes as many bytes.
    const pageFile = join(workspace.dir, 'page-of-50.json');
    const pageSource = await startServer(mockKind('mock (a page of 50 for the ceiling)', await workspace.freshDataFile(small)));
    try {
      const answer = await fetch(`${pageSource.baseUrl}/customers?limit=50&offset=0`, { headers: authHeaders });
      if (!answer.ok) throw new Error(`a page of 50 from the mock: HTTP ${answer.status}`);
      await writeFile(pageFile, Buffer.from(await answer.arrayBuffer()));
    } finally {
      await pageSource.stop();
    }
    const ceiling = await startServer(ceilingKindWith(pageFile));
    const ceilingRss = await readRss(ceiling.pid);
    const ceilingTarget = rounds.target(ceiling, 0);
    const { server: prism, status: prismStatus } = await startPrismPeer(options, log);
    const prismRss = prism ? await readRss(prism.pid) : undefined;
    const prismTarget = prism ? rounds.target(prism, 1000) : undefined;

    let delivery: DeliveryLatency[] = [];
    const dataSets: DataSetResult[] = [];
    try {
      for (let round = 1; round <= options.rounds; round++) {
        log(`round ${round}/${options.rounds}`);
        await rounds.measure('ceilingPage', scenarios.ceilingPage, 'ceiling', ceiling, ceilingTarget);
        for (const size of options.sizes) {
          await rounds.measure('ceiling', scenarios.ceiling, 'ceiling', ceiling, ceilingTarget);
          // As `npm start` ships, then quiet: the cost of each default shows as the difference.
          for (const config of mockConfigs) await rounds.mockBlock(size, round === options.rounds, config);
        }
        if (options.flows) {
          await rounds.measure('ceiling', scenarios.ceiling, 'ceiling', ceiling, ceilingTarget);
          delivery = await measureFlows(rounds, small, log);
        }
        if (prism && prismTarget) await rounds.measure('prismGetCustomer', scenarios.prismGetCustomer, 'prism', prism, prismTarget);
      }
      if (options.dataSize > 0) dataSets.push(await measureDataSet(rounds, options.dataSize, 3, { exportImport: true, measureLoad: false, throughMock: true }, log));
      if (options.scale > 0) {
        await rounds.measure('ceiling', scenarios.ceiling, 'ceiling', ceiling, ceilingTarget);
        const scaled = await measureDataSet(rounds, options.scale, options.scaleInstallations, { exportImport: false, measureLoad: true, throughMock: false }, log);
        dataSets.push(scaled);
        // A set that could not be seeded (a fixture file longer than a string can be): the largest kind that can, customers alone.
        if (options.scaleInstallations > 0 && !scaled.steps.some((step) => step.step.startsWith('start the mock') && step.ok)) {
          await rounds.measure('ceiling', scenarios.ceiling, 'ceiling', ceiling, ceilingTarget);
          dataSets.push(await measureDataSet(rounds, options.scale, 0, { exportImport: false, measureLoad: true, throughMock: false }, log));
        }
      }
      const ceilingNow = await readRss(ceiling.pid);
      rounds.memory.set('ceiling', { server: 'ceiling', afterLoadMiB: ceilingRss.rssMiB, afterScenariosMiB: ceilingNow.rssMiB, peakMiB: ceilingNow.peakMiB });
      if (prism && prismRss) {
        const prismNow = await readRss(prism.pid);
        rounds.memory.set('prism', { server: 'prism', afterLoadMiB: prismRss.rssMiB, afterScenariosMiB: prismNow.rssMiB, peakMiB: prismNow.peakMiB });
      }
    } finally {
      await ceiling.stop();
      await prism?.stop();
    }

    const soak = options.soakSec > 0 ? await measureSoak(options, workspace, rounds.runTag, log) : undefined;

    machine.loadAverage.end = currentLoadAverage();
    const ceilingKey = 'ceiling';
    const partial: Omit<BenchReport, 'targets'> = {
      tool: 'cubit-core-mock bench',
      generatedAt: new Date().toISOString(),
      wallSec: (performance.now() - started) / 1000,
      machine,
      options,
      ceiling: ceilingKey,
      scenarios: sortScenarios(rounds.scenarioResults(ceilingKey), options.sizes),
      startup,
      startupRatio: Object.fromEntries(startup.filter((s) => s.name !== ceilingKind.name).map((s) => [s.name, s.medianMs / (startup[0]?.medianMs ?? s.medianMs)])),
      memory: [...rounds.memory.values()],
      soak,
      prism: prismStatus,
      delivery,
      dataSets,
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
