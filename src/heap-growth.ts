// How far V8 lets the heap grow past what is live. V8 sizes the old generation at up to four times the live
// heap when the program allocates fast, as a server under load does: with 100k customers (about 70 MB live)
// the mock's resident memory settled at 320-335 MB. Growing by half instead keeps it at 200-210 MB with the
// same throughput (README, "Memory").
//
// The flag is set at run time, once the modules are loaded, rather than on node's command line: any V8 flag
// given there makes node set aside the code cache of its built-in modules (about 20 ms more start-up), and
// the documented way to shrink the heap, a cap (--max-old-space-size), would also bound how much data the
// mock can load. V8 reads this flag at every full collection.
import { setFlagsFromString } from 'node:v8';

export const heapGrowthFlag = '--heap-growing-percent=50';

export function limitHeapGrowth(): void {
  setFlagsFromString(heapGrowthFlag);
}
