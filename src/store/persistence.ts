// How changes reach durable storage. The store applies a change in memory, then commits it here;
// the commit's promise resolves once the change would survive the process being killed.
import type { Snapshot, StoredRecord } from './store.js';

export interface Change {
  environment: string;
  collection: string;
  id: string;
  /** The new record, or null for a delete. */
  record: StoredRecord | null;
}

export interface Persistence {
  /** Where the data lives, for messages; undefined when nothing is kept. */
  readonly location: string | undefined;
  /** The stored snapshot, or undefined when there is none yet. Never writes. */
  load(): Promise<Snapshot | undefined>;
  /** Makes a change durable. `current` gives the whole state, for implementations that write snapshots. */
  commit(change: Change, current: () => Snapshot): Promise<void>;
  close(): Promise<void>;
}

/** Keeps nothing: for `--in-memory`. */
export const noPersistence: Persistence = {
  location: undefined,
  load: () => Promise.resolve(undefined),
  commit: () => Promise.resolve(),
  close: () => Promise.resolve(),
};
