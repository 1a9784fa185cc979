// The file operations the store's persistence makes, as one object, so that a test can make any of them fail
// (a full disk, an I/O error) without a full disk. `nodeDataFiles` is the real thing.
import {
  appendFileSync,
  closeSync,
  createReadStream,
  existsSync,
  fdatasyncSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  renameSync,
  type Stats,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { copyFile, mkdir, open, rename, rm, stat } from 'node:fs/promises';

/** A file being written from start to end, asynchronously: a snapshot. */
export interface WritableFile {
  write(text: string): Promise<void>;
  /** Flushes the file's data to the disk (fdatasync). */
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface DataFiles {
  openForAppend(path: string): number;
  write(fd: number, buffer: Buffer, offset: number): number;
  /** fdatasync: the file's data reaches the disk, not only the operating system's cache. */
  sync(fd: number): void;
  /** fsync of a directory: its entries (a file created, renamed or removed) reach the disk. */
  syncDirectory(path: string): void;
  truncate(fd: number, length: number): void;
  close(fd: number): void;
  appendFile(path: string, data: Buffer): void;
  readFileSync(path: string): Buffer;
  renameSync(from: string, to: string): void;
  /** Creates or empties a file with this content. */
  writeFileSync(path: string, data: string): void;
  exists(path: string): boolean;
  statSync(path: string): Stats;
  /** The file's bytes, in chunks of a few MiB (a journal may be longer than one string can be). */
  readChunks(path: string): AsyncIterable<Buffer>;
  /** Copies a file as it is. */
  copyFile(from: string, to: string): Promise<void>;
  stat(path: string): Promise<Stats>;
  mkdir(path: string): Promise<void>;
  rm(path: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  create(path: string): Promise<WritableFile>;
}

export const nodeDataFiles: DataFiles = {
  openForAppend: (path) => openSync(path, 'a'),
  write: (fd, buffer, offset) => writeSync(fd, buffer, offset),
  sync: (fd) => fdatasyncSync(fd),
  syncDirectory: (path) => {
    const fd = openSync(path, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  },
  truncate: (fd, length) => ftruncateSync(fd, length),
  close: (fd) => closeSync(fd),
  appendFile: (path, data) => appendFileSync(path, data),
  readFileSync: (path) => readFileSync(path),
  renameSync: (from, to) => renameSync(from, to),
  writeFileSync: (path, data) => writeFileSync(path, data),
  exists: (path) => existsSync(path),
  statSync: (path) => statSync(path),
  readChunks: (path) => createReadStream(path, { highWaterMark: 4 * 2 ** 20 }),
  copyFile: (from, to) => copyFile(from, to),
  stat: (path) => stat(path),
  mkdir: async (path) => {
    await mkdir(path, { recursive: true });
  },
  rm: (path) => rm(path, { force: true }),
  rename: (from, to) => rename(from, to),
  create: async (path) => {
    const handle = await open(path, 'w');
    return {
      write: async (text) => {
        await handle.writeFile(text);
      },
      sync: () => handle.datasync(),
      close: () => handle.close(),
    };
  },
};

/** Writes the whole buffer, however many calls it takes. */
export function writeAll(files: DataFiles, fd: number, buffer: Buffer): void {
  let offset = 0;
  while (offset < buffer.length) offset += files.write(fd, buffer, offset);
}
