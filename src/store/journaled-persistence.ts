// Durable writes whose cost does not grow with the data: each change is appended to a journal next to
// the data file, and the journal is folded into the JSON snapshot (the data file) in the background.
//
// - Group commit: the changes made during one turn of the event loop are appended together, in one
//   write to the journal at the end of that turn, so no request waits for another's write.
// - A commit resolves once its line has been written to the file: it then survives the process being killed
//   (kill -9), since the operating system holds the data. The append is a synchronous write of a few
//   hundred bytes into the page cache: cheaper than a round trip through libuv's thread pool. With `fsync`,
//   each group's write is followed by fdatasync, a snapshot is fdatasync'ed before its rename, and the directory
//   is fsync'ed after a rename or a new journal, so that acknowledged changes also survive the machine losing power.
// - A write that fails (a full disk, an I/O error) is cut off the journal, its sequence numbers are used again,
//   and every change of the group fails with a StorageError; the store then puts memory back. Nothing is
//   half-written, and the next write tries the disk again.
// - Before each write the data file's lock is checked (see data-file-lock.ts): a mock that lost the file to
//   another writer stops writing instead of interleaving with it.
// - Compaction: when the journal outgrows the snapshot (and a minimum size), the state is captured and the
//   journal is rotated to `<data>.journal.1` at once; then a new snapshot is streamed to disk in chunks that
//   yield to the event loop, renamed over the data file, and the rotated journal deleted. Every journal line
//   carries a sequence number and the snapshot records the last one it holds, so recovery replays exactly
//   the changes the snapshot lacks. A capture is only taken when no change is waiting to be written, so a
//   snapshot never holds a change that could still fail.
// - Recovery at start: snapshot, then `<data>.journal.1`, then `<data>.journal`; a torn last line is dropped.
//   Anything else that does not add up (a journal that starts after the snapshot ends, a gap, a repeat, a line
//   out of order, a record its spec refuses) stops the start with the file, the place and the rule; `repair`
//   starts anyway after copying the files aside (see data-repair.ts). If any journal held changes, a fresh
//   snapshot is written and the journals removed before serving.
import { basename, dirname, join } from 'node:path';
import { DataFileError } from './data-file-error.js';
import { type DataFileLock, lockDataFile } from './data-file-lock.js';
import { type DataFiles, nodeDataFiles, writeAll } from './data-files.js';
import { commitLine, type JournalContents, type JournalEntry, type JournalProblemHandler, journalLine, readJournal, refuseJournalProblem } from './journal.js';
import type { BatchChange, Change, Persistence, StateAccess } from './persistence.js';
import { readSnapshot, writeSnapshot } from './snapshot-file.js';
import { StorageError, writeFailed } from './storage-error.js';
import type { Snapshot } from './store.js';

interface Pending {
  line: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** What a repair dropped or noticed, each as one sentence naming the file and the place. */
export interface RepairReport {
  backupDir: string;
  dropped: string[];
}

export interface JournaledPersistenceOptions {
  /** What holds the data file, as its lock names it: `mock` (the default), or a data command. */
  holder?: string;
  /** The journal is compacted once it is larger than the snapshot and than this many bytes. */
  compactAfterBytes?: number;
  /** fdatasync after every journal write and before every snapshot replaces the data file. */
  fsync?: boolean;
  /** The file operations (a test makes them fail). */
  files?: DataFiles;
  /** A lock not refreshed for this long counts as abandoned (see data-file-lock.ts). */
  lockStaleMs?: number;
  /**
   * Checks the records once loaded (schemas, references): each problem as `where: rule`. With `repair`, the
   * records it names are dropped (`drop`); otherwise the start is refused.
   */
  checkRecords?: (records: RecordsToCheck) => RecordProblem[];
  /** Starts on inconsistent data, after copying the files aside; `onRepaired` is told what was dropped. */
  repair?: boolean;
  onRepaired?: (report: RepairReport) => void;
  /** Serves the data as it is and never writes a file (no lock either): every change fails with a `read-only` StorageError. */
  readOnly?: boolean;
  /** Told about a background compaction that failed (the journal keeps every change; nothing is lost). */
  onError?: (error: unknown) => void;
}

/**
 * What a check of the loaded records reads: the snapshot as parsed, when the journals changed nothing after it
 * (its records' fields are at hand, and parsing millions of records again would double the start's work);
 * else the state as loaded.
 */
export type RecordsToCheck = { snapshot: Snapshot } | { state: Pick<StateAccess, 'capture'> };

/** A stored record that breaks the spec's rules, found when loading. */
export interface RecordProblem {
  environment: string;
  collection: string;
  id: string;
  /** The record's place and the rule it breaks, as one phrase. */
  message: string;
}

export const defaultCompactAfterBytes = 4 * 1024 * 1024;
/** Characters of a batch's lines written per call. */
const batchChunkChars = 4 * 1024 * 1024;

const timestamp = (date: Date) => date.toISOString().replace(/[:.]/g, '-');

export class JournaledPersistence implements Persistence {
  readonly journalFile: string;
  readonly rotatedFile: string;
  private readonly compactAfterBytes: number;
  private readonly onError: (error: unknown) => void;
  private readonly files: DataFiles;
  private readonly fsync: boolean;
  private state: StateAccess | undefined;
  private fd: number | undefined;
  /** The sequence number of the newest change handed out, and of the newest one durable. */
  private seq = 0;
  private durableSeq = 0;
  private journalBytes = 0;
  /** A failed write whose cut-off failed too: the journal must be cut back to `journalBytes` before the next one. */
  private mustTruncate = false;
  private snapshotBytes = 0;
  private pending: Pending[] = [];
  private flushScheduled = false;
  private compacting: Promise<void> | undefined;
  private lock: DataFileLock | undefined;
  private lost: StorageError | undefined;
  private closing = false;
  /** Counters for diagnostics and benchmarks. */
  readonly stats = { journalWrites: 0, compactions: 0, failedWrites: 0 };

