// One collection's records: a Map by id, the ids in order (for paging), and an index per declared field
// (value → ids) so that filters and counts on that field do not scan the collection.
import { markStored } from './record-json.js';
import type { ListResult, StoredRecord } from './store.js';

function sortedPosition(ids: string[], id: string): number {
  let low = 0;
  let high = ids.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((ids[mid] as string) < id) low = mid + 1;
    else high = mid;
  }
  return low;
}

export class Collection {
  readonly records = new Map<string, StoredRecord>();
  private sortedIds: string[] = [];
  private readonly indexes = new Map<string, Map<unknown, Set<string>>>();

  constructor(indexedFields: readonly string[] = []) {
    for (const field of indexedFields) this.indexes.set(field, new Map());
  }

  private unindex(id: string, record: StoredRecord | undefined): void {
    if (!record) return;
    for (const [field, index] of this.indexes) {
      const ids = index.get(record[field]);
      ids?.delete(id);
      if (ids?.size === 0) index.delete(record[field]);
    }
  }

  private index(id: string, record: StoredRecord): void {
    for (const [field, index] of this.indexes) {
      const value = record[field];
      if (value === undefined) continue;
      let ids = index.get(value);
      if (!ids) index.set(value, (ids = new Set()));
      ids.add(id);
    }
  }

  set(id: string, record: StoredRecord): void {
    const previous = this.records.get(id);
    if (!previous) this.sortedIds.splice(sortedPosition(this.sortedIds, id), 0, id);
    this.unindex(id, previous);
    this.records.set(id, record);
    this.index(id, record);
    markStored(record);
  }

  delete(id: string): void {
    const previous = this.records.get(id);
    if (!previous) return;
    this.records.delete(id);
    this.unindex(id, previous);
    this.sortedIds.splice(sortedPosition(this.sortedIds, id), 1);
  }

  /** Adds many records at once: one sort instead of one ordered insert each. */
  bulkLoad(records: Record<string, StoredRecord>): void {
    for (const [id, record] of Object.entries(records)) {
      this.unindex(id, this.records.get(id));
      this.records.set(id, record);
      this.index(id, record);
      markStored(record);
    }
    this.sortedIds = [...this.records.keys()].sort();
  }

  entries(): [string, StoredRecord][] {
    return this.sortedIds.map((id) => [id, this.records.get(id) as StoredRecord]);
  }

  /** The ids whose records match `where`, in order: through an index where one exists, else by a scan. */
  private matchingIds(where: Record<string, string>): string[] {
    const conditions = Object.entries(where);
    const indexed = conditions.find(([field]) => this.indexes.has(field));
    const candidates = indexed ? [...(this.indexes.get(indexed[0])?.get(indexed[1]) ?? [])].sort() : this.sortedIds;
    return candidates.filter((id) => {
      const record = this.records.get(id) as StoredRecord;
      return conditions.every(([field, value]) => record[field] === value);
    });
  }

  list(where: Record<string, string> | undefined, offset: number, limit: number): ListResult {
    const ids = where ? this.matchingIds(where) : this.sortedIds;
    return { items: ids.slice(offset, offset + limit).map((id) => this.records.get(id) as StoredRecord), total: ids.length };
  }

  count(where: Record<string, string>): number {
    return this.matchingIds(where).length;
  }
}
