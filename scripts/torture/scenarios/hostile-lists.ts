// The hostile lists of test/hostile-lists.test.ts, as a figure: twenty list requests at once on 100,000 customers
// and 20,000 installations, each a 400 or a 200 with at most one page, and how much resident memory they cost.
import { askAtOnce, hostileData, hostileLists, rssGrowthBoundMiB, rssGrowthDuring, warmUpLists } from '../../../test/support/hostile-lists.js';
import { writeLargeDataFile } from '../../../test/support/large-data-file.js';
import { MockClient } from '../../../test/support/mock-client.js';
import { startMockProcess, stopMock, workdir } from '../mocks.js';
import { count, type Outcome, type Scenario } from '../scenario.js';

const mib = (n: number) => `${n.toFixed(1)} MiB`;

export const hostileListsScenario: Scenario = {
  name: 'hostile lists',
  share: 0,
  async run(): Promise<Outcome> {
    if (process.platform !== 'linux') return { done: 'skipped', result: 'resident memory is read from /proc (Linux only)', pass: true, figures: {}, failures: [] };
    const work = await workdir();
    await writeLargeDataFile(work.dataFile, hostileData);
    const mock = await startMockProcess(work.dataFile);
    try {
      const client = await MockClient.http(mock.baseUrl);
      await Promise.all(warmUpLists.map((path) => client.request('test', 'GET', path)));
      const { result: verdicts, rss } = await rssGrowthDuring(mock.child.pid as number, () => askAtOnce(client));
      const wrong = verdicts.filter((v) => v.problem !== undefined);
      const refused = verdicts.filter((v) => v.status === 400).length;
      const pages = verdicts.filter((v) => v.status === 200);
      const failures = wrong.map((v) => `GET /test${v.path}: ${v.problem ?? ''}`);
      if (rss.growthMiB >= rssGrowthBoundMiB) failures.push(`resident memory grew by ${mib(rss.growthMiB)}, over the bound of ${rssGrowthBoundMiB} MiB`);
      return {
        done: `${hostileLists.length} list requests at once (limit=1e400, offset=1e400, huge offsets, limit=200, repeated and unknown parameters, a filter matching all) on ${count(hostileData.customers)} customers + ${count(hostileData.installations)} installations`,
        result: `${verdicts.length - wrong.length}/${verdicts.length} as documented (${refused} × 400, ${pages.length} × 200 with ≤ ${Math.max(0, ...pages.map((p) => p.items ?? 0))} items); RSS ${mib(rss.settledMiB)} settled, +${mib(Math.max(0, rss.growthMiB))} at peak (bound ${rssGrowthBoundMiB} MiB)`,
        pass: failures.length === 0,
        figures: { requests: verdicts.length, asDocumented: verdicts.length - wrong.length, refused, pages: pages.length, settledMiB: rss.settledMiB, peakMiB: rss.peakMiB ?? -1, afterMiB: rss.afterMiB, growthMiB: rss.growthMiB, boundMiB: rssGrowthBoundMiB },
        failures,
      };
    } finally {
      await stopMock(mock);
      await work.remove();
    }
  },
};
