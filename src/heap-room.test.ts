import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withTempDir } from '../test/support/temp-dir.js';
import { heapRoomWarning } from './heap-room.js';

let temp: Awaited<ReturnType<typeof withTempDir>>;
beforeEach(async () => {
  temp = await withTempDir();
});
afterEach(async () => {
  await temp.remove();
});

describe('heapRoomWarning', () => {
  it('says nothing in memory, for a missing file, or when the data fits', async () => {
    const file = join(temp.dir, 'data.json');
    expect(heapRoomWarning(undefined, [], 1000)).toBeUndefined();
    expect(heapRoomWarning(file, [], 1000)).toBeUndefined();
    await writeFile(file, 'x'.repeat(200));
    expect(heapRoomWarning(file, [], 1000)).toBeUndefined();
  });

  it('warns when the data file and its journals need more heap than the limit, naming the way out with the same arguments', async () => {
    const file = join(temp.dir, 'data.json');
    await writeFile(file, 'x'.repeat(300));
    await writeFile(`${file}.journal`, 'x'.repeat(100));
    const warning = heapRoomWarning(file, ['--data', file, '--port', '4011'], 1000);
    expect(warning).toContain('more than this process');
    expect(warning).toContain(`node --max-old-space-size=512 dist/server.js --data ${file} --port 4011`);
  });

});