  constructor(
    readonly location: string,
    private readonly options: JournaledPersistenceOptions = {},
  ) {
    this.journalFile = `${location}.journal`;
    this.rotatedFile = `${location}.journal.1`;
    this.compactAfterBytes = options.compactAfterBytes ?? defaultCompactAfterBytes;
    this.onError = options.onError ?? (() => undefined);
    this.files = options.files ?? nodeDataFiles;
    this.fsync = options.fsync ?? false;
  }

  private readonly readOnly = new StorageError('read-only', 'The mock was started with --read-only: it never writes its data file.');

  async open(state: StateAccess): Promise<void> {
    if (this.options.readOnly) return this.recover(state);
    await this.files.mkdir(dirname(this.location));
    const lock = await lockDataFile(this.location, {
      holder: this.options.holder,
      staleMs: this.options.lockStaleMs,
      onLost: (error) => {
        this.lost = new StorageError('lost', error.message);
        this.onError(error);
      },
    });
    try {
      await this.recover(state);
    } catch (error) {
      await lock.release();
      throw error;
    }
    this.lock = lock;
  }

  private async recover(state: StateAccess): Promise<void> {
    this.state = state;
    const repair = this.options.repair === true;
    const dropped: string[] = [];
    const problemHandler =
      (file: string): JournalProblemHandler =>
      (where, rule) => {
        if (!repair) refuseJournalProblem(file)(where, rule);
        dropped.push(`${file}: ${where} ${rule}`);
      };
    // Read everything first: a problem anywhere stops here, before any data file is touched.
    let snapshot = await this.readSnapshotForRecovery(repair, dropped);
    const rotated = await readJournal(this.rotatedFile, this.files, problemHandler(this.rotatedFile));
    const live = await readJournal(this.journalFile, this.files, problemHandler(this.journalFile));
    this.checkSequence(snapshot, rotated, live, (file, rule) => {
      if (!repair) throw new DataFileError(file, rule);
      dropped.push(`${file}: ${rule}`);
    });
    try {
      if (snapshot) state.load(snapshot);
    } catch (error) {
      throw new DataFileError(this.location, (error as Error).message);
    }
    this.seq = snapshot?.seq ?? 0;
    let replayed = 0;
    for (const entry of [...rotated.entries, ...live.entries]) {
      if (entry.seq <= this.seq) continue;
      state.apply(entry);
      this.seq = entry.seq;
      replayed++;
    }
    // Commit lines count too: the next change follows the last line of any kind.
    this.seq = Math.max(this.seq, rotated.lastSeq ?? 0, live.lastSeq ?? 0);
    // Dropping a record can leave others naming it: check again until nothing is left to drop.
    for (let round = 0; this.options.checkRecords && round < 10; round++) {
      const problems = this.options.checkRecords(round === 0 && replayed === 0 && snapshot ? { snapshot } : { state });
      snapshot = undefined; // the state holds the records now: the parsed snapshot can go
      if (problems.length === 0) break;
      if (!repair) {
        const first = problems.slice(0, 5).map((p) => p.message);
        const more = problems.length > 5 ? `; and ${problems.length - 5} more` : '';
        throw new DataFileError(this.location, `${problems.length} stored record(s) break the spec's rules: ${first.join('; ')}${more}; start with --repair to drop them (after a backup)`);
      }
      for (const problem of problems) {
        state.apply({ environment: problem.environment, collection: problem.collection, id: problem.id, record: null });
        dropped.push(`${this.location}: dropped ${problem.message}`);
      }
    }
    if (repair && dropped.length > 0 && !this.options.readOnly) {
      const backupDir = await this.backUp();
      this.options.onRepaired?.({ backupDir, dropped });
    }
    this.durableSeq = this.seq;
    if (this.options.readOnly) return;
    if (rotated.exists || live.entries.length > 0 || live.tornTail || (repair && dropped.length > 0)) {
      this.snapshotBytes = await this.writeSnapshotNow(this.seq, state);
      await this.files.rm(this.rotatedFile);
    } else {
      this.snapshotBytes = snapshot ? (await this.files.stat(this.location)).size : 0;
    }
    this.startJournal();
  }

