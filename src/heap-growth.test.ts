import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { limitedGrowthFlag, liveHeapMarks, shouldLimitGrowth } from './heap-growth.js';

describe('heap growth', () => {
  it('sets a flag this Node version knows (an unknown one would only print "unrecognized flag" and change nothing)', () => {
    for (const flag of [limitedGrowthFlag, '--heap-growing-percent=0']) {
      const run = spawnSync(process.execPath, ['-e', `require('node:v8').setFlagsFromString(${JSON.stringify(flag)})`], { encoding: 'utf8' });
      expect(run.status).toBe(0);
      expect(run.stderr).toBe('');
    }
    const unknown = spawnSync(process.execPath, ['-e', `require('node:v8').setFlagsFromString('--no-such-heap-flag=1')`], { encoding: 'utf8' });
    expect(unknown.stderr).toContain('unrecognized flag');
  });

  it('limits the growth while the live heap is large, and releases it only well below that', () => {
    const { limitAbove, releaseBelow } = liveHeapMarks;
    expect(releaseBelow).toBeLessThan(limitAbove);
    expect(shouldLimitGrowth(limitAbove, false)).toBe(false);
    expect(shouldLimitGrowth(limitAbove + 1, false)).toBe(true);
    expect(shouldLimitGrowth(releaseBelow + 1, true)).toBe(true);
    expect(shouldLimitGrowth(releaseBelow - 1, true)).toBe(false);
    expect(shouldLimitGrowth(releaseBelow + 1, false)).toBe(false);
  });
});
