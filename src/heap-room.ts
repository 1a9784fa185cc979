// Loading a data file takes a few times its size in heap for a moment (the file's text, its parsed objects,
// the records' text), and reads each file as one string, which V8 caps at about 512 MiB. A data file too large
// for this process's heap would end in V8's out-of-memory abort, and one longer than a string can be in a bare
// "Cannot create a string longer than ..." error, with nothing to say why: the mock refuses such a file before
// loading it, and names the way out.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { constants } from 'node:buffer';
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
 * The length of a UTF-8 file's text as a string (UTF-16 code units), read in chunks: a byte that does not continue a
 * character starts one, and a 4-byte character is two units. Only for files longer in bytes than a string may be.
 */
function textLength(file: string): number {
  const buffer = Buffer.alloc(8 * mib);
  const fd = openSync(file, 'r');
  let length = 0;
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) {
      for (let i = 0; i < read; i++) {
        const byte = buffer[i] as number;
        if ((byte & 0xc0) !== 0x80) length += byte >= 0xf0 ? 2 : 1;
      }
    }
  } finally {
    closeSync(fd);
  }
  return length;
}

/**
 * Why `dataFile` (and its journals) cannot be loaded by this process, else undefined: a file longer than a string
 * can be, or more data than the heap limit has room for. `args` are the mock's own arguments, repeated in the
 * command it suggests. `maxText` is the longest string V8 makes (characters; a file's bytes are at least that many).
 */
export function heapRoomWarning(
  dataFile: string | undefined,
  args: readonly string[],
  heapLimit = getHeapStatistics().heap_size_limit,
  maxText: number = constants.MAX_STRING_LENGTH,
): string | undefined {
  if (!dataFile) return undefined;
  const files = [dataFile, `${dataFile}.journal`, `${dataFile}.journal.1`];
  const tooLong = files.find((file) => sizeOf(file) > maxText && textLength(file) > maxText);
  if (tooLong !== undefined) {
    return [
      `${tooLong} holds ${inMiB(sizeOf(tooLong))}, more text than the ${inMiB(maxText)} characters the mock can read as one`,
      'file (the longest string Node makes), whatever the heap: split the data over several mocks, or load fewer records.',
    ].join('\n');
  }
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
