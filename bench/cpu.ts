// How much of the machine's CPU other processes took during a measured run (Linux /proc). The benchmark,
// the load generator and the server share 2 cores with whatever else runs: a run during which others were
// busy (or the hypervisor stole time) gives lower figures, and this says so.
import { readFileSync } from 'node:fs';

interface Sample {
  /** Jiffies, all cores: busy (user, nice, system, irq, softirq), stolen, and all (busy + idle + iowait + steal). */
  busy: number;
  steal: number;
  all: number;
  /** Jiffies of the watched processes (user + system). */
  watched: number;
}

function systemTimes(): { busy: number; steal: number; all: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line.trim().split(/\s+/).slice(1).map(Number);
  const busy = user + nice + system + irq + softirq;
  return { busy, steal, all: busy + idle + iowait + steal };
}

function processTime(pid: number | 'self'): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

export interface CpuWatch {
  /** Share of the whole machine (0..1) that other processes used, plus time stolen by the hypervisor. */
  stop(): { others: number; steal: number };
}

/** Starts watching; `pids` are the processes under test (the benchmark's own process is always included). */
export function watchCpu(pids: readonly number[]): CpuWatch {
  const sample = (): Sample => ({ ...systemTimes(), watched: processTime('self') + pids.reduce((sum, pid) => sum + processTime(pid), 0) });
  let before: Sample | undefined;
  try {
    before = sample();
  } catch {
    before = undefined; // not Linux: nothing to report
  }
  return {
    stop() {
      if (!before) return { others: 0, steal: 0 };
      const after = sample();
      const all = after.all - before.all;
      if (all <= 0) return { others: 0, steal: 0 };
      const others = Math.max(0, after.busy - before.busy - (after.watched - before.watched));
      const steal = after.steal - before.steal;
      return { others: (others + steal) / all, steal: steal / all };
    },
  };
}

/**
 * Waits (at most `maxWaitMs`) for a half-second window in which processes other than the benchmark's own
 * used at most `limit` of the machine's CPU. The servers under test are idle meanwhile. Resolves with the
 * share seen in the last window.
 */
export async function waitForQuiet(limit: number, maxWaitMs: number): Promise<number> {
  const deadline = performance.now() + maxWaitMs;
  let share: number;
  do {
    const watch = watchCpu([]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    share = watch.stop().others;
  } while (share > limit && performance.now() < deadline);
  return share;
}
