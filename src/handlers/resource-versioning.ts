// Server-owned fields of every stored resource: createdAt, updatedAt and version.
import type { StoredRecord } from '../store/store.js';
import { jsonEqual } from './json-equal.js';

const timestampFields = ['createdAt', 'updatedAt', 'version'];

/** Whether the stored record holds exactly the body's fields, apart from the server-owned ones. */
function sameClientFields(existing: StoredRecord, body: StoredRecord, serverOwned: readonly string[]): boolean {
  let compared = 0;
  for (const key of Object.keys(existing)) {
    if (timestampFields.includes(key) || serverOwned.includes(key)) continue;
    if (!Object.hasOwn(body, key) || !jsonEqual(existing[key], body[key])) return false;
    compared++;
  }
  return compared === Object.keys(body).length;
}

/**
 * The record an upsert stores: the body, the server-owned fields in `serverOwned` (e.g. an installation's
 * lastAuditDate), and fresh timestamps and version. When the body equals what is stored, the stored record
 * is returned as it is, with `changed: false`.
 */
export function nextVersion(
  existing: StoredRecord | undefined,
  body: StoredRecord,
  now: Date,
  serverOwned: StoredRecord = {},
): { record: StoredRecord; changed: boolean } {
  const timestamp = now.toISOString();
  if (!existing) return { record: { ...body, ...serverOwned, createdAt: timestamp, updatedAt: timestamp, version: 1 }, changed: true };
  if (sameClientFields(existing, body, Object.keys(serverOwned))) return { record: existing, changed: false };
  return {
    record: { ...body, ...serverOwned, createdAt: existing.createdAt, updatedAt: timestamp, version: (existing.version as number) + 1 },
    changed: true,
  };
}
