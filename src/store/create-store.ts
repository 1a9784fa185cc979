// The Store: memory state in front, a Persistence behind. If a change cannot be made durable, the error is
// raised and memory goes back to what is durable: the record's newest change that failed puts back the last
// version that was written (an older change that fails leaves the record to the newer one, whose own outcome
// decides). Changes are durable in the order they are made, so this is always what the disk holds.
//
// Durable before visible: a change is in memory at once (so that the checks and writes of one request cannot
// be overtaken), but no answer shows it before it is durable. Every request's work runs through `answer`,
// which holds the answer back until what the work could have seen is durable; if a change it saw failed to
// become durable instead, work that changed nothing runs again on the state put back.
import { MemoryState } from './memory-state.js';
import type { BatchChange, CapturedCollection, Persistence } from './persistence.js';
import type { Batch, ListQuery, ListResult, RecordChange, Store } from './store.js';
import { StorageError, storageRetryAfterSeconds } from './storage-error.js';
import { type RecordFields, StoredRecord } from './stored-record.js';

export interface StoreOptions {
  environments: readonly string[];
  collections: readonly string[];
  /** Fields to index per collection, for fast filters and counts (e.g. installations by customerId). */
  indexedFields?: Readonly<Record<string, readonly string[]>>;
  persistence: Persistence;
}

interface PlannedChange {
  environment: string;
  collection: string;
  id: string;
  /** undefined: a delete. */
  record: StoredRecord | undefined;
  fields?: RecordFields;
}

/** A record with changes that are not durable yet. */
interface InFlight {
  /** The last version known to be durable (undefined: no record). */
  durable: StoredRecord | undefined;
  /** The number of the newest change to the record. */
  newest: number;
  /** Changes to the record still waiting for their outcome. */
  pending: number;
}

/** How often a request's work runs again because a change it saw could not be kept, before it is answered 503. */
const maxAnswerAttempts = 3;

class PersistentStore implements Store {
  private readonly inFlight = new Map<string, InFlight>();
  private changes = 0;
  /** Counts commits that failed (and were put back): work that overlapped one may have seen what was not kept. */
  private failures = 0;

  constructor(
    private readonly state: MemoryState,
    private readonly persistence: Persistence,
  ) {}

  get(environment: string, collection: string, id: string): StoredRecord | undefined {
    return this.state.get(environment, collection, id);
  }

  list(environment: string, collection: string, query: ListQuery): ListResult {
    return this.state.list(environment, collection, query);
  }

  count(environment: string, collection: string, where: Record<string, string>): number {
    return this.state.count(environment, collection, where);
  }

  async put(environment: string, collection: string, id: string, fields: RecordFields): Promise<StoredRecord> {
    const record = StoredRecord.of(fields);
    await this.change(environment, collection, id, record, fields);
    return record;
  }

  delete(environment: string, collection: string, id: string): Promise<void> {
    return this.change(environment, collection, id, undefined);
  }

  async transact(changes: RecordChange[]): Promise<(StoredRecord | undefined)[]> {
    const planned = changes.map(({ environment, collection, id, fields }) => ({
      environment,
      collection,
      id,
      record: fields === null ? undefined : StoredRecord.of(fields),
      fields: fields ?? undefined,
    }));
    for (const { environment, collection } of planned) this.state.get(environment, collection, ''); // throws on an unknown collection
    await this.changeAll(planned);
    return planned.map((change) => change.record);
  }

  settled(): Promise<void> {
    return this.persistence.settled();
  }

