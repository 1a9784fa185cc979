import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { heapGrowthFlag } from './heap-growth.js';

describe('limitHeapGrowth', () => {
  it('sets a flag this Node version knows (an unknown one would only print "unrecognized flag" and change nothing)', () => {
    const script = `require('node:v8').setFlagsFromString(${JSON.stringify(heapGrowthFlag)})`;
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const unknown = spawnSync(process.execPath, ['-e', `require('node:v8').setFlagsFromString('--no-such-heap-flag=1')`], { encoding: 'utf8' });
    expect(unknown.stderr).toContain('unrecognized flag');
  });
});
