// Durable writes whose cost does not grow with the data: each change is appended to a journal next to
// the data file, and the journal is folded into the JSON snapshot (the data file) in the background.
//
// - Group commit: the changes made during one turn of the event loop are appended together, in one
//   write to the journal at the end of that turn, so no request waits for another's write.
// - A commit resolves once its line has been written to the file: it then survives the process being killed
//   (kill -9), since the operating system holds the data. The append is a synchronous write of a few
//   hundred bytes into the page cache: cheaper than a round trip through libuv's thread pool.
// - Compaction: when the journal outgrows the snapshot (and a minimum size), the state is captured and the
//   journal is rotated to `<data>.journal.1` at once; then a new snapshot is streamed to disk in chunks that
//   yield to the event loop, renamed over the data file, and the rotated journal deleted. Every journal line
//   carries a sequence number and the snapshot records the last one it holds, so recovery replays exactly
//   the changes the snapshot lacks.
// - Recovery at start: snapshot, then `<data>.journal.1`, then `<data>.journal`; a torn last line is dropped.
//   If any journal held changes, a fresh snapshot is written and the journals removed before serving.
import { appendFileSync, closeSync, existsSync, ftruncateSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DataFileError } from './data-file-error.js';
import { lockDataFile } from './data-file-lock.js';
import { commitLine, type JournalEntry, journalLine, readJournal } from './journal.js';
import type { BatchChange, Change, Persistence, StateAccess } from './persistence.js';
import { readSnapshot, writeSnapshot } from './snapshot-file.js';

interface Pending {
  line: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface JournaledPersistenceOptions {
  /** What holds the data file, as its lock names it: `mock` (the default), or a data command. */
  holder?: string;
  /** The journal is compacted once it is larger than the snapshot and than this many bytes. */
  compactAfterBytes?: number;
  /** Told about a background compaction that failed (the journal keeps every change; nothing is lost). */
  onError?: (error: unknown) => void;
}

export const defaultCompactAfterBytes = 4 * 1024 * 1024;
/** Characters of a batch's lines written per call. */
const batchChunkChars = 4 * 1024 * 1024;

function writeAllSync(fd: number, buffer: Buffer): void {
  let offset = 0;
  while (offset < buffer.length) offset += writeSync(fd, buffer, offset);
}

export class JournaledPersistence implements Persistence {
  readonly journalFile: string;
  readonly rotatedFile: string;
  private readonly compactAfterBytes: number;
  private readonly onError: (error: unknown) => void;
  private state: StateAccess | undefined;
  private fd: number | undefined;
  private seq = 0;
  private journalBytes = 0;
  private snapshotBytes = 0;
  private pending: Pending[] = [];
  private flushScheduled = false;
  private compacting: Promise<void> | undefined;
  private unlock: (() => Promise<void>) | undefined;
  private readonly holder: string;
  private closing = false;
  /** Counters for diagnostics and benchmarks. */
  readonly stats = { journalWrites: 0, compactions: 0 };

  constructor(
    readonly location: string,
    options: JournaledPersistenceOptions = {},
  ) {
    this.journalFile = `${location}.journal`;
    this.rotatedFile = `${location}.journal.1`;
    this.compactAfterBytes = options.compactAfterBytes ?? defaultCompactAfterBytes;
    this.onError = options.onError ?? (() => undefined);
    this.holder = options.holder ?? 'mock';
  }

  async open(state: StateAccess): Promise<void> {
    await mkdir(dirname(this.location), { recursive: true });
    const unlock = await lockDataFile(this.location, this.holder);
    try {
      await this.recover(state);
    } catch (error) {
      await unlock();
      throw error;
    }
    this.unlock = unlock;
  }

  private async recover(state: StateAccess): Promise<void> {
    this.state = state;
    // Read everything first: a problem anywhere stops here, before any data file is touched.
    const snapshot = await readSnapshot(this.location);
    const rotated = await readJournal(this.rotatedFile);
    const live = await readJournal(this.journalFile);
    try {
      if (snapshot) state.load(snapshot);
    } catch (error) {
      throw new DataFileError(this.location, (error as Error).message);
    }
    this.seq = snapshot?.seq ?? 0;
    for (const entry of [...rotated.entries, ...live.entries]) {
      if (entry.seq <= this.seq) continue;
      state.apply(entry);
      this.seq = entry.seq;
    }
    if (rotated.exists || live.entries.length > 0 || live.tornTail) {
      this.snapshotBytes = await writeSnapshot(this.location, this.seq, state.capture());
      await rm(this.rotatedFile, { force: true });
    } else {
      this.snapshotBytes = snapshot ? (await stat(this.location)).size : 0;
    }
    this.startJournal();
  }

  /** An empty live journal, opened for appending. */
  private startJournal(): void {
    writeFileSync(this.journalFile, '');
    this.fd = openSync(this.journalFile, 'a');
    this.journalBytes = 0;
  }