  async answer<T>(work: (store: Store) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const failures = this.failures;
      const tracked = new WriteTracking(this);
      let outcome: { value: T } | { error: unknown };
      try {
        outcome = { value: await work(tracked) };
      } catch (error) {
        outcome = { error };
      }
      // Work that wrote has waited for its own change, and so for every change before it; a failure of its own is its answer.
      if (!tracked.wrote) {
        await this.persistence.settled().catch(() => undefined);
        if (this.failures !== failures) {
          if (attempt < maxAnswerAttempts) continue;
          throw new StorageError('unavailable', 'The data this answer depends on could not be saved, several times in a row.', undefined, storageRetryAfterSeconds);
        }
      }
      if ('error' in outcome) throw outcome.error;
      return outcome.value;
    }
  }

  capture(environments?: readonly string[]): CapturedCollection[] {
    const captured = this.state.capture();
    return environments ? captured.filter((c) => environments.includes(c.environment)) : captured;
  }

  commitBatch(batch: Batch): Promise<void> {
    try {
      this.applyBatch(batch);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private applyBatch({ clear, put }: Batch): void {
    const records = put.map(({ environment, collection, id, fields }) => ({ environment, collection, id, record: StoredRecord.of(fields), fields }));
    for (const environment of clear) if (!this.state.environments.includes(environment)) throw new Error(`Unknown environment ${environment}`);
    for (const { environment, collection } of records) this.state.get(environment, collection, ''); // throws on an unknown collection
    const changes: BatchChange[] = [
      ...clear.map((environment) => ({ environment, clear: true as const })),
      ...records.map(({ environment, collection, id, record }) => ({ environment, collection, id, record })),
    ];
    // Durable first (synchronously), then into memory: nothing runs in between, so no reader sees half of it.
    this.persistence.commitBatch(changes);
    for (const environment of clear) this.state.clear(environment);
    const grouped = new Map<string, [string, StoredRecord, Record<string, unknown>][]>();
    for (const { environment, collection, id, record, fields } of records) {
      const key = JSON.stringify([environment, collection]);
      let group = grouped.get(key);
      if (!group) grouped.set(key, (group = []));
      group.push([id, record, fields]);
    }
    for (const [key, group] of grouped) {
      const [environment, collection] = JSON.parse(key) as [string, string];
      this.state.setMany(environment, collection, group);
    }
    // A single change still waiting for its outcome must not put its record back over the batch if it fails.
    for (const [key, flight] of this.inFlight) {
      const [environment, collection, id] = JSON.parse(key) as [string, string, string];
      if (clear.includes(environment) || grouped.has(JSON.stringify([environment, collection]))) {
        flight.newest = ++this.changes;
        flight.durable = this.state.get(environment, collection, id);
      }
    }
  }

  private change(environment: string, collection: string, id: string, record: StoredRecord | undefined, fields?: RecordFields): Promise<void> {
    return this.changeAll([{ environment, collection, id, record, fields }]);
  }

  /** Puts the records into memory at once, commits them as one, and on failure puts back what is durable. */
  private async changeAll(changes: PlannedChange[]): Promise<void> {
    const flights = changes.map(({ environment, collection, id, record, fields }) => {
      const key = JSON.stringify([environment, collection, id]);
      let flight = this.inFlight.get(key);
      if (!flight) this.inFlight.set(key, (flight = { durable: this.state.get(environment, collection, id), newest: 0, pending: 0 }));
      const change = ++this.changes;
      flight.newest = change;
      flight.pending++;
      this.state.set(environment, collection, id, record, fields);
      return { key, flight, change };
    });
    const lines = changes.map(({ environment, collection, id, record }) => ({ environment, collection, id, record: record ?? null }));
    try {
      await (lines.length === 1 ? this.persistence.commit(lines[0] as (typeof lines)[number]) : this.persistence.commitTransaction(lines));
      flights.forEach(({ flight }, index) => (flight.durable = changes[index]?.record));
    } catch (error) {
      this.failures++;
      // Newest first, so that a record changed twice in the transaction goes back to what was durable before it.
      for (let index = flights.length - 1; index >= 0; index--) {
        const { flight, change } = flights[index] as (typeof flights)[number];
        const { environment, collection, id } = changes[index] as PlannedChange;
        if (flight.newest === change) this.state.set(environment, collection, id, flight.durable);
      }
      throw error;
    } finally {
      for (const { key, flight } of flights) if (--flight.pending === 0) this.inFlight.delete(key);
    }
  }

  close(): Promise<void> {
    return this.persistence.close();
  }
}

/** The store as one request's work sees it, noting whether the work changed anything. */
class WriteTracking implements Store {
  wrote = false;

  constructor(private readonly store: Store) {}

  get(environment: string, collection: string, id: string): StoredRecord | undefined {
    return this.store.get(environment, collection, id);
  }

  list(environment: string, collection: string, query: ListQuery): ListResult {
    return this.store.list(environment, collection, query);
  }

  count(environment: string, collection: string, where: Record<string, string>): number {
    return this.store.count(environment, collection, where);
  }

  put(environment: string, collection: string, id: string, fields: RecordFields): Promise<StoredRecord> {
    this.wrote = true;
    return this.store.put(environment, collection, id, fields);
  }

  delete(environment: string, collection: string, id: string): Promise<void> {
    this.wrote = true;
    return this.store.delete(environment, collection, id);
  }

  transact(changes: RecordChange[]): Promise<(StoredRecord | undefined)[]> {
    this.wrote = true;
    return this.store.transact(changes);
  }

  commitBatch(batch: Batch): Promise<void> {
    this.wrote = true;
    return this.store.commitBatch(batch);
  }

  capture(environments?: readonly string[]): CapturedCollection[] {
    return this.store.capture(environments);
  }

  settled(): Promise<void> {
    return this.store.settled();
  }

  answer<T>(work: (store: Store) => Promise<T>): Promise<T> {
    return work(this);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

/** Opens the store: loads what the persistence holds (or fails, touching nothing), then serves from memory. */
export async function createStore({ environments, collections, indexedFields, persistence }: StoreOptions): Promise<Store> {
  const state = new MemoryState(environments, collections, indexedFields);
  await persistence.open(state);
  return new PersistentStore(state, persistence);
}
