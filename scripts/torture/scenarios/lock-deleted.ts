// The lock deleted under a running mock, and a second mock started on the same data while writers keep writing to
// both: the second takes the data file over, the first stops writing (503 storage-unavailable, and says so in its
// log) instead of interleaving with it, a graceful stop of the first writes nothing, and a third mock started
// afterwards loads the files (a journal that interleaved would be refused) holding exactly the acknowledged writes.
import { rm } from 'node:fs/promises';
import { lockDirOf } from '../../../src/store/data-file-lock.js';
import { seededRandom } from '../../../test/support/seeded-random.js';
import { testToken } from '../../../test/support/test-keys.js';
import type { MockProcess } from '../../../test/support/spawn-mock.js';
import { exportTest } from '../http.js';
import { startMockProcess, stopMock, workdir } from '../mocks.js';
import { count, type Outcome, type Scenario } from '../scenario.js';
import { startWriters } from '../writers.js';
import { verdictFailures, WriteModel } from '../write-model.js';

const writers = 3;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const lockDeleted: Scenario = {
  name: 'lock deleted under a running mock',
  share: 0,
  async run(context): Promise<Outcome> {
    const work = await workdir();
    const random = seededRandom(context.seed);
    const token = await testToken('test', 'torture@example.no');
    const model = new WriteModel();
    const failures: string[] = [];
    const running: MockProcess[] = [];
    try {
      const first = await startMockProcess(work.dataFile);
      running.push(first);
      const onFirst = startWriters({ baseUrl: first.baseUrl, model, prefix: 'A', count: writers, random, token });
      await sleep(500);
      await rm(lockDirOf(work.dataFile), { recursive: true, force: true });
      await sleep(300);
      const second = await startMockProcess(work.dataFile);
      running.push(second);
      const onSecond = startWriters({ baseUrl: second.baseUrl, model, prefix: 'B', count: writers, random, token });
      await sleep(1500);
      onFirst.stop();
      onSecond.stop();
      const [a, b] = await Promise.all([onFirst.done, onSecond.done]);
      const firstRefused = a.refused['503 storage-unavailable'] ?? 0;
      const firstOther = Object.entries(a.refused).filter(([key]) => key !== '503 storage-unavailable');
      if (firstRefused === 0) failures.push('the first mock never refused a write after the second took the data file over');
      if (firstOther.length > 0 || Object.keys(b.refused).length > 0) failures.push(`unexpected refusals: first ${JSON.stringify(a.refused)}, second ${JSON.stringify(b.refused)}`);
      if (b.acknowledged === 0) failures.push('the second mock acknowledged no write');
      const told = /taken over by another process/.test(first.stdout() + first.stderr());
      if (!told) failures.push("the first mock's log does not say that it lost the data file");
      // The second stops first: were the first to write on its way out, the third would load that, not the second's writes.
      const secondExit = await stopMock(second, 'SIGTERM');
      const firstExit = await stopMock(first, 'SIGTERM');
      if (secondExit !== 0) failures.push(`the second mock ended with ${secondExit} on SIGTERM`);
      const third = await startMockProcess(work.dataFile).catch((error: Error) => {
        failures.push(`a third mock did not start on the files: ${error.message.split('\n').slice(0, 3).join(' ')}`);
        return undefined;
      });
      let lost = -1;
      if (third) {
        running.push(third);
        const verdict = model.verify(await exportTest(third.baseUrl));
        lost = verdict.lost.length;
        failures.push(...verdictFailures(verdict));
      }
      return {
        done: `${writers} writers on a mock, its lock deleted, a second mock started on the data with ${writers} writers of its own; both stopped, a third started`,
        result: `first refused ${count(firstRefused)} writes after the takeover (log says so: ${told ? 'yes' : 'no'}, exit ${firstExit}); second acknowledged ${count(b.acknowledged)}; third ${third ? 'loaded the files' : 'was refused'}, acknowledged writes lost: ${lost < 0 ? 'unknown' : lost}`,
        pass: failures.length === 0,
        figures: { firstAcknowledged: a.acknowledged, firstRefused, secondAcknowledged: b.acknowledged, logSaysLost: told, thirdStarted: third !== undefined, acknowledgedLost: lost },
        failures,
      };
    } finally {
      for (const mock of running) await stopMock(mock);
      await work.remove();
    }
  },
};
