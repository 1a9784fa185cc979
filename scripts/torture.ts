// npm run torture: runs the reliability scenarios (scripts/torture/scenarios/) against real mock processes and the
// in-process mock, prints one table (scenario, what was done, result, verdict) and writes it as JSON under
// reports/torture/. Bounded in time (--duration); exit code 1 if any scenario fails. Not part of npm test.
import { buildMock, repoRoot } from '../bench/servers.js';
import { machineInfo } from '../bench/machine.js';
import { killAllMocks } from './torture/mocks.js';
import { parseOptions, type TortureOptions, usage, UsageError } from './torture/options.js';
import { renderFailures, renderTable, type ScenarioReport, writeReport } from './torture/report.js';
import { scenarios } from './torture/scenarios/index.js';

const started = performance.now();
const log = (line: string) => process.stderr.write(`[torture ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

async function main(): Promise<number> {
  let options: TortureOptions | 'help';
  try {
    options = parseOptions(process.argv.slice(2));
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
  const selected = options.only.length === 0 ? scenarios : scenarios.filter((s) => options.only.some((part) => s.name.toLowerCase().includes(part)));
  if (selected.length === 0) {
    process.stderr.write(`no scenario matches --only ${options.only.join(',')}; the scenarios are: ${scenarios.map((s) => s.name).join('; ')}\n`);
    return 2;
  }
  process.on('exit', killAllMocks);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      log(`${signal}: stopping every mock`);
      killAllMocks();
      process.exit(130);
    });
  }
  buildMock();
  const startedAt = new Date().toISOString();
  const machine = machineInfo(repoRoot);
  const command = `npm run torture -- --seed ${options.seed} --rounds ${options.rounds} --duration ${options.durationSec}${options.only.length ? ` --only ${options.only.join(',')}` : ''}`;
  log(`seed ${options.seed}; to repeat: ${command}`);
  const reports: ScenarioReport[] = [];
  for (const [index, scenario] of selected.entries()) {
    log(`${scenario.name} …`);
    const begin = performance.now();
    const context = {
      seed: options.seed + index,
      rounds: options.rounds,
      budgetMs: scenario.share * options.durationSec * 1000,
      log: (line: string) => log(`  ${scenario.name}: ${line}`),
    };
    let outcome;
    try {
      outcome = await scenario.run(context);
    } catch (error) {
      outcome = { done: 'did not finish', result: (error as Error).message.split('\n')[0] ?? '', pass: false, figures: {}, failures: [(error as Error).stack ?? String(error)] };
    }
    const seconds = Math.round((performance.now() - begin) / 100) / 10;
    reports.push({ name: scenario.name, seconds, ...outcome });
    log(`${scenario.name}: ${outcome.pass ? 'PASS' : 'FAIL'} in ${seconds} s`);
  }
  const pass = reports.every((r) => r.pass);
  const seconds = Math.round((performance.now() - started) / 1000);
  process.stdout.write(`\n${renderTable(reports)}\n\n`);
  const failures = renderFailures(reports);
  if (failures) process.stdout.write(`Failures:\n${failures}\n\n`);
  const file = await writeReport(repoRoot, { startedAt, command, options, machine, seconds, pass, scenarios: reports });
  process.stdout.write(`${pass ? 'All scenarios passed' : 'Some scenarios FAILED'} in ${seconds} s (seed ${options.seed}); report: ${file}\n`);
  return pass ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
