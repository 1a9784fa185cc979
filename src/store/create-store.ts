// The Store: memory state in front, a Persistence behind. If a change cannot be made durable,
// it is undone in memory (unless a later change to the same record has replaced it) and the error is raised.
import { MemoryState } from './memory-state.js';
import type { Persistence } from './persistence.js';
import type { ListQuery, ListResult, Store } from './store.js';
import { type RecordFields, StoredRecord } from './stored-record.js';

export interface StoreOptions {
  environments: readonly string[];
  collections: readonly string[];
  /** Fields to index per collection, for fast filters and counts (e.g. installations by customerId). */
  indexedFields?: Readonly<Record<string, readonly string[]>>;
  persistence: Persistence;
}

class PersistentStore implements Store {
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

  settled(): Promise<void> {
    return this.persistence.settled();
  }

  private async change(environment: string, collection: string, id: string, record: StoredRecord | undefined, fields?: RecordFields): Promise<void> {
    const previous = this.state.get(environment, collection, id);
    this.state.set(environment, collection, id, record, fields);
    try {
      await this.persistence.commit({ environment, collection, id, record: record ?? null });
    } catch (error) {
      if (this.state.get(environment, collection, id) === record) this.state.set(environment, collection, id, previous);
      throw error;
    }
  }

  close(): Promise<void> {
    return this.persistence.close();
  }
}

/** Opens the store: loads what the persistence holds (or fails, touching nothing), then serves from memory. */
export async function createStore({ environments, collections, indexedFields, persistence }: StoreOptions): Promise<Store> {
  const state = new MemoryState(environments, collections, indexedFields);
  await persistence.open(state);
  return new PersistentStore(state, persistence);
}
