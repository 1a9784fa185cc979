// After a reload of the spec: the stored records the new spec refuses, named in one warning. They are kept and
// served as they are, but the next start would refuse the data file (unless --repair drops them), so the operator
// hears of it now rather than then. The check holds up requests while it runs (about 3 s per 100,000 records on
// a small machine), so it runs only when the schemas records are judged by changed, and on a store of at most
// `maxCheckedRecords`; on a larger one the log says that it was not made.
import { isDeepStrictEqual } from 'node:util';
import type { FastifyBaseLogger } from 'fastify';
import { storedRecordCheck } from '../data-actions/stored-record-check.js';
import { collections } from '../handlers/collections.js';
import type { LoadedSpec } from '../spec/load-spec.js';
import type { Store } from '../store/store.js';

export const maxCheckedRecords = 20_000;

/** What stored records are judged by (see check-fixtures.ts): the schemas, the operations' bodies and answers, the formats. */
const recordRules = (spec: LoadedSpec) => ({
  schemas: spec.dereferenced.components?.schemas,
  operations: spec.operations.map((op) => [op.operationId, op.method, op.path, op.bodySchema, op.responseSchemas]),
  formats: spec.enforcedFormats,
});

export function warnOfRefusedRecords(log: FastifyBaseLogger, previous: LoadedSpec, spec: LoadedSpec, store: Store, dataFile: string | undefined): void {
  if (isDeepStrictEqual(recordRules(previous), recordRules(spec))) return;
  const stored = spec.environments.reduce((sum, environment) => sum + collections.reduce((n, collection) => n + store.count(environment, collection, {}), 0), 0);
  if (stored > maxCheckedRecords) {
    log.info({ spec: spec.file, stored }, `the stored records were not checked against the reloaded spec (more than ${maxCheckedRecords}); the next start checks them`);
    return;
  }
  const problems = storedRecordCheck(spec)({ state: store });
  if (problems.length === 0) return;
  const restart = dataFile ? '; the next start refuses the data file unless --repair drops them' : '';
  log.warn({ spec: spec.file, records: problems.slice(0, 20).map((p) => p.message) }, `${problems.length} stored record(s) break the reloaded spec; they are kept and served as they are${restart}`);
}
