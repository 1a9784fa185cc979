// Checks that parsed JSON is a snapshot this version can load, and says precisely what is wrong otherwise.
import { snapshotFormat } from './store.js';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Returns a description of the first problem, or undefined when the value is a valid snapshot. */
export function snapshotProblem(value: unknown): string | undefined {
  if (!isPlainObject(value)) return 'it does not hold a JSON object';
  if (value.format !== snapshotFormat) return `its "format" is ${JSON.stringify(value.format)}, expected "${snapshotFormat}"`;
  if (!isPlainObject(value.environments)) return '"environments" is not an object';
  for (const [environment, collections] of Object.entries(value.environments)) {
    if (!isPlainObject(collections)) return `"environments.${environment}" is not an object`;
    for (const [collection, records] of Object.entries(collections)) {
      if (!isPlainObject(records)) return `"environments.${environment}.${collection}" is not an object`;
      for (const [id, record] of Object.entries(records)) {
        if (!isPlainObject(record)) return `record ${environment}/${collection}/${id} is not an object`;
      }
    }
  }
  return undefined;
}
