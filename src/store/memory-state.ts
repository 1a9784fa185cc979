// In-memory state: one Map per (environment, collection), plus a sorted id index for ordered paging.
import type { CapturedCollection, Change, StateAccess } from './persistence.js';
import type { ListQuery, ListResult, Snapshot, StoredRecord } from './store.js';

class Collection {
  readonly records = new Map<string, StoredRecord>();
  private sortedIds: string[] = [];

  private position(id: string): number {
    let low = 0;
    let high = this.sortedIds.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.sortedIds[mid] as string) < id) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  set(id: string, record: StoredRecord): void {
    if (!this.records.has(id)) this.sortedIds.splice(this.position(id), 0, id);
    this.records.set(id, record);
  }

  /** Adds many records at once: one sort instead of one ordered insert each. */
  bulkLoad(records: Record<string, StoredRecord>): void {
    for (const [id, record] of Object.entries(records)) this.records.set(id, record);
    this.sortedIds = [...this.records.keys()].sort();
  }

  delete(id: string): void {
    if (!this.records.delete(id)) return;
    this.sortedIds.splice(this.position(id), 1);
  }

  *ordered(): Generator<StoredRecord> {
    for (const id of this.sortedIds) yield this.records.get(id) as StoredRecord;
  }

  entries(): [string, StoredRecord][] {
    return this.sortedIds.map((id) => [id, this.records.get(id) as StoredRecord]);
  }

  page(offset: number, limit: number): StoredRecord[] {
    return this.sortedIds.slice(offset, offset + limit).map((id) => this.records.get(id) as StoredRecord);
  }
}

const matches = (record: StoredRecord, where: Record<string, string> | undefined): boolean =>
  !where || Object.entries(where).every(([field, value]) => record[field] === value);

export class MemoryState implements StateAccess {
  private readonly collections = new Map<string, Collection>();

  constructor(
    readonly environments: readonly string[],
    readonly collectionNames: readonly string[],
  ) {
    for (const environment of environments) {
      for (const name of collectionNames) this.collections.set(`${environment}/${name}`, new Collection());
    }
  }

  private collection(environment: string, name: string): Collection {
    const collection = this.collections.get(`${environment}/${name}`);
    if (!collection) throw new Error(`Unknown collection ${environment}/${name}`);
    return collection;
  }

  get(environment: string, name: string, id: string): StoredRecord | undefined {
    return this.collection(environment, name).records.get(id);
  }

  set(environment: string, name: string, id: string, record: StoredRecord | undefined): void {
    const collection = this.collection(environment, name);
    if (record === undefined) collection.delete(id);
    else collection.set(id, record);
  }

  list(environment: string, name: string, { where, offset, limit }: ListQuery): ListResult {
    const collection = this.collection(environment, name);
    if (!where) return { items: collection.page(offset, limit), total: collection.records.size };
    const all = [...collection.ordered()].filter((record) => matches(record, where));
    return { items: all.slice(offset, offset + limit), total: all.length };
  }

  count(environment: string, name: string, where: Record<string, string>): number {
    let total = 0;
    for (const record of this.collection(environment, name).records.values()) if (matches(record, where)) total++;
    return total;
  }

  /** Loads a snapshot's records. Records of an environment or collection this state does not serve are refused, not dropped. */
  load(snapshot: Snapshot): void {
    for (const [environment, collections] of Object.entries(snapshot.environments)) {
      for (const [name, records] of Object.entries(collections)) {
        if (!this.collections.has(`${environment}/${name}`) && Object.keys(records).length > 0) {
          throw new Error(`it holds records of ${environment}/${name}, which the served spec does not have`);
        }
      }
    }
    for (const environment of this.environments) {
      for (const name of this.collectionNames) {
        this.collection(environment, name).bulkLoad(snapshot.environments[environment]?.[name] ?? {});
      }
    }
  }

  apply({ environment, collection, id, record }: Change): void {
    if (this.collections.has(`${environment}/${collection}`)) this.set(environment, collection, id, record ?? undefined);
  }

  capture(): CapturedCollection[] {
    const captured: CapturedCollection[] = [];
    for (const environment of this.environments) {
      for (const name of this.collectionNames) captured.push({ environment, collection: name, entries: this.collection(environment, name).entries() });
    }
    return captured;
  }
}
