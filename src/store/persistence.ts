// How changes reach durable storage. The store applies a change in memory, then commits it here;
// the commit's promise resolves once the change would survive the process being killed (kill -9).
import type { Snapshot } from './store.js';
import type { StoredRecord } from './stored-record.js';

export interface Change {
  environment: string;
  collection: string;
  id: string;
  /** The new record, or null for a delete. */
  record: StoredRecord | null;
}

/** Empties an environment: every record of every collection. Only ever part of a batch. */
export interface Clear {
  environment: string;
  clear: true;
}

/** What a batch holds, in order: clears first, as a seed or import that replaces an environment writes them. */
export type BatchChange = Change | Clear;

export const isClear = (change: BatchChange): change is Clear => 'clear' in change;

/** The records of one collection at one moment, in id order. Records are never mutated once stored. */
export interface CapturedCollection {
  environment: string;
  collection: string;
  entries: [string, StoredRecord][];
}

/** What a persistence needs from the in-memory state: to fill it at start, and to copy it for a snapshot. */
export interface StateAccess {
  load(snapshot: Snapshot): void;
  apply(change: BatchChange): void;
  /** A consistent copy of every collection, taken synchronously. */
  capture(): CapturedCollection[];
}

export interface Persistence {
  /** Where the data lives, for messages; undefined when nothing is kept. */
  readonly location: string | undefined;
  /** Fills the state with what is stored, recovering after a crash; on a problem it throws and changes no file. */
  open(state: StateAccess): Promise<void>;
  /** Makes a change durable. Changes are durable in the order they are committed. */
  commit(change: Change): Promise<void>;
  /**
   * Makes several changes durable as one transaction: after a crash either all of them or none are there. Like
   * `commit`, in order with the other commits, and resolved once durable.
   */
  commitTransaction(changes: Change[]): Promise<void>;
  /**
   * Makes many changes durable as one: after a crash either all of them or none are there. Synchronous: when it
   * returns the batch is durable; when it throws nothing of the batch was kept. Changes committed earlier are
   * made durable first.
   */
  commitBatch(changes: BatchChange[]): void;
  /** Resolves once every change committed so far is durable. */
  settled(): Promise<void>;
  /** Waits for pending work, leaves the data in its most compact form, and releases the files. */
  close(): Promise<void>;
}

/** Keeps nothing: for `--in-memory`. */
export const noPersistence: Persistence = {
  location: undefined,
  open: () => Promise.resolve(),
  commit: () => Promise.resolve(),
  commitTransaction: () => Promise.resolve(),
  commitBatch: () => undefined,
  settled: () => Promise.resolve(),
  close: () => Promise.resolve(),
};
