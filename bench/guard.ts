// The regression guard: a few seconds of the benchmark, run by `npm test` (bench/guard.test.ts) or by hand
// (node --import tsx bench/guard.ts; exit code 1 when it fails). The ceiling and the mock as `npm start` runs it,
// on 1k customers, measured interleaved: ceiling, getCustomer, upsertCustomer updates, twice; then the ratios are
// judged (guard-judge.ts).
import { pathToFileURL } from 'node:url';
import { type GuardFigures, type GuardScenario, type GuardVerdict, judgeGuard } from './guard-judge.js';
import { runLoad } from './load.js';
import { stopAll } from './processes.js';
import { scenarios, type Target } from './scenarios.js';
import { authHeaders, ceilingKind, mockKind, startServer } from './servers.js';
import { createWorkspace } from './workspace.js';

const rounds = 2;
const measureSec = 1;
const warmupSec = 0.3;
const connections = 10;

export async function runGuard(log: (line: string) => void = () => undefined): Promise<GuardVerdict & { figures: GuardFigures }> {
  const workspace = await createWorkspace();
  const ceiling = await startServer(ceilingKind);
  try {
    const mock = await startServer(mockKind('mock 1k (default)', await workspace.freshDataFile(1_000), 'default'));
    try {
      const totals = { ceiling: { responses: 0, seconds: 0 }, getCustomer: { responses: 0, seconds: 0 }, upsertUpdate: { responses: 0, seconds: 0 } };
      const target: Target = { basePath: '/test', headers: authHeaders, size: 1_000, counters: { read: 0, revision: 0, created: 0 }, runTag: `guard${Date.now().toString(36)}` };
      const ceilingTarget: Target = { ...target, basePath: '', headers: {}, counters: { read: 0, revision: 0, created: 0 } };
      const measure = async (key: keyof typeof totals, port: number, requests: Target) => {
        const scenario = scenarios[key];
        const load = (durationSec: number) =>
          runLoad({ origin: `http://127.0.0.1:${port}`, requests: scenario.requests(requests), connections, durationSec, expectedStatus: scenario.expectedStatus });
        await load(warmupSec);
        const m = await load(measureSec);
        if (m.unexpected > 0 || m.errors > 0) throw new Error(`${key}: ${m.unexpected} unexpected answers, ${m.errors} errors (${JSON.stringify(m.statusCounts)})`);
        totals[key].responses += m.responses;
        totals[key].seconds += m.durationSec;
        log(`${key}: ${(m.responses / m.durationSec).toFixed(0)} req/s`);
      };
      for (let round = 0; round < rounds; round++) {
        await measure('ceiling', ceiling.port, ceilingTarget);
        await measure('getCustomer', mock.port, target);
        await measure('upsertUpdate', mock.port, target);
      }
      const rate = (key: keyof typeof totals) => totals[key].responses / totals[key].seconds;
      const figures: GuardFigures = { ceiling: rate('ceiling'), scenarios: { getCustomer: rate('getCustomer'), upsertUpdate: rate('upsertUpdate') } satisfies Record<GuardScenario, number> };
      return { ...judgeGuard(figures), figures };
    } finally {
      await mock.stop();
    }
  } finally {
    await ceiling.stop();
    await workspace.remove();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runGuard((line) => process.stderr.write(`[guard] ${line}\n`)).then(
    (verdict) => {
      for (const [scenario, ratio] of Object.entries(verdict.ratios)) process.stdout.write(`${scenario}: ${ratio.toFixed(2)}× ceiling\n`);
      for (const failure of verdict.failures) process.stdout.write(`FAILED ${failure}\n`);
      process.exit(verdict.failures.length > 0 ? 1 : 0);
    },
    async (error: unknown) => {
      process.stderr.write(`guard failed to run: ${(error as Error).stack ?? String(error)}\n`);
      await stopAll();
      process.exit(2);
    },
  );
}
