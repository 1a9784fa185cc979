// The store the handlers see: records by environment and collection, read synchronously from memory,
// written through to durable storage. A write's promise resolves once the change is durable.
import type { CapturedCollection } from './persistence.js';
import type { RecordFields, StoredRecord } from './stored-record.js';

export interface ListQuery {
  /** Only records whose fields equal these values. */
  where?: Record<string, string>;
  offset: number;
  limit: number;
}

export interface ListResult {
  items: StoredRecord[];
  total: number;
}

/** One record written by a transaction: its new fields, or null to delete it. */
export interface RecordChange {
  environment: string;
  collection: string;
  id: string;
  fields: RecordFields | null;
}

/** Many changes that stand or fall together: a seed, an import, a reset. */
export interface Batch {
  /** Environments emptied first. */
  clear: string[];
  /** Records stored after. */
  put: { environment: string; collection: string; id: string; fields: RecordFields }[];
}

export interface Store {
  get(environment: string, collection: string, id: string): StoredRecord | undefined;
  /** Records ordered by id. */
  list(environment: string, collection: string, query: ListQuery): ListResult;
  count(environment: string, collection: string, where: Record<string, string>): number;
  /**
   * Stores a record with these fields, in memory at once (so checks and writes in one tick are atomic), and
   * resolves with the stored record when the change is durable.
   */
  put(environment: string, collection: string, id: string, fields: RecordFields): Promise<StoredRecord>;
  delete(environment: string, collection: string, id: string): Promise<void>;
  /**
   * Writes several records as one transaction, in memory at once (like `put`: a check made in the same tick
   * cannot be overtaken), durable all together or not at all. If it cannot be made durable, every record goes
   * back to what is durable and the promise rejects. Resolves with the stored records, in the changes' order
   * (undefined for a delete).
   */
  transact(changes: RecordChange[]): Promise<(StoredRecord | undefined)[]>;
  /**
   * Empties the `clear` environments, then stores the `put` records, as one change: durable all together or not
   * at all. Nothing of it is visible before it is durable, and every part becomes visible at once.
   */
  commitBatch(batch: Batch): Promise<void>;
  /** A consistent copy of every collection of these environments (all when undefined), in id order. */
  capture(environments?: readonly string[]): CapturedCollection[];
  /** Resolves once every change made so far is durable (for answers that change nothing themselves). */
  settled(): Promise<void>;
  /**
   * Runs one request's work on the store and resolves with its result (or rejects with its error) once every
   * change the work could have seen is durable: no answer shows a change before it is kept. Work that changed
   * nothing, and overlapped a change that failed to become durable, runs again on the state put back (at most
   * a few times, then a StorageError).
   */
  answer<T>(work: (store: Store) => Promise<T>): Promise<T>;
  /** Waits for pending writes, then releases the storage. */
  close(): Promise<void>;
}

/** The data file's content: what a snapshot holds. */
export interface Snapshot {
  format: typeof snapshotFormat;
  /** The journal sequence number of the last change the snapshot contains. */
  seq?: number;
  environments: Record<string, Record<string, Record<string, RecordFields>>>;
}

export const snapshotFormat = 'cubit-core-mock/1';
