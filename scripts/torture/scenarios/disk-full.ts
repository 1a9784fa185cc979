// A full or failing disk, in-process (the store's file layer from test/support/faulty-data-files.ts, with --fsync so
// that a failed fdatasync counts too), under the same writers as the kill rounds, while readers export the whole
// state and page through the lists: every write during a fault is 503 storage-unavailable with Retry-After; no
// reader ever sees one of them; when only some writes fail the rest are acknowledged; once the fault clears,
// writes succeed without a restart; and after a restart the data holds exactly the acknowledged writes.
import type { AddressInfo } from 'node:net';
import { faultyDataFiles, type FaultyDataFiles } from '../../../test/support/faulty-data-files.js';
import { seededRandom } from '../../../test/support/seeded-random.js';
import { startMock, type StartedMock } from '../../../test/support/start-mock.js';
import { testToken } from '../../../test/support/test-keys.js';
import { type Answer, call, exportTest } from '../http.js';
import { count, type Outcome, type Scenario } from '../scenario.js';
import { addStats, noStats, startWriters, type WriterStats } from '../writers.js';
import { verdictFailures, WriteModel } from '../write-model.js';

const writers = 4;
const phaseMs = 600;

interface Phase {
  name: string;
  fault?: (files: FaultyDataFiles) => void;
  /** Whether nothing may be acknowledged in it (so readers must see the state it started with). */
  refusesAll: boolean;
}

const phases: Phase[] = [
  { name: 'healthy', refusesAll: false },
  { name: 'ENOSPC on every journal write', fault: (f) => f.fail('write', 'ENOSPC'), refusesAll: true },
  { name: 'healthy again', refusesAll: false },
  { name: 'EIO on every fdatasync', fault: (f) => f.fail('sync', 'EIO'), refusesAll: true },
  { name: 'EIO on writes after the next 5', fault: (f) => f.fail('write', 'EIO', 5), refusesAll: false },
  { name: 'cleared', refusesAll: false },
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function listening(mock: StartedMock): Promise<string> {
  await mock.app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(mock.app.server.address() as AddressInfo).port}`;
}

/** Readers while nothing can be acknowledged: whole exports and list pages, each compared with the model. */
async function readWhile(baseUrl: string, model: WriteModel, reading: () => boolean): Promise<{ reads: number; seen: string[] }> {
  const seen: string[] = [];
  let reads = 0;
  const exporter = async () => {
    while (reading()) {
      const verdict = model.verify(await exportTest(baseUrl));
      reads++;
      seen.push(...verdictFailures(verdict));
    }
  };
  const pager = async (kind: 'customers' | 'installations') => {
    for (let offset = 0; reading(); offset = (offset + 200) % 2000) {
      const page = (await call(baseUrl, 'GET', `/test/${kind}?limit=200&offset=${offset}`)) as Answer;
      reads++;
      for (const item of (page.body as { items: Record<string, unknown>[] }).items) {
        const id = item[kind === 'customers' ? 'customerId' : 'installationId'] as string;
        const expected = model.current(kind, id);
        if (!expected || expected.version !== item.version) seen.push(`${kind}/${id} at version ${String(item.version)} in a list, acknowledged ${expected ? `version ${String(expected.version)}` : 'never'}`);
      }
    }
  };
  await Promise.all([exporter(), pager('customers'), pager('installations')]);
  return { reads, seen };
}

export const diskFull: Scenario = {
  name: 'disk full / I/O errors',
  share: 0,
  async run(context): Promise<Outcome> {
    const files = faultyDataFiles();
    const mock = await startMock({ dataFiles: files, fsync: true });
    const random = seededRandom(context.seed);
    const token = await testToken('test', 'torture@example.no');
    const model = new WriteModel();
    const failures: string[] = [];
    const byPhase: Record<string, WriterStats> = {};
    let total = noStats();
    let reads = 0;
    try {
      let baseUrl = await listening(mock);
      for (const phase of phases) {
        files.clear();
        phase.fault?.(files);
        const session = startWriters({ baseUrl, model, prefix: 'D', count: writers, random, token });
        let reading = phase.refusesAll;
        const readers = phase.refusesAll ? readWhile(baseUrl, model, () => reading) : Promise.resolve({ reads: 0, seen: [] });
        await sleep(phaseMs);
        session.stop();
        const stats = await session.done;
        reading = false;
        const read = await readers;
        reads += read.reads;
        byPhase[phase.name] = stats;
        total = addStats(total, stats);
        const refusals = Object.entries(stats.refused);
        if (phase.fault && stats.refused['503 storage-unavailable'] === undefined) failures.push(`${phase.name}: no write was refused`);
        if (phase.refusesAll && stats.acknowledged > 0) failures.push(`${phase.name}: ${stats.acknowledged} writes acknowledged during the fault`);
        if (phase.fault && !phase.refusesAll && stats.acknowledged === 0) failures.push(`${phase.name}: no write acknowledged`);
        for (const [key, n] of refusals) if (key !== '503 storage-unavailable' || !phase.fault) failures.push(`${phase.name}: ${n} × ${key}`);
        if (stats.withoutRetryAfter > 0) failures.push(`${phase.name}: ${stats.withoutRetryAfter} refusals without Retry-After`);
        if (stats.unacknowledged > 0) failures.push(`${phase.name}: ${stats.unacknowledged} writes got no answer`);
        failures.push(...read.seen.map((s) => `${phase.name}: a reader saw what was not acknowledged: ${s}`));
        context.log(`${phase.name}: ${stats.acknowledged} acknowledged, ${stats.refused['503 storage-unavailable'] ?? 0} refused, ${read.reads} reads`);
      }
      await mock.restart();
      baseUrl = await listening(mock);
      const verdict = model.verify(await exportTest(baseUrl));
      failures.push(...verdictFailures(verdict).map((f) => `after restart: ${f}`));
      const refused = total.refused['503 storage-unavailable'] ?? 0;
      return {
        done: `${writers} writers through ${phases.length} phases of ${phaseMs} ms (ENOSPC on write, EIO on fdatasync, EIO after 5 writes, cleared) with readers; restart`,
        result: `${count(refused)} writes refused 503 with Retry-After (${total.withoutRetryAfter} without), seen by readers ${failures.filter((f) => f.includes('a reader saw')).length} times in ${count(reads)} reads; ${count(total.acknowledged)} acknowledged, ${count(byPhase.cleared?.acknowledged ?? 0)} after clearing; after restart ${verdict.lost.length} lost, ${verdict.phantoms.length} unacknowledged present`,
        pass: failures.length === 0,
        figures: {
          writers,
          phaseMs,
          refused,
          withoutRetryAfter: total.withoutRetryAfter,
          reads,
          acknowledged: total.acknowledged,
          acknowledgedAfterClearing: byPhase.cleared?.acknowledged ?? 0,
          lostAfterRestart: verdict.lost.length,
          unacknowledgedPresent: verdict.phantoms.length,
          writeFailures: files.failures.write,
          syncFailures: files.failures.sync,
        },
        failures,
      };
    } finally {
      files.clear();
      await mock.close();
    }
  },
};
