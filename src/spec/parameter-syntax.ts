// How the spec says non-string parameters are spelled: its `x-cubit-parameter-syntax` table, by JSON type
// (today only `integer`). Path and query values arrive as text; a value must match its type's pattern before
// it is read as a number, so `01`, `1e2` or `1e400` never pass as 1, 100 or Infinity.
import type { OpenAPIV3_1 } from 'openapi-types';

export const parameterSyntaxExtension = 'x-cubit-parameter-syntax';

export interface ParameterSyntax {
  pattern: RegExp;
  description: string;
}

export type ParameterSyntaxTable = Partial<Record<'integer', ParameterSyntax>>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The table, checked: each entry has a pattern that compiles and a description. Throws naming what is wrong. */
export function readParameterSyntax(document: OpenAPIV3_1.Document): ParameterSyntaxTable {
  const raw = (document as unknown as Record<string, unknown>)[parameterSyntaxExtension];
  if (raw === undefined) return {};
  if (!isObject(raw)) throw new Error(`${parameterSyntaxExtension} must be an object`);
  const table: ParameterSyntaxTable = {};
  for (const type of ['integer'] as const) {
    const entry = raw[type];
    if (entry === undefined) continue;
    if (!isObject(entry) || typeof entry.pattern !== 'string' || typeof entry.description !== 'string') {
      throw new Error(`${parameterSyntaxExtension}.${type} needs a pattern and a description`);
    }
    table[type] = { pattern: new RegExp(entry.pattern, 'u'), description: entry.description };
  }
  return table;
}
