import { describe, expect, it } from 'vitest';
import { LatencyRecorder } from './latency.js';
import { median } from './startup.js';

describe('LatencyRecorder', () => {
  it('summarises percentiles and the maximum of every recorded value, across growth and merges', () => {
    const a = new LatencyRecorder();
    for (let i = 1; i <= 100_000; i++) a.record(i / 1000);
    const b = new LatencyRecorder();
    b.record(250);
    a.addAll(b);
    const summary = a.summary();
    expect(summary.count).toBe(100_001);
    expect(summary.p50).toBeCloseTo(50, 1);
    expect(summary.p99).toBeCloseTo(99, 1);
    expect(summary.p999).toBeCloseTo(99.9, 1);
    expect(summary.max).toBe(250);
    expect(summary.over100ms).toBe(1);
  });

  it('gives zeros when nothing was recorded', () => {
    expect(new LatencyRecorder().summary()).toEqual({ count: 0, p50: 0, p99: 0, p999: 0, max: 0, over100ms: 0 });
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
});
