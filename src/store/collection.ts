// One collection's records: a Map by id, the ids in order (for paging), and an index per declared field
// (value → ids, and id → value) so that filters and counts on that field do not scan the collection.
import type { ListResult } from './store.js';
import type { RecordFields, StoredRecord } from './stored-record.js';

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

class FieldIndex {
  private readonly idsByValue = new Map<unknown, Set<string>>();
  private readonly valueById = new Map<string, unknown>();

  constructor(readonly field: string) {}

  ids(value: unknown): Iterable<string> {
    return this.idsByValue.get(value) ?? [];
  }

  remove(id: string): void {
    if (!this.valueById.has(id)) return;
    const value = this.valueById.get(id);
    this.valueById.delete(id);
    const ids = this.idsByValue.get(value);
    ids?.delete(id);
    if (ids?.size === 0) this.idsByValue.delete(value);
  }

  add(id: string, fields: RecordFields): void {
    const value = fields[this.field];
    if (value === undefined) return;
    this.valueById.set(id, value);
    let ids = this.idsByValue.get(value);
    if (!ids) this.idsByValue.set(value, (ids = new Set()));
    ids.add(id);
  }
}

export class Collection {
  private readonly records = new Map<string, StoredRecord>();
  private sortedIds: string[] = [];
  private readonly indexes: FieldIndex[];

  constructor(indexedFields: readonly string[] = []) {
    this.indexes = indexedFields.map((field) => new FieldIndex(field));
  }

  get(id: string): StoredRecord | undefined {
    return this.records.get(id);
  }

  private store(id: string, record: StoredRecord, fields: RecordFields | undefined): void {
    this.records.set(id, record);
    if (this.indexes.length === 0) return;
    const indexed = fields ?? record.fields();
    for (const index of this.indexes) {
      index.remove(id);
      index.add(id, indexed);
    }
  }

  /** Stores a record. `fields` are its parsed fields if the caller has them (else they are parsed when an index needs them). */
  set(id: string, record: StoredRecord, fields?: RecordFields): void {
    if (!this.records.has(id)) this.sortedIds.splice(sortedPosition(this.sortedIds, id), 0, id);
    this.store(id, record, fields);
  }

  delete(id: string): void {
    if (!this.records.delete(id)) return;
    for (const index of this.indexes) index.remove(id);
    this.sortedIds.splice(sortedPosition(this.sortedIds, id), 1);
  }

  /** Adds many records at once: one sort instead of one ordered insert each. */
  bulkLoad(records: Iterable<[string, StoredRecord, RecordFields]>): void {
    for (const [id, record, fields] of records) this.store(id, record, fields);
    this.sortedIds = [...this.records.keys()].sort();
  }

  /** Stores many records: an ordered insert each when few are new, else one sort of all the ids. */
  setMany(records: [string, StoredRecord, RecordFields][]): void {
    const added = records.filter(([id]) => !this.records.has(id)).length;
    if (added <= 64) {
      for (const [id, record, fields] of records) this.set(id, record, fields);
      return;
    }
    for (const [id, record, fields] of records) this.store(id, record, fields);
    this.sortedIds = [...this.records.keys()].sort();
  }

  get size(): number {
    return this.records.size;
  }

  entries(): [string, StoredRecord][] {
    return this.sortedIds.map((id) => [id, this.records.get(id) as StoredRecord]);
  }

  /** The ids whose records match `where`, in order: through an index where one exists, else by a scan. */
  private matchingIds(where: Record<string, string>): string[] {
    const conditions = Object.entries(where);
    let index: FieldIndex | undefined;
    let value: string | undefined;
    for (const [field, wanted] of conditions) {
      index = this.indexes.find((i) => i.field === field);
      value = wanted;
      if (index) break;
    }
    const candidates = index ? [...index.ids(value)].sort() : this.sortedIds;
    const rest = conditions.filter(([field]) => field !== index?.field);
    if (rest.length === 0) return candidates;
    return candidates.filter((id) => {
      const fields = (this.records.get(id) as StoredRecord).fields();
      return rest.every(([field, wanted]) => fields[field] === wanted);
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
