// The audit status transition table, read from the spec: the `x-cubit-transitions` extension of the schema that
// declares it (AuditStatus). The mock judges every status change by it, and the contract suite reads the same table.
import type { OpenAPIV3_1 } from 'openapi-types';

export interface TransitionTable {
  /** The schema that declares the table, e.g. `AuditStatus`. */
  schemaName: string;
  /** Every status, in the schema's enum order. */
  statuses: string[];
  /** The status a new record starts in. */
  initial: string;
  /** The statuses each status may change to. */
  allowed: Record<string, string[]>;
  /** The status whose reaching sets the installation's lastAuditDate. */
  setsLastAuditDate: string | undefined;
}

interface RawTable {
  initial?: unknown;
  allowed?: unknown;
  setsLastAuditDate?: unknown;
}

const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** The table of the one schema that has `x-cubit-transitions`; throws naming every inconsistency. */
export function readTransitionTable(document: OpenAPIV3_1.Document): TransitionTable {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Record<string, unknown>>;
  const declaring = Object.entries(schemas).filter(([, schema]) => schema['x-cubit-transitions'] !== undefined);
  if (declaring.length !== 1) throw new Error(`exactly one schema must declare x-cubit-transitions; found ${declaring.length}`);
  const [schemaName, schema] = declaring[0] as [string, Record<string, unknown>];
  const raw = schema['x-cubit-transitions'] as RawTable;
  const where = `#/components/schemas/${schemaName}/x-cubit-transitions`;
  const problems: string[] = [];
  const statuses = isStringList(schema.enum) ? schema.enum : [];
  if (statuses.length === 0) problems.push(`${schemaName} must be a string enum`);
  const known = (status: unknown, at: string): status is string => {
    if (typeof status === 'string' && statuses.includes(status)) return true;
    problems.push(`${where}${at}: ${JSON.stringify(status)} is not a status of ${schemaName}`);
    return false;
  };
  const initial = known(raw.initial, '/initial') ? raw.initial : '';
  const allowed: Record<string, string[]> = {};
  const table = (typeof raw.allowed === 'object' && raw.allowed !== null ? raw.allowed : {}) as Record<string, unknown>;
  for (const status of statuses) {
    const targets = table[status];
    if (!isStringList(targets)) {
      problems.push(`${where}/allowed/${status}: must list the statuses it may change to (an empty list for a final status)`);
      continue;
    }
    allowed[status] = targets.filter((target, index) => known(target, `/allowed/${status}/${index}`));
  }
  for (const status of Object.keys(table)) known(status, `/allowed`);
  const setsLastAuditDate = raw.setsLastAuditDate === undefined ? undefined : known(raw.setsLastAuditDate, '/setsLastAuditDate') ? raw.setsLastAuditDate : undefined;
  if (problems.length > 0) throw new Error(`The transition table cannot be served:\n  - ${problems.join('\n  - ')}`);
  return { schemaName, statuses, initial, allowed, setsLastAuditDate };
}

export const isAllowed = (table: TransitionTable, from: string, to: string): boolean => table.allowed[from]?.includes(to) ?? false;
