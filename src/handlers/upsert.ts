// The answer of an upsert, shared by every resource: store the next version (if the body changes anything),
// then 201 with Location (the new record's absolute URL) for a new id, or 200 with the record as stored.
import type { RecordFields, StoredRecord } from '../store/stored-record.js';
import type { OperationContext, OperationResult } from './handler.js';

export interface Upsert {
  collection: string;
  id: string;
  existing: StoredRecord | undefined;
  /** What nextVersion made: the fields to store, or undefined when nothing changes. */
  next: RecordFields | undefined;
}

export async function storeUpsert({ environment, store, requestUrl }: OperationContext, { collection, id, existing, next }: Upsert): Promise<OperationResult> {
  let record: StoredRecord;
  if (next) record = await store.put(environment, collection, id, next);
  else if (existing) {
    await store.settled();
    record = existing;
  } else throw new Error(`nothing to store for the new ${collection} record ${id}`);
  if (existing) return { status: 200, body: record };
  return { status: 201, body: record, headers: { location: `${requestUrl()}/${encodeURIComponent(id)}` } };
}
