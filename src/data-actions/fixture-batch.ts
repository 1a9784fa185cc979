// Checked fixture records turned into one store batch. A record in the shape clients send gets the server-owned
// fields an upsert would give it (timestamps, version 1 or the next one, its other server-owned fields kept or
// null); a record that carries server-owned fields, as an exported snapshot does, is stored exactly as it is.
import { type CollectionRules, storeKeyOf } from '../fixtures/check-fixtures.js';
import type { FixtureFile } from '../fixtures/fixture-file.js';
import { nextVersion } from '../handlers/resource-versioning.js';
import type { Batch, Store } from '../store/store.js';
import type { RecordFields } from '../store/stored-record.js';

const timestampFields = new Set(['createdAt', 'updatedAt', 'version']);

export interface BatchPlan {
  /** Environments emptied first (a replace). */
  replace: string[];
  /** With a merge, an unchanged record is left as stored; with a replace every record is stored anew. */
  merge: boolean;
  now: Date;
}

function storedFields(rules: CollectionRules, record: RecordFields, existing: RecordFields | undefined, now: Date): RecordFields | undefined {
  if (Object.keys(record).some((field) => rules.serverOwned.has(field))) return record;
  const kept: RecordFields = {};
  for (const field of rules.serverOwned) if (!timestampFields.has(field)) kept[field] = existing?.[field] ?? rules.initialFields[field] ?? null;
  return nextVersion(existing, record, now, kept);
}

/** The batch that loads these (already checked) fixtures. */
export function fixtureBatch(fixtures: FixtureFile, rules: CollectionRules[], store: Store, plan: BatchPlan): Batch {
  const batch: Batch = { clear: plan.replace, put: [] };
  for (const [environment, collections] of Object.entries(fixtures.environments)) {
    // In the spec's order of collections (customers before the installations that name them), whatever the file's.
    for (const rule of rules) {
      if (rule.kept) {
        // The mock's own records, stored as they are; a history entry is numbered after its audit's stored ones.
        const ordinals = new Map<string, number>();
        const parentField = rule.kept.storeKey?.parentField;
        for (const record of collections[rule.name] ?? []) {
          const parent = parentField === undefined ? '' : String(record[parentField]);
          const before = ordinals.get(parent) ?? (plan.merge && parentField !== undefined ? store.count(environment, rule.name, { [parentField]: parent }) : 0);
          ordinals.set(parent, before + 1);
          batch.put.push({ environment, collection: rule.name, id: storeKeyOf(rule, record, before + 1), fields: record });
        }
        continue;
      }
      for (const record of collections[rule.name] ?? []) {
        const id = record[rule.idField] as string;
        const existing = plan.merge ? store.get(environment, rule.name, id)?.fields() : undefined;
        const fields = storedFields(rule, record, existing, plan.now);
        if (fields) batch.put.push({ environment, collection: rule.name, id, fields });
      }
    }
  }
  return batch;
}
