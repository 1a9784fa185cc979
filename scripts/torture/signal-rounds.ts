// Stop a mock under write load, restart it on the same data, check every acknowledged write: the rounds that
// kill -9 and SIGTERM share. One mock serves each round's writes and, once restarted, is checked and then serves
// the next round's, so that every kill also lands on data that earlier rounds left. A small compaction threshold
// makes some kills land while the journal is folded into the data file.
import { seededRandom } from '../../test/support/seeded-random.js';
import { testToken } from '../../test/support/test-keys.js';
import type { MockProcess } from '../../test/support/spawn-mock.js';
import { exportTest } from './http.js';
import { startMockProcess, stopMock, workdir } from './mocks.js';
import type { TortureContext } from './scenario.js';
import { addStats, noStats, startWriters, type WriterStats } from './writers.js';
import { addVerdict, emptyVerdict, type Verdict, verdictFailures, WriteModel } from './write-model.js';

export interface SignalRoundsOptions {
  signal: 'SIGKILL' | 'SIGTERM';
  rounds: number;
  writers: number;
  /** How long the writers write before the signal, at random between these (ms). */
  writeMs: [number, number];
}

export interface SignalRoundsResult {
  rounds: number;
  stats: WriterStats;
  verdict: Verdict;
  /** How each stopped process ended (exit code or signal), by round. */
  exits: (number | NodeJS.Signals)[];
  /** Milliseconds from SIGTERM to the process's end, by round. */
  stopMs: number[];
  records: number;
  failures: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function signalRounds(context: TortureContext, options: SignalRoundsOptions): Promise<SignalRoundsResult> {
  const random = seededRandom(context.seed);
  const deadline = performance.now() + context.budgetMs;
  const work = await workdir();
  const args = ['--compact-after', '16384'];
  const token = await testToken('test', 'torture@example.no');
  const model = new WriteModel();
  const result: SignalRoundsResult = { rounds: 0, stats: noStats(), verdict: emptyVerdict(), exits: [], stopMs: [], records: 0, failures: [] };
  let mock: MockProcess | undefined;
  try {
    mock = await startMockProcess(work.dataFile, args);
    for (let round = 0; round < options.rounds && (round === 0 || performance.now() < deadline); round++) {
      const writers = startWriters({ baseUrl: mock.baseUrl, model, prefix: 'K', count: options.writers, random, token });
      const [low, high] = options.writeMs;
      await sleep(low + random() * (high - low));
      const stopping = performance.now();
      const exit = await stopMock(mock, options.signal);
      result.stopMs.push(Math.round(performance.now() - stopping));
      result.exits.push(exit);
      writers.stop();
      result.stats = addStats(result.stats, await writers.done);
      mock = await startMockProcess(work.dataFile, args);
      const state = await exportTest(mock.baseUrl);
      const verdict = model.verify(state);
      result.verdict = addVerdict(result.verdict, verdict);
      result.records = Object.values(state).reduce((sum, records) => sum + Object.keys(records).length, 0);
      result.rounds++;
      context.log(`round ${round + 1}: ${result.stats.acknowledged} acknowledged so far, ${verdict.lost.length} lost, ${result.records} records`);
    }
  } catch (error) {
    result.failures.push(`round ${result.rounds + 1}: ${(error as Error).message}`);
  } finally {
    if (mock) await stopMock(mock);
    if (result.failures.length === 0 && verdictFailures(result.verdict).length === 0) await work.remove();
    else context.log(`data kept for inspection in ${work.dir}`);
  }
  return result;
}
