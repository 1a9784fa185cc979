// Durable writes whose cost does not grow with the data: each change is appended to a journal next to
// the data file, and the journal is folded into the JSON snapshot (the data file) in the background.
//
// - Group commit: changes that arrive while a journal write is in flight are written together by the next
//   one, so a request waits for at most the write in flight and its own, however long writes keep coming.
// - A commit resolves once its line is written to the file (it then survives the process being killed).
// - Compaction: when the journal outgrows the snapshot (and a minimum size), the state is captured at once,
//   the journal is rotated to `<data>.journal.1`, a new snapshot is streamed to disk and renamed over the
//   data file, and the rotated journal is deleted. Every journal line carries a sequence number and the
//   snapshot records the last one it holds, so recovery replays exactly the changes the snapshot lacks.
// - Recovery at start: snapshot, then `<data>.journal.1`, then `<data>.journal`; a torn last line is dropped.
//   If any journal held changes, a fresh snapshot is written and the journals removed before serving.
import { type FileHandle, access, appendFile, mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DataFileError } from './data-file-error.js';
import { lockDataFile } from './data-file-lock.js';
import { type JournalEntry, journalLine, readJournal } from './journal.js';
import type { Change, Persistence, StateAccess } from './persistence.js';
import { readSnapshot, writeSnapshot } from './snapshot-file.js';

interface Pending {
  line: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface JournaledPersistenceOptions {
  /** The journal is compacted once it is larger than the snapshot and than this many bytes. */
  compactAfterBytes?: number;
  /** Told about a background compaction that failed (the journal keeps every change; nothing is lost). */
  onError?: (error: unknown) => void;
}

export const defaultCompactAfterBytes = 4 * 1024 * 1024;

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

export class JournaledPersistence implements Persistence {
  readonly journalFile: string;
  readonly rotatedFile: string;
  private readonly compactAfterBytes: number;
  private readonly onError: (error: unknown) => void;
  private state: StateAccess | undefined;
  private handle: FileHandle | undefined;
  private seq = 0;
  private journalBytes = 0;
  private snapshotBytes = 0;
  private pending: Pending[] = [];
  private flushing: Promise<void> | undefined;
  private rotation: { done: () => void; failed: (error: unknown) => void } | undefined;
  private compacting: Promise<void> | undefined;
  private unlock: (() => Promise<void>) | undefined;
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
  }

  async open(state: StateAccess): Promise<void> {
    await mkdir(dirname(this.location), { recursive: true });
    const unlock = await lockDataFile(this.location);
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
    this.handle = await this.startJournal();
  }

  /** An empty live journal, opened for appending. */
  private async startJournal(): Promise<FileHandle> {
    await writeFile(this.journalFile, '');
    this.journalBytes = 0;
    return open(this.journalFile, 'a');
  }

  commit(change: Change): Promise<void> {
    const entry: JournalEntry = { seq: ++this.seq, ...change };
    return this.enqueue(journalLine(entry));
  }

  settled(): Promise<void> {
    return this.flushing ? this.enqueue('') : Promise.resolve();
  }

  private enqueue(line: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ line, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  private async flush(): Promise<void> {
    for (;;) {
      if (this.rotation) await this.rotate();
      if (this.pending.length === 0) break;
      const batch = this.pending;
      this.pending = [];
      const text = batch.map((p) => p.line).join('');
      try {
        await (this.handle as FileHandle).writeFile(text);
        this.journalBytes += Buffer.byteLength(text);
        this.stats.journalWrites++;
        for (const p of batch) p.resolve();
      } catch (error) {
        // Cut off whatever part of the batch reached the file, so that the journal stays readable.
        await (this.handle as FileHandle).truncate(this.journalBytes).catch(() => undefined);
        for (const p of batch) p.reject(error);
      }
      this.compactIfDue();
    }
    this.flushing = undefined;
  }

  /** Moves the live journal aside (appending to a rotated journal a failed compaction left) and starts a new one. */
  private async rotate(): Promise<void> {
    const rotation = this.rotation as NonNullable<typeof this.rotation>;
    this.rotation = undefined;
    try {
      await (this.handle as FileHandle).close();
      if (await exists(this.rotatedFile)) await appendFile(this.rotatedFile, await readFile(this.journalFile));
      else await rename(this.journalFile, this.rotatedFile);
      this.handle = await this.startJournal();
      rotation.done();
    } catch (error) {
      rotation.failed(error);
      // Keep appending to whatever journal is in place; if even that fails, writes fail (and are undone) until restart.
      this.handle = await open(this.journalFile, 'a').catch(() => this.handle);
    }
  }

  private compactIfDue(): void {
    if (this.compacting || this.journalBytes < Math.max(this.compactAfterBytes, this.snapshotBytes)) return;
    this.compacting = this.compact()
      .catch((error: unknown) => this.onError(error))
      .finally(() => {
        this.compacting = undefined;
      });
  }

  /** Captures the state now, rotates the journal at the next write boundary, and writes the snapshot. */
  private async compact(): Promise<void> {
    const seq = this.seq;
    const captured = (this.state as StateAccess).capture();
    await new Promise<void>((done, failed) => {
      this.rotation = { done, failed };
      this.flushing ??= this.flush();
    });
    this.snapshotBytes = await writeSnapshot(this.location, seq, captured);
    await rm(this.rotatedFile, { force: true });
    this.stats.compactions++;
  }

  /** Resolves when no compaction is running. */
  async compacted(): Promise<void> {
    await this.compacting;
  }

  async close(): Promise<void> {
    await this.flushing;
    await this.compacting;
    if (!this.handle) return;
    await this.handle.close();
    this.handle = undefined;
    if (this.journalBytes > 0 || (await exists(this.rotatedFile))) {
      this.snapshotBytes = await writeSnapshot(this.location, this.seq, (this.state as StateAccess).capture());
      await rm(this.rotatedFile, { force: true });
    }
    await rm(this.journalFile, { force: true });
    await this.unlock?.();
  }
}
