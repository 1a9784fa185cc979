// Persists the whole state as one readable JSON file through lowdb.
// One instance per file. Writes are group-committed: while one write is on its way to disk, every change
// that arrives is gathered and written by the next one, so a request waits for at most the write in flight
// and its own. (Calling lowdb's write() once per request instead lets steno keep a caller waiting until writes stop.)
import { access, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { DataFileError } from './data-file-error.js';
import type { Persistence } from './persistence.js';
import { emptySnapshot, snapshotProblem } from './snapshot-shape.js';
import type { Snapshot } from './store.js';

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class LowdbPersistence implements Persistence {
  private readonly db: Low<Snapshot>;
  private waiting: Waiter[] = [];
  private current: (() => Snapshot) | undefined;
  private flushing: Promise<void> | undefined;

  constructor(readonly location: string) {
    this.db = new Low(new JSONFile<Snapshot>(location), emptySnapshot());
  }

  async load(): Promise<Snapshot | undefined> {
    const exists = await access(this.location).then(
      () => true,
      () => false,
    );
    if (!exists) {
      await mkdir(dirname(this.location), { recursive: true });
      return undefined;
    }
    let parsed: unknown;
    try {
      parsed = await this.db.adapter.read();
    } catch (error) {
      throw new DataFileError(this.location, error instanceof SyntaxError ? `it is not valid JSON (${error.message})` : (error as Error).message);
    }
    const problem = snapshotProblem(parsed);
    if (problem) throw new DataFileError(this.location, problem);
    return parsed as Snapshot;
  }

  commit(_change: unknown, current: () => Snapshot): Promise<void> {
    this.current = current;
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  private async flush(): Promise<void> {
    while (this.waiting.length > 0 && this.current) {
      const batch = this.waiting;
      this.waiting = [];
      try {
        this.db.data = this.current();
        await this.db.write();
        for (const waiter of batch) waiter.resolve();
      } catch (error) {
        for (const waiter of batch) waiter.reject(error);
      }
    }
    this.flushing = undefined;
  }

  async close(): Promise<void> {
    await this.flushing;
  }
}
