// A mock process holding 100,000 customers and 20,000 installations gets twenty hostile list requests at once
// (see support/hostile-lists.ts): each is a 400 or a 200 with at most one page, as the spec documents, and its
// resident memory grows by less than rssGrowthBoundMiB over its settled size. The bound is about memory, not
// time: nothing here depends on how fast a loaded machine is.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { askAtOnce, hostileData, hostileLists, rssGrowthBoundMiB, rssGrowthDuring, warmUpLists } from './support/hostile-lists.js';
import { writeLargeDataFile } from './support/large-data-file.js';
import { MockClient } from './support/mock-client.js';
import { startServer, useMockProcesses } from './support/mock-process.js';

const fixture = useMockProcesses();

describe.runIf(process.platform === 'linux')('hostile lists on a large data file', () => {
  it(`answers ${hostileLists.length} hostile list requests at once with a 400 or one page, within ${rssGrowthBoundMiB} MiB of resident memory`, async () => {
    const dataFile = join(fixture.dir, 'data.json');
    await writeLargeDataFile(dataFile, hostileData);
    fixture.running = await startServer(['--data', dataFile]);
    const pid = fixture.running.child.pid as number;
    const client = await MockClient.http(fixture.running.baseUrl);

    // Valid pages first, so that the settled size is that of a mock which has served full pages.
    const warm = await Promise.all(warmUpLists.map((path) => client.request('test', 'GET', path)));
    expect(warm.map((r) => r.status)).toEqual(warmUpLists.map(() => 200));

    const { result: verdicts, rss } = await rssGrowthDuring(pid, () => askAtOnce(client));
    expect(verdicts.filter((v) => v.problem !== undefined)).toEqual([]);
    expect(verdicts.filter((v) => v.status === 400)).toHaveLength(hostileLists.filter((l) => l.status === 400).length);
    expect(rss.growthMiB, `resident memory (MiB): ${JSON.stringify(rss)}`).toBeLessThan(rssGrowthBoundMiB);
  }, 90_000);
});