  private async readSnapshotForRecovery(repair: boolean, dropped: string[]): Promise<Snapshot | undefined> {
    try {
      return await readSnapshot(this.location);
    } catch (error) {
      if (!repair || !(error instanceof DataFileError)) throw error;
      dropped.push(`${this.location}: the snapshot could not be read (${error.message}); starting from the journals alone`);
      return undefined;
    }
  }

  /**
   * The journals must continue the snapshot without a gap: the first change after the snapshot's last one is
   * `snapshot.seq + 1`, and the live journal follows the rotated one. Without a snapshot, the journal must
   * start at 1: a journal that starts later means the data file holding the changes before it is missing.
   */
  private checkSequence(snapshot: Snapshot | undefined, rotated: JournalContents, live: JournalContents, problem: (file: string, rule: string) => void): void {
    let expected = (snapshot?.seq ?? 0) + 1;
    for (const [file, journal] of [
      [this.rotatedFile, rotated],
      [this.journalFile, live],
    ] as const) {
      if (journal.firstSeq === undefined || journal.lastSeq === undefined) continue;
      if (journal.lastSeq < expected) continue; // already in the snapshot (a compaction that stopped before removing it)
      if (journal.firstSeq > expected) {
        problem(
          file,
          snapshot
            ? `it starts at change ${journal.firstSeq}, but the snapshot ends at change ${expected - 1}: changes ${expected} to ${journal.firstSeq - 1} are missing`
            : `it starts at change ${journal.firstSeq}, but there is no data file ${this.location} holding changes 1 to ${journal.firstSeq - 1} (was it deleted or moved?)`,
        );
      }
      expected = journal.lastSeq + 1;
    }
  }

  /** Copies the data file and its journals, as they are, into `<data>.backup-<time>/`. */
  private async backUp(): Promise<string> {
    const dir = `${this.location}.backup-${timestamp(new Date())}`;
    await this.files.mkdir(dir);
    for (const file of [this.location, this.rotatedFile, this.journalFile]) {
      if (!this.files.exists(file)) continue;
      await this.files.copyFile(file, join(dir, basename(file)));
    }
    return dir;
  }

  private async writeSnapshotNow(seq: number, state: StateAccess): Promise<number> {
    const captured = state.capture();
    this.assertWritable();
    return this.writeSnapshotFile(seq, captured);
  }

  /** With fsync, the snapshot's data reaches the disk before its rename, and the rename before anything goes on. */
  private async writeSnapshotFile(seq: number, captured: ReturnType<StateAccess['capture']>): Promise<number> {
    const bytes = await writeSnapshot(this.location, seq, captured, this.files, this.fsync);
    this.syncDirectory();
    return bytes;
  }

  private syncDirectory(): void {
    if (this.fsync) this.files.syncDirectory(dirname(this.location));
  }

  /** An empty live journal, opened for appending. */
  private startJournal(): void {
    this.files.writeFileSync(this.journalFile, '');
    this.fd = this.files.openForAppend(this.journalFile);
    this.journalBytes = 0;
    this.mustTruncate = false;
    this.syncDirectory();
  }

  /** Throws the StorageError a write would meet: the lock lost, or held no more. */
  private assertWritable(): void {
    if (this.options.readOnly) throw this.readOnly;
    if (this.lost) throw this.lost;
    try {
      this.lock?.assertHeld();
    } catch (error) {
      this.lost = new StorageError('lost', (error as Error).message);
      this.onError(error);
      throw this.lost;
    }
  }

  commit(change: Change): Promise<void> {
    if (this.options.readOnly) return Promise.reject(this.readOnly);
    const entry: JournalEntry = { seq: ++this.seq, ...change };
    return this.enqueue(journalLine(entry));
  }

