// Server-owned fields of every stored resource: createdAt, updatedAt and version.
import type { RecordFields } from '../store/stored-record.js';
import { jsonEqual } from './json-equal.js';

const timestampFields = ['createdAt', 'updatedAt', 'version'];

/** Whether the stored record holds exactly the body's fields, apart from the server-owned ones. */
function sameClientFields(existing: RecordFields, body: RecordFields, serverOwned: readonly string[]): boolean {
  let compared = 0;
  for (const key of Object.keys(existing)) {
    if (timestampFields.includes(key) || serverOwned.includes(key)) continue;
    if (!Object.hasOwn(body, key) || !jsonEqual(existing[key], body[key])) return false;
    compared++;
  }
  return compared === Object.keys(body).length;
}

/**
 * The fields an upsert stores: the body, the server-owned fields in `serverOwned` (e.g. an installation's
 * lastAuditDate), and fresh timestamps and version. Undefined when the body equals what is stored: then
 * nothing changes, not even updatedAt.
 */
export function nextVersion(existing: RecordFields | undefined, body: RecordFields, now: Date, serverOwned: RecordFields = {}): RecordFields | undefined {
  const timestamp = now.toISOString();
  if (!existing) return { ...body, ...serverOwned, createdAt: timestamp, updatedAt: timestamp, version: 1 };
  if (sameClientFields(existing, body, Object.keys(serverOwned))) return undefined;
  return { ...body, ...serverOwned, createdAt: existing.createdAt, updatedAt: timestamp, version: (existing.version as number) + 1 };
}
