// Refuses to delete a record that others still name (a customer's installations, an installation's audits): a
// 409 that counts them and names the first five, in id order.
import { ApiError } from '../errors/api-error.js';
import type { ProblemType } from '../errors/catalogue.js';
import type { Store } from '../store/store.js';

export interface Dependents {
  /** The collection of the records that name it, e.g. `installations`. */
  collection: string;
  /** Their field that names it, e.g. `customerId`, and the id it has. */
  where: Record<string, string>;
  /** Their id field, e.g. `installationId`. */
  idField: string;
  /** One of them, and many, as the detail names them. */
  noun: [string, string];
  /** What the record is, for the detail: `customer`. */
  owner: string;
  problem: ProblemType;
}

export function refuseIfDependents(store: Store, environment: string, { collection, where, idField, noun, owner, problem }: Dependents): void {
  const { items, total } = store.list(environment, collection, { where, offset: 0, limit: 5 });
  if (total === 0) return;
  const ids = items.map((item) => item.fields()[idField] as string);
  const listed = `${ids.join(', ')}${total > ids.length ? `, and ${total - ids.length} more` : ''}`;
  throw new ApiError(problem, `The ${owner} still has ${total} ${total === 1 ? noun[0] : noun[1]} (${listed}); delete ${total === 1 ? 'it' : 'them'} first.`, {
    blockedBy: { resource: collection, total, ids },
  });
}