  /**
   * A transaction's lines carry `tx` and end in a commit line, like a batch's, and go out in the same group
   * commit as the changes around them: one write, so a crash keeps the whole transaction or drops its torn end.
   */
  commitTransaction(changes: Change[]): Promise<void> {
    if (changes.length === 1) return this.commit(changes[0] as Change);
    if (this.options.readOnly) return Promise.reject(this.readOnly);
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
    if (this.options.readOnly) throw this.readOnly;
    this.flush();
    const start = this.journalBytes;
    const startSeq = this.seq;
    const tx = this.seq + 1;
    let chunk = '';
    const write = (fd: number) => {
      const buffer = Buffer.from(chunk);
      writeAll(this.files, fd, buffer);
      this.journalBytes += buffer.length;
      chunk = '';
    };
    try {
      const fd = this.writableJournal();
      for (const change of changes) {
        chunk += journalLine({ ...change, seq: ++this.seq }, tx);
        if (chunk.length >= batchChunkChars) write(fd);
      }
      chunk += commitLine(++this.seq, tx);
      write(fd);
      if (this.fsync) this.files.sync(fd);
    } catch (error) {
      this.cutBack(start);
      this.seq = startSeq;
      this.stats.failedWrites++;
      throw writeFailed(error, this.journalFile);
    }
    this.durableSeq = this.seq;
    this.stats.journalWrites++;
    // Not now: the store puts the batch into memory only once this returns, and a compaction copies memory at
    // once. A snapshot taken now would lack the batch, yet cover its place in the journal.
    setImmediate(() => this.compactIfDue());
  }

  /** The journal's descriptor, once the lock is checked and any earlier failed write cut off; throws otherwise. */
  private writableJournal(): number {
    if (this.fd === undefined && !this.options.readOnly) throw new StorageError('unavailable', 'the journal is closed');
    this.assertWritable();
    if (this.fd === undefined) throw new StorageError('unavailable', 'the journal is closed');
    if (this.mustTruncate) {
      this.files.truncate(this.fd, this.journalBytes);
      this.mustTruncate = false;
    }
    return this.fd;
  }

  /** Cuts the journal back to `length` bytes after a failed write; if even that fails, the next write tries again first. */
  private cutBack(length: number): void {
    this.journalBytes = length;
    try {
      if (this.fd !== undefined) this.files.truncate(this.fd, length);
    } catch {
      this.mustTruncate = true;
    }
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
    const start = this.journalBytes;
    try {
      const fd = this.writableJournal();
      if (buffer.length > 0) {
        writeAll(this.files, fd, buffer);
        this.journalBytes += buffer.length;
        if (this.fsync) this.files.sync(fd);
        this.stats.journalWrites++;
      }
    } catch (error) {
      // Cut off whatever part of the group reached the file, so that the journal stays readable, and hand its
      // sequence numbers out again: the journal never has a gap.
      this.cutBack(start);
      this.seq = this.durableSeq;
      this.stats.failedWrites++;
      const failure = writeFailed(error, this.journalFile);
      for (const p of batch) p.reject(failure);
      return;
    }
    this.durableSeq = this.seq;
    for (const p of batch) p.resolve();
    this.compactIfDue();
  }

  private compactIfDue(): void {
    // Once closing, the close itself writes the last snapshot: a compaction beside it would race it for the file.
    // With changes waiting, memory holds what is not durable yet: the flush that writes them looks again.
    if (this.closing || this.compacting || this.pending.length > 0 || this.lost) return;
    if (this.journalBytes < Math.max(this.compactAfterBytes, this.snapshotBytes)) return;
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
    this.assertWritable();
    if (this.mustTruncate) throw new StorageError('unavailable', 'the journal has a failed write that could not be cut off yet');
    if (this.fd !== undefined) this.files.close(this.fd);
    this.fd = undefined;
    if (this.files.exists(this.rotatedFile)) this.files.appendFile(this.rotatedFile, this.files.readFileSync(this.journalFile));
    else this.files.renameSync(this.journalFile, this.rotatedFile);
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
      if (this.fd === undefined) this.fd = this.files.openForAppend(this.journalFile);
      throw error;
    }
    this.snapshotBytes = await this.writeSnapshotFile(seq, captured);
    await this.files.rm(this.rotatedFile);
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
    this.files.close(this.fd);
    this.fd = undefined;
    if (!this.lost) {
      try {
        if (this.journalBytes > 0 || this.files.exists(this.rotatedFile)) {
          this.snapshotBytes = await this.writeSnapshotNow(this.seq, this.state as StateAccess);
          await this.files.rm(this.rotatedFile);
        }
        await this.files.rm(this.journalFile);
      } catch (error) {
        // The journal keeps every change: the next start replays it.
        this.onError(error);
      }
    }
    await this.lock?.release();
  }
}
