// The records a data file holds, judged once loaded by the rules a snapshot import meets (the spec's schemas,
// ids equal to their keys, references to records of the same environment), so that the mock never serves a
// record that breaks its own contract. Each problem names the record and the rule, for the start-up refusal
// or for `--repair`, which drops the records named, and after a reload of the spec (--watch), which warns of them.
import { checkFixtures, collectionRules } from '../fixtures/check-fixtures.js';
import type { LoadedSpec } from '../spec/load-spec.js';
import type { RecordProblem, RecordsToCheck } from '../store/journaled-persistence.js';
import type { Snapshot } from '../store/store.js';
import { snapshotFormat } from '../store/store.js';
import type { RecordFields } from '../store/stored-record.js';
import { snapshotFixtures } from './snapshot-fixtures.js';

/** The records of the state, parsed, as a snapshot. */
function parsedSnapshot(records: RecordsToCheck): Snapshot {
  if ('snapshot' in records) return records.snapshot;
  const snapshot: Snapshot = { format: snapshotFormat, environments: {} };
  for (const { environment, collection, entries } of records.state.capture()) {
    const parsed: Record<string, RecordFields> = {};
    for (const [id, record] of entries) parsed[id] = record.fields();
    (snapshot.environments[environment] ??= {})[collection] = parsed;
  }
  return snapshot;
}

export function storedRecordCheck(spec: LoadedSpec): (records: RecordsToCheck) => RecordProblem[] {
  return (records) => {
    const snapshot = parsedSnapshot(records);
    const { fixtures, keys, keyProblems } = snapshotFixtures(snapshot, collectionRules(spec), { file: 'the data file' });
    const problems = [...keyProblems, ...checkFixtures(spec, fixtures, { snapshot: true })];
    const found = new Map<string, RecordProblem>();
    for (const p of problems) {
      const id = p.index >= 0 ? keys(p.environment, p.collection, p.index) : undefined;
      if (id === undefined) continue; // a whole collection the spec does not have: refused when the snapshot is loaded
      const key = JSON.stringify([p.environment, p.collection, id]);
      if (found.has(key)) continue; // one problem per record is enough to name it
      found.set(key, { environment: p.environment, collection: p.collection, id, message: `${p.environment}/${p.collection}/${id}${p.pointer ? ` at ${p.pointer}` : ''}: ${p.rule}` });
    }
    return [...found.values()];
  };
}
