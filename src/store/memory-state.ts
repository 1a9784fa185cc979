// In-memory state: one Collection per (environment, collection name).
import { Collection } from './collection.js';
import { type BatchChange, type CapturedCollection, isClear, type StateAccess } from './persistence.js';
import type { ListQuery, ListResult, Snapshot } from './store.js';
import { type RecordFields, StoredRecord } from './stored-record.js';

export class MemoryState implements StateAccess {
  private readonly collections = new Map<string, Map<string, Collection>>();

  constructor(
    readonly environments: readonly string[],
    readonly collectionNames: readonly string[],
    /** Fields to index per collection name, for fast filters and counts. */
    private readonly indexedFields: Readonly<Record<string, readonly string[]>> = {},
  ) {
    for (const environment of environments) {
      this.collections.set(environment, new Map(collectionNames.map((name) => [name, new Collection(indexedFields[name])])));
    }
  }

  private collection(environment: string, name: string): Collection {
    const collection = this.collections.get(environment)?.get(name);
    if (!collection) throw new Error(`Unknown collection ${environment}/${name}`);
    return collection;
  }

  get(environment: string, name: string, id: string): StoredRecord | undefined {
    return this.collection(environment, name).get(id);
  }

  /** Stores a record (`fields` are its parsed fields, when the caller has them), or deletes one when `record` is undefined. */
  set(environment: string, name: string, id: string, record: StoredRecord | undefined, fields?: RecordFields): void {
    const collection = this.collection(environment, name);
    if (record === undefined) collection.delete(id);
    else collection.set(id, record, fields);
  }

  list(environment: string, name: string, { where, offset, limit }: ListQuery): ListResult {
    return this.collection(environment, name).list(where, offset, limit);
  }

  count(environment: string, name: string, where: Record<string, string>): number {
    return this.collection(environment, name).count(where);
  }

  /** Loads a snapshot's records. Records of an environment or collection this state does not serve are refused, not dropped. */
  load(snapshot: Snapshot): void {
    for (const [environment, collections] of Object.entries(snapshot.environments)) {
      for (const [name, records] of Object.entries(collections)) {
        if (!this.collections.get(environment)?.has(name) && Object.keys(records).length > 0) {
          throw new Error(`it holds records of ${environment}/${name}, which the served spec does not have`);
        }
      }
    }
    for (const environment of this.environments) {
      for (const name of this.collectionNames) {
        const records = Object.entries(snapshot.environments[environment]?.[name] ?? {});
        this.collection(environment, name).bulkLoad(records.map(([id, fields]) => [id, StoredRecord.of(fields), fields]));
      }
    }
  }

  /** Empties every collection of an environment. */
  clear(environment: string): void {
    const collections = this.collections.get(environment);
    if (!collections) throw new Error(`Unknown environment ${environment}`);
    for (const name of this.collectionNames) collections.set(name, new Collection(this.indexedFields[name]));
  }

  /** Stores many records of one collection at once (see Collection.setMany). */
  setMany(environment: string, name: string, records: [string, StoredRecord, RecordFields][]): void {
    this.collection(environment, name).setMany(records);
  }

  apply(change: BatchChange): void {
    if (isClear(change)) {
      if (this.collections.has(change.environment)) this.clear(change.environment);
      return;
    }
    const { environment, collection, id, record } = change;
    if (this.collections.get(environment)?.has(collection)) this.set(environment, collection, id, record ?? undefined);
  }

  capture(): CapturedCollection[] {
    const captured: CapturedCollection[] = [];
    for (const environment of this.environments) {
      for (const name of this.collectionNames) captured.push({ environment, collection: name, entries: this.collection(environment, name).entries() });
    }
    return captured;
  }
}
