// Runs one bounded load (autocannon, closed loop, in this process) against a server on 127.0.0.1 and
// measures throughput, every response time and every status code.
import autocannon from 'autocannon';
import { watchCpu } from './cpu.js';
import { LatencyRecorder } from './latency.js';

export interface Load {
  origin: string;
  requests: autocannon.Request[];
  connections: number;
  durationSec: number;
  /** Stop after this many requests, if the duration has not run out first. */
  maxRequests?: number;
  expectedStatus: readonly number[];
  /** Processes under test, for the share of CPU that other processes took meanwhile. */
  watchPids?: readonly number[];
}

export interface Measurement {
  responses: number;
  durationSec: number;
  latency: LatencyRecorder;
  statusCounts: Record<string, number>;
  /** Connection errors and timeouts. */
  errors: number;
  timeouts: number;
  /** Responses whose status is not one the scenario expects. */
  unexpected: number;
  /** Share of the machine's CPU (0..1) that other processes (and the hypervisor) took during the run. */
  otherCpu: number;
}

let current: autocannon.Instance | undefined;

/** Stops the load in progress, if any (on Ctrl-C). */
export function stopCurrentLoad(): void {
  current?.stop();
}

export function runLoad(load: Load): Promise<Measurement> {
  const latency = new LatencyRecorder();
  const expected = new Set(load.expectedStatus);
  let unexpected = 0;
  return new Promise((resolve, reject) => {
    const cpu = watchCpu(load.watchPids ?? []);
    const startedAt = performance.now();
    const instance = autocannon(
      {
        url: load.origin,
        connections: load.connections,
        duration: load.durationSec,
        ...(load.maxRequests ? { maxOverallRequests: load.maxRequests } : {}),
        timeout: 10,
        requests: load.requests,
      },
      (error, result) => {
        current = undefined;
        if (error) return reject(error);
        const durationSec = (performance.now() - startedAt) / 1000;
        const otherCpu = cpu.stop().others;
        const statusCounts: Record<string, number> = {};
        for (const [status, { count }] of Object.entries(result.statusCodeStats)) statusCounts[status] = count;
        resolve({ responses: latency.count, durationSec, latency, statusCounts, errors: result.errors, timeouts: result.timeouts, unexpected, otherCpu });
      },
    );
    current = instance;
    instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
      latency.record(responseTimeMs);
      if (!expected.has(statusCode)) unexpected++;
    });
  });
}

/** The measurements of one scenario over several rounds, as one. */
export function combine(measurements: readonly Measurement[]): Measurement {
  const latency = new LatencyRecorder();
  const statusCounts: Record<string, number> = {};
  let responses = 0;
  let durationSec = 0;
  let errors = 0;
  let timeouts = 0;
  let unexpected = 0;
  let otherCpuSeconds = 0;
  for (const m of measurements) {
    otherCpuSeconds += m.otherCpu * m.durationSec;
    latency.addAll(m.latency);
    for (const [status, count] of Object.entries(m.statusCounts)) statusCounts[status] = (statusCounts[status] ?? 0) + count;
    responses += m.responses;
    durationSec += m.durationSec;
    errors += m.errors;
    timeouts += m.timeouts;
    unexpected += m.unexpected;
  }
  return { responses, durationSec, latency, statusCounts, errors, timeouts, unexpected, otherCpu: durationSec > 0 ? otherCpuSeconds / durationSec : 0 };
}