  commit(change: Change): Promise<void> {
    const entry: JournalEntry = { seq: ++this.seq, ...change };
    return this.enqueue(journalLine(entry));
  }

  /**
   * A transaction's lines carry `tx` and end in a commit line, like a batch's, and go out in the same group
   * commit as the changes around them: one write, so a crash keeps the whole transaction or drops its torn end.
   */
  commitTransaction(changes: Change[]): Promise<void> {
    if (changes.length === 1) return this.commit(changes[0] as Change);
    const tx = this.seq + 1;
    let lines = '';
    for (const change of changes) lines += journalLine({ ...change, seq: ++this.seq }, tx);
    return this.enqueue(lines + commitLine(++this.seq, tx));
  }

  /**
   * Appends the batch's lines and its commit line at once, synchronously, after every change committed before
   * it (so that sequence numbers stay in order). The lines go out in chunks of a few MiB, so that a batch of
   * 100k records never needs one string of its whole size. A failed write is cut off the journal.
   */
  commitBatch(changes: BatchChange[]): void {
    if (changes.length === 0) return;
    this.flush();
    const fd = this.fd;
    if (fd === undefined) throw new Error('the journal is closed');
    const start = this.journalBytes;
    const tx = this.seq + 1;
    let chunk = '';
    const write = () => {
      const buffer = Buffer.from(chunk);
      writeAllSync(fd, buffer);
      this.journalBytes += buffer.length;
      chunk = '';
    };
    try {
      for (const change of changes) {
        chunk += journalLine({ ...change, seq: ++this.seq }, tx);
        if (chunk.length >= batchChunkChars) write();
      }
      chunk += commitLine(++this.seq, tx);
      write();
    } catch (error) {
      try {
        ftruncateSync(fd, start);
      } catch {
        // the write failure is what matters
      }
      this.journalBytes = start;
      throw error;
    }
    this.stats.journalWrites++;
    // Not now: the store puts the batch into memory only once this returns, and a compaction copies memory at
    // once. A snapshot taken now would lack the batch, yet cover its place in the journal.
    setImmediate(() => this.compactIfDue());
  }

  settled(): Promise<void> {
    return this.pending.length > 0 ? this.enqueue('') : Promise.resolve();
  }

  private enqueue(line: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ line, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Appends every pending line in one write and settles their promises. */
  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const buffer = Buffer.from(batch.map((p) => p.line).join(''));
    try {
      if (this.fd === undefined) throw new Error('the journal is closed');
      writeAllSync(this.fd, buffer);
      this.journalBytes += buffer.length;
      this.stats.journalWrites++;
    } catch (error) {
      // Cut off whatever part of the batch reached the file, so that the journal stays readable.
      try {
        if (this.fd !== undefined) ftruncateSync(this.fd, this.journalBytes);
      } catch {
        // the write failure below is what matters
      }
      for (const p of batch) p.reject(error);
      return;
    }
    for (const p of batch) p.resolve();
    this.compactIfDue();
  }

  private compactIfDue(): void {
    // Once closing, the close itself writes the last snapshot: a compaction beside it would race it for the file.
    if (this.closing || this.compacting || this.journalBytes < Math.max(this.compactAfterBytes, this.snapshotBytes)) return;
    this.compacting = this.compact()
      .catch((error: unknown) => this.onError(error))
      .finally(() => {
        this.compacting = undefined;
      });
  }

  /**
   * Moves the live journal aside and starts a new one. A rotated journal that a failed compaction left is kept,
   * the live journal appended to it: it still holds changes no snapshot has.
   */
  private rotate(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    if (existsSync(this.rotatedFile)) appendFileSync(this.rotatedFile, readFileSync(this.journalFile));
    else renameSync(this.journalFile, this.rotatedFile);
    this.startJournal();
  }

  /** Captures the state and rotates the journal in one step, then writes the snapshot in the background. */
  private async compact(): Promise<void> {
    const seq = this.seq;
    const captured = (this.state as StateAccess).capture();
    try {
      this.rotate();
    } catch (error) {
      // Keep appending to whatever journal is in place; if even that fails, writes fail (and are undone).
      if (this.fd === undefined) this.fd = openSync(this.journalFile, 'a');
      throw error;
    }
    this.snapshotBytes = await writeSnapshot(this.location, seq, captured);
    await rm(this.rotatedFile, { force: true });
    this.stats.compactions++;
  }

  /** Resolves when no compaction is running. */
  async compacted(): Promise<void> {
    await this.compacting;
  }

  async close(): Promise<void> {
    this.closing = true;
    this.flush();
    await this.compacting;
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
    if (this.journalBytes > 0 || existsSync(this.rotatedFile)) {
      this.snapshotBytes = await writeSnapshot(this.location, this.seq, (this.state as StateAccess).capture());
      await rm(this.rotatedFile, { force: true });
    }
    await rm(this.journalFile, { force: true });
    await this.unlock?.();
  }
}
