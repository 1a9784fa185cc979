// Records every response time (milliseconds, sub-millisecond resolution) and summarises them.
// autocannon's own histogram keeps whole milliseconds only, too coarse for a server answering in 0.2 ms.

export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
  /** Responses slower than 100 ms. */
  over100ms: number;
}

export class LatencyRecorder {
  private values = new Float64Array(1 << 16);
  private size = 0;

  record(ms: number): void {
    if (this.size === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.size++] = ms;
  }

  get count(): number {
    return this.size;
  }

  /** The recorded values (a view, valid until the next record). */
  samples(): Float64Array {
    return this.values.subarray(0, this.size);
  }

  /** Adds every value of another recorder (to merge the rounds of one scenario). */
  addAll(other: LatencyRecorder): void {
    for (const value of other.samples()) this.record(value);
  }

  summary(): LatencySummary {
    const sorted = Float64Array.from(this.samples()).sort();
    const at = (quantile: number) => (sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] ?? 0));
    let over100ms = 0;
    for (const value of sorted) if (value > 100) over100ms++;
    return { count: sorted.length, p50: at(0.5), p99: at(0.99), p999: at(0.999), max: sorted.length === 0 ? 0 : (sorted[sorted.length - 1] ?? 0), over100ms };
  }
}
