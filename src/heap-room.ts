// Loading a data file takes a few times its size in heap for a moment (each record's parsed fields beside
// its text, the indexes, the collector's room to work). A data file too large for this process's heap would end
// in V8's out-of-memory abort, with nothing to say why: the mock refuses such a file before loading it, and
// names the way out. (The file's size is not bounded otherwise: it is read record by record.)
import { statSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';

/**
 * Heap needed while loading, per byte of data file and journals. Measured on a 205 MB data file (100k customers,
 * 300k installations): it loads with node --max-old-space-size=768, not with 640 (3.5 bytes of heap a byte).
 */
const heapPerLoadedByte = 4;
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
 * Why `dataFile` (and its journals) cannot be loaded by this process, else undefined: more data than the heap limit
 * has room for. `args` are the mock's own arguments, repeated in the command it suggests.
 */
export function heapRoomWarning(
  dataFile: string | undefined,
  args: readonly string[],
  heapLimit = getHeapStatistics().heap_size_limit,
): string | undefined {
  if (!dataFile) return undefined;
  const files = [dataFile, `${dataFile}.journal`, `${dataFile}.journal.1`];
  const bytes = files.reduce((sum, file) => sum + sizeOf(file), 0);
  const needed = bytes * heapPerLoadedByte;
  if (needed <= heapLimit) return undefined;
  const suggested = Math.ceil((needed * 1.5) / mib / 512) * 512;
  return [
    `the data file and its journals hold ${inMiB(bytes)}; loading them takes about ${inMiB(needed)} of heap,`,
    `more than this process's limit of ${inMiB(heapLimit)}, so it would run out of memory. Start it with a larger heap:`,
    `npm run build && node --max-old-space-size=${suggested} dist/server.js ${args.join(' ')}`.trimEnd(),
  ].join('\n');
}
