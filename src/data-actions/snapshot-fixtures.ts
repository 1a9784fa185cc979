// A snapshot (records by environment, collection and id) as fixtures (records in lists), so that an import is
// checked exactly as a seed is; problems then point at the record's key, and a key that is not the record's id
// is a problem of its own.
import type { CollectionRules, FixtureProblem } from '../fixtures/check-fixtures.js';
import type { FixtureFile, FixtureRecord } from '../fixtures/fixture-file.js';
import type { Snapshot } from '../store/store.js';
import type { RecordKeys } from './fixture-problems.js';

export interface SnapshotFixtures {
  fixtures: FixtureFile;
  keys: RecordKeys;
  keyProblems: FixtureProblem[];
}

export function snapshotFixtures(snapshot: Snapshot, rules: CollectionRules[], options: { environment?: string; file?: string }): SnapshotFixtures {
  const file = options.file ?? 'the snapshot';
  const fixtures: FixtureFile = { file, environments: {} };
  const keysOf = new Map<string, string[]>();
  const keyProblems: FixtureProblem[] = [];
  for (const [environment, collections] of Object.entries(snapshot.environments)) {
    if (options.environment !== undefined && environment !== options.environment) continue;
    const lists: Record<string, FixtureRecord[]> = {};
    for (const [collection, records] of Object.entries(collections)) {
      const keys = Object.keys(records);
      keysOf.set(`${environment}\u0000${collection}`, keys);
      lists[collection] = Object.values(records);
      const rule = rules.find((candidate) => candidate.name === collection);
      // A derived key (a history entry's, an attempt's) is made again on import, from the records in key order.
      if (rule === undefined || rule.kept?.storeKey) continue;
      const { idField } = rule;
      keys.forEach((key, index) => {
        const id = (records[key] as FixtureRecord)[idField];
        if (id !== key) keyProblems.push({ file, environment, collection, index, id: typeof id === 'string' ? id : undefined, pointer: `/${idField}`, rule: `must equal the record's key ${JSON.stringify(key)}` });
      });
    }
    fixtures.environments[environment] = lists;
  }
  return { fixtures, keyProblems, keys: (environment, collection, index) => keysOf.get(`${environment}\u0000${collection}`)?.[index] };
}
