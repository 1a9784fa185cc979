// The regression guard's judgement, on figures that show a large regression. The guard's real run (bench/guard.ts,
// `npm run bench:guard`) is run by .ci/run after npm test, alone on the machine: inside vitest, another test file
// running beside it would share its two cores with half of its one-second windows.
import { describe, expect, it } from 'vitest';
import { guardFloors, judgeGuard } from './guard-judge.js';

describe('the regression guard', () => {
  it('passes figures near what the mock reaches, and fails a build that lost most of its throughput', () => {
    expect(judgeGuard({ ceiling: 20_000, scenarios: { getCustomer: 9_000, upsertUpdate: 6_000 } }).failures).toEqual([]);
    // A handler made twice as slow as the floor allows (a busy-wait, a sync write, a compile per request).
    const slowed = judgeGuard({ ceiling: 20_000, scenarios: { getCustomer: 3_000, upsertUpdate: 6_000 } });
    expect(slowed.failures).toHaveLength(1);
    expect(slowed.failures[0]).toContain('getCustomer: 0.15× the ceiling');
    expect(judgeGuard({ ceiling: 20_000, scenarios: { getCustomer: 9_000, upsertUpdate: 1_000 } }).failures[0]).toContain('upsertUpdate');
    expect(judgeGuard({ ceiling: 0, scenarios: { getCustomer: 9_000, upsertUpdate: 6_000 } }).failures).toHaveLength(2);
    expect(guardFloors.getCustomer).toBeLessThanOrEqual(0.4);
  });
});
