// How far V8 lets the heap grow past what is live. Under load V8 sizes the old generation at up to four times
// the live heap: with 100k customers (about 70 MB live) the mock's resident memory settled at 320-335 MB.
// Growing by half instead keeps it near 200 MB with the same throughput (README, "Memory"). With little data,
// though, growing by half means a full collection every few megabytes: listCustomers with 1k customers lost
// about a fifth of its throughput. So the growth is limited from the start, through the loading of the data
// file (when the heap grows most); once the data is loaded, it stays limited only while the live heap is
// large, as read right after each full collection. V8 reads the flag at every full collection.
//
// The flag is set at run time rather than on node's command line: any V8 flag given there makes node set
// aside the code cache of its built-in modules (about 20 ms more start-up), and the documented way to shrink
// the heap, a cap (--max-old-space-size), would also bound how much data the mock can load.
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';

export const limitedGrowthFlag = '--heap-growing-percent=50';
/** Back to V8's own choice. */
const defaultGrowthFlag = '--heap-growing-percent=0';
const mib = 2 ** 20;
/** Limit the growth from this live heap on; stop below the lower mark (so that it does not flap). */
export const liveHeapMarks = { limitAbove: 64 * mib, releaseBelow: 40 * mib };

/** Whether the growth should be limited, given the live heap after a full collection and whether it is now. */
export function shouldLimitGrowth(liveBytes: number, limited: boolean): boolean {
  return limited ? liveBytes >= liveHeapMarks.releaseBelow : liveBytes > liveHeapMarks.limitAbove;
}

/** Limits the heap's growth: call before loading the data. */
export function limitHeapGrowth(): void {
  setFlagsFromString(limitedGrowthFlag);
}

/**
 * From now on (call once the data is loaded), after each full collection keeps the heap's growth limited only
 * while the live heap is large. Returns a stop function.
 */
export function adaptHeapGrowth(): () => void {
  let limited = true;
  const observer = new PerformanceObserver((list) => {
    const major = list.getEntries().some((entry) => (entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR);
    if (!major) return;
    const next = shouldLimitGrowth(getHeapStatistics().used_heap_size, limited);
    if (next === limited) return;
    limited = next;
    setFlagsFromString(limited ? limitedGrowthFlag : defaultGrowthFlag);
  });
  observer.observe({ entryTypes: ['gc'] });
  return () => observer.disconnect();
}
