// The status machine the spec declares, as the suite drives it: the transition table (`x-cubit-transitions` on a
// status schema, read by src/audit/transitions.ts as the mock reads it), the operation that changes the status (the
// one whose body's property is that schema), the resource it changes (the one whose item path is the operation's
// path's start), its history (a GET under the same item) and the field the table's `setsLastAuditDate` status sets
// on the referenced resource. What the spec says in prose only (the history's `from`/`to`, the field's name
// `lastAuditDate`) is named here, and nowhere else in the suite.
import type { OpenAPIV3_1 } from 'openapi-types';
import { type TransitionTable, readTransitionTable } from '../../src/audit/transitions.js';
import type { Resource, ResourceModel } from './resources.js';
import { type SpecModel, type SpecOperation, loadDereferenced } from './spec-model.js';

export interface StatusMachine {
  table: TransitionTable;
  change: SpecOperation;
  /** The body property that carries the new status. */
  statusField: string;
  resource: Resource;
  history: SpecOperation | undefined;
  /** The referenced resource whose `lastAuditDate` reaching `table.setsLastAuditDate` sets, if any. */
  dated: Resource | undefined;
}

/** The field a change to `setsLastAuditDate` sets on the referenced resource (the spec's prose names it). */
export const lastDateField = 'lastAuditDate';

const machines = new Map<string, Promise<StatusMachine | undefined>>();

export function statusMachine(spec: SpecModel, resources: ResourceModel): Promise<StatusMachine | undefined> {
  let machine = machines.get(spec.file);
  if (!machine) {
    machine = loadDereferenced(spec.file).then((document) => find(document, spec, resources));
    machines.set(spec.file, machine);
  }
  return machine;
}

function find(document: OpenAPIV3_1.Document, spec: SpecModel, resources: ResourceModel): StatusMachine | undefined {
  const declares = Object.values(document.components?.schemas ?? {}).some((schema) => (schema as Record<string, unknown>)['x-cubit-transitions'] !== undefined);
  if (!declares) return undefined;
  const table = readTransitionTable(document);
  for (const change of spec.operations) {
    const properties = (change.body?.requestSchema.properties ?? {}) as Record<string, Record<string, unknown>>;
    const statusField = Object.entries(properties).find(([, property]) => property['x-cubit-transitions'] !== undefined)?.[0];
    const resource = resources.resources.find((candidate) => change.path.startsWith(`${candidate.itemPath}/`));
    if (!statusField || !resource) continue;
    const history = spec.operations.find((op) => op.method === 'GET' && op.path.startsWith(`${resource.itemPath}/`));
    const dated = resource.references
      .map((reference) => resources.byName(reference.resource))
      .find((referenced) => Object.hasOwn(((referenced.get?.responses.find((r) => r.status === '200')?.schema?.properties) ?? {}), lastDateField));
    return { table, change, statusField, resource, history, dated };
  }
  return undefined;
}

/** For every status the table reaches from the initial one, the shortest walk of allowed changes to it. */
function shortestWalks(table: TransitionTable): Map<string, string[]> {
  const walks = new Map<string, string[]>([[table.initial, []]]);
  const queue = [table.initial];
  for (let at = queue.shift(); at !== undefined; at = queue.shift()) {
    for (const next of table.allowed[at] ?? []) {
      if (walks.has(next)) continue;
      walks.set(next, [...(walks.get(at) ?? []), next]);
      queue.push(next);
    }
  }
  return walks;
}

/** The shortest walk of allowed changes from the initial status to `status` (empty for the initial one). */
export function walkTo(table: TransitionTable, status: string): string[] {
  const walk = shortestWalks(table).get(status);
  if (!walk) throw new Error(`the transition table never reaches ${status} from ${table.initial}`);
  return walk;
}

/** The shortest walk from the initial status to a status from which a change to `status` is allowed. */
export function walkToward(table: TransitionTable, status: string): string[] {
  const walks = [...shortestWalks(table)].filter(([from]) => table.allowed[from]?.includes(status)).map(([, walk]) => walk);
  const shortest = walks.sort((a, b) => a.length - b.length)[0];
  if (!shortest) throw new Error(`the transition table never allows a change to ${status} from a status it reaches from ${table.initial}`);
  return shortest;
}
