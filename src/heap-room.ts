// Loading a data file takes a few times its size in heap for a moment (the file's text, its parsed objects,
// the records' text). A data file too large for this process's heap limit would end in V8's out-of-memory
// abort, with nothing to say why: say so before loading, with the way out.
import { statSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';

/**
 * Heap needed while loading, per byte of data file and journals. Measured with node --max-old-space-size=1024
 * (a heap limit of 1,072 MiB): a 280 MB data file (700k customers) loads, a 400 MB one (1M customers) does not.
 */
const heapPerLoadedByte = 3;
const mib = 2 ** 20;

const sizeOf = (file: string): number => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};

const inMiB = (bytes: number) => `${Math.round(bytes / mib).toLocaleString('en')} MiB`;

/**
 * A warning when loading `dataFile` (and its journals) may not fit in the heap, else undefined. `args` are the
 * mock's own arguments, repeated in the command it suggests.
 */
export function heapRoomWarning(dataFile: string | undefined, args: readonly string[], heapLimit = getHeapStatistics().heap_size_limit): string | undefined {
  if (!dataFile) return undefined;
  const bytes = [dataFile, `${dataFile}.journal`, `${dataFile}.journal.1`].reduce((sum, file) => sum + sizeOf(file), 0);
  const needed = bytes * heapPerLoadedByte;
  if (needed <= heapLimit) return undefined;
  const suggested = Math.ceil((needed * 1.5) / mib / 512) * 512;
  return [
    `warning: the data file and its journals hold ${inMiB(bytes)}; loading them takes about ${inMiB(needed)} of heap,`,
    `more than this process's limit of ${inMiB(heapLimit)}. If the mock runs out of memory while loading, start it with a`,
    `larger heap: npm run build && node --max-old-space-size=${suggested} dist/server.js ${args.join(' ')}`.trimEnd(),
  ].join('\n');
}
