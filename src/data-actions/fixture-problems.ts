// Fixture problems as the 422 `invalid-fixtures` names them: a JSON pointer into the file (by index in a fixture
// file's lists, by key in a snapshot's maps) and a message that starts with the environment, collection, index
// and id of the record.
import { ApiError, type Violation } from '../errors/api-error.js';
import { adminCatalogue } from '../errors/catalogue.js';
import type { FixtureProblem } from '../fixtures/check-fixtures.js';
import { escapePointer } from '../http/parameter-decoding.js';

/** The most problems one answer lists (the admin document's maxItems); the detail counts them all. */
const listed = 1000;

/** For a snapshot: the key of each record, by environment, collection and index. */
export type RecordKeys = (environment: string, collection: string, index: number) => string | undefined;

export function toViolation(problem: FixtureProblem, keys?: RecordKeys): Violation {
  const { environment, collection, index, id, pointer, rule } = problem;
  const env = `/environments/${escapePointer(environment)}`;
  if (collection === '*') return { in: 'body', pointer: env, message: rule };
  if (index < 0) return { in: 'body', pointer: `${env}/${escapePointer(collection)}`, message: rule };
  const key = keys?.(environment, collection, index);
  const where = key === undefined ? `${environment}/${collection}[${index}]${id === undefined ? '' : ` (${id})`}` : `${environment}/${collection}/${key}`;
  const recordPointer = `${env}/${escapePointer(collection)}/${escapePointer(key ?? String(index))}`;
  return { in: 'body', pointer: `${recordPointer}${pointer}`, message: `${where}: ${rule}`.slice(0, 500) };
}

export function invalidFixtures(problems: FixtureProblem[], keys?: RecordKeys): ApiError {
  const records = new Set(problems.map((p) => `${p.environment}\u0000${p.collection}\u0000${p.index}`)).size;
  const noun = records === 1 ? 'record is' : 'records are';
  return new ApiError(adminCatalogue.invalidFixtures, `${records} ${noun} invalid; nothing was loaded.`, {
    errors: problems.slice(0, listed).map((problem) => toViolation(problem, keys)),
  });
}
