// The soak: continuous mixed writes and reads against one mock for a long stretch, to catch stalls.
// Half the connections read customers, the other half upsert them (4 updates, each a real change, to 1 create).
import { type Measurement, combine, runLoad } from './load.js';
import { createRequest, scenarios, type Target, updateRequest } from './scenarios.js';

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
