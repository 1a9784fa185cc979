// The soak: continuous mixed writes and reads against one mock for a long stretch, to catch stalls.
// Half the connections read customers, the other half upsert them (4 updates, each a real change, to 1 create).
import { waitForQuiet } from './cpu.js';
import { type Measurement, combine, runLoad } from './load.js';
import { readRss } from './memory.js';
import type { BenchOptions } from './options.js';
import { figures, measurementFlags, type SoakResult } from './report.js';
import { createRequest, scenarios, type Target, updateRequest } from './scenarios.js';
import { authHeaders, mockKind, startServer } from './servers.js';
import { sizeLabel, type Workspace } from './workspace.js';

export interface SoakMeasurement {
  readers: number;
  writers: number;
  reads: Measurement;
  writes: Measurement;
  overall: Measurement;
}

export const soakReadStatus = [200] as const;
export const soakWriteStatus = [200, 201] as const;

export async function runSoak(origin: string, target: Target, connections: number, durationSec: number, watchPids: readonly number[]): Promise<SoakMeasurement> {
  const readers = Math.max(1, Math.floor(connections / 2));
  const writers = Math.max(1, connections - readers);
  const [reads, writes] = await Promise.all([
    runLoad({ origin, requests: scenarios.getCustomer.requests(target), connections: readers, durationSec, expectedStatus: soakReadStatus, watchPids }),
    runLoad({
      origin,
      requests: [updateRequest(target), updateRequest(target), updateRequest(target), updateRequest(target), createRequest(target)],
      connections: writers,
      durationSec,
      expectedStatus: soakWriteStatus,
      watchPids,
    }),
  ]);
  const overall = combine([reads, writes]);
  // Both loads ran at the same time: the overall rate is their sum over the common duration.
  overall.durationSec = Math.max(reads.durationSec, writes.durationSec);
  overall.otherCpu = reads.otherCpu;
  return { readers, writers, reads, writes, overall };
}

/** Starts a mock with `options.soakSize` customers from a fresh seed copy, soaks it, stops it. */
export async function measureSoak(options: BenchOptions, workspace: Workspace, runTag: string, log: (line: string) => void): Promise<SoakResult> {
  log(`soak: ${options.soakSec} s of mixed writes and reads at ${sizeLabel(options.soakSize)}`);
  const server = await startServer(mockKind(`mock ${sizeLabel(options.soakSize)} (soak)`, await workspace.freshDataFile(options.soakSize)));
  try {
    await waitForQuiet(options.noiseLimit, 10_000);
    const target: Target = { basePath: '/test', headers: authHeaders, size: options.soakSize, counters: { read: 0, revision: 0, created: 0 }, runTag };
    const result = await runSoak(`http://127.0.0.1:${server.port}`, target, options.connections, options.soakSec, [server.pid]);
    if (server.child.hasExited()) throw new Error(`${server.name} exited during the soak:\n${server.child.output()}`);
    const rss = await readRss(server.pid);
    const soak: SoakResult = {
      durationSec: options.soakSec,
      size: options.soakSize,
      readers: result.readers,
      writers: result.writers,
      overall: figures(result.overall),
      reads: figures(result.reads),
      writes: figures(result.writes),
      flags: [...measurementFlags(result.reads, soakReadStatus).map((f) => `reads: ${f}`), ...measurementFlags(result.writes, soakWriteStatus).map((f) => `writes: ${f}`)],
      rssAfterMiB: rss.rssMiB,
    };
    log(`soak: max ${soak.overall.maxMs.toFixed(1)} ms, ${soak.overall.over100ms} responses over 100 ms`);
    return soak;
  } finally {
    await server.stop();
  }
}
