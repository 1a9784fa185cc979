// The one exclusions file: (operation, status) pairs the run need not exercise, each with its reason.
// `operationId: "*"` applies to every operation that documents the status.
import { readFileSync } from 'node:fs';

export interface Exclusion {
  operationId: string;
  status: number;
  reason: string;
}

export const exclusionsFile = new URL('../coverage-exclusions.json', import.meta.url).pathname;

export function loadExclusions(file = exclusionsFile): Exclusion[] {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { exclusions?: unknown };
  if (!Array.isArray(parsed.exclusions)) throw new Error(`${file}: expected {"exclusions": [...]}`);
  return parsed.exclusions.map((raw: Partial<Exclusion>, index) => {
    if (typeof raw.operationId !== 'string' || typeof raw.status !== 'number' || typeof raw.reason !== 'string' || raw.reason.trim() === '') {
      throw new Error(`${file}: exclusion ${index} needs operationId (string), status (number) and a non-empty reason`);
    }
    return { operationId: raw.operationId, status: raw.status, reason: raw.reason };
  });
}

export function exclusionFor(exclusions: Exclusion[], operationId: string, status: number): Exclusion | undefined {
  return exclusions.find((e) => e.status === status && (e.operationId === operationId || e.operationId === '*'));
}
