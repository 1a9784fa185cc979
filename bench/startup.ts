// Start-up time: from spawn to the first 2xx answer, several times per server (interleaved), median reported.
import { waitForQuiet } from './cpu.js';
import { type ServerKind, startServer } from './servers.js';

export interface StartupResult {
  name: string;
  runsMs: number[];
  medianMs: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * `kinds` is called before each start, so that each start can get a fresh data file. One unrecorded start of
 * each kind comes first, so that every recorded start finds the OS file cache (and the mock's spec cache) warm,
 * as a developer's second `npm start` does. Before each start it waits (2 s at most) for the machine to be quiet.
 */
export async function measureStartup(
  kinds: readonly (() => Promise<ServerKind>)[],
  runs: number,
  quietLimit: number,
  log: (line: string) => void,
): Promise<StartupResult[]> {
  const results: { name: string; runsMs: number[] }[] = [];
  for (const makeKind of kinds) await (await startServer(await makeKind())).stop();
  for (let run = 0; run < runs; run++) {
    for (const [index, makeKind] of kinds.entries()) {
      const kind = await makeKind();
      await waitForQuiet(quietLimit, 2_000);
      const server = await startServer(kind);
      await server.stop();
      const entry = (results[index] ??= { name: kind.name, runsMs: [] });
      entry.runsMs.push(server.startupMs);
      log(`start-up ${run + 1}/${runs}: ${kind.name} ${server.startupMs.toFixed(0)} ms`);
    }
  }
  return results.map((r) => ({ ...r, medianMs: median(r.runsMs) }));
}
