// Path and query values arrive as text. Each is turned into the JSON value its schema describes before the
// schema judges it: a string stays as it is; an integer must be spelled as the spec's parameter syntax says
// (plain decimal digits) and be exactly representable. Anything else is a violation naming the parameter,
// never a silent coercion (`1e2` → 100, `1e400` → Infinity, `01` → 1).
import type { Violation } from '../errors/api-error.js';
import type { ParameterSyntaxTable } from '../spec/parameter-syntax.js';
import type { JsonSchema } from '../spec/schema-views.js';

type Part = 'path' | 'query';

export interface DecodedParameters {
  values: Record<string, unknown>;
  violations: Violation[];
}

/** A JSON Pointer segment (RFC 6901): `~` and `/` escaped. */
export const escapePointer = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');

function typesOf(schema: unknown): string[] {
  const type = (schema as JsonSchema | undefined)?.type;
  return Array.isArray(type) ? type.map(String) : typeof type === 'string' ? [type] : [];
}

/** A decoder for the parameters of one part of a request, compiled from that part's object schema. */
export function parameterDecoder(objectSchema: JsonSchema, part: Part, syntax: ParameterSyntaxTable): (raw: unknown) => DecodedParameters {
  const properties = (objectSchema.properties ?? {}) as Record<string, JsonSchema>;
  const integers = new Set(Object.keys(properties).filter((name) => typesOf(properties[name]).includes('integer')));
  const integer = syntax.integer;
  // Defined, not assigned: `values.__proto__ = …` would set the prototype, and the name would vanish unjudged
  // instead of being refused as an unknown parameter.
  const set = (values: Record<string, unknown>, name: string, value: unknown) => Object.defineProperty(values, name, { value, enumerable: true, writable: true, configurable: true });
  return (raw) => {
    const values: Record<string, unknown> = {};
    const violations: Violation[] = [];
    for (const [name, value] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
      const pointer = `/${escapePointer(name)}`;
      if (Array.isArray(value)) {
        violations.push({ in: part, pointer, message: 'is given more than once; give it once' });
        continue;
      }
      if (!integers.has(name) || typeof value !== 'string') {
        set(values, name, value);
        continue;
      }
      const number = Number(value);
      if (!integer?.pattern.test(value)) violations.push({ in: part, pointer, message: `must be an integer in ${integer?.description ?? 'plain decimal digits'}` });
      else if (!Number.isSafeInteger(number)) violations.push({ in: part, pointer, message: 'is too large to be an exact integer' });
      else set(values, name, number);
    }
    return { values, violations };
  };
}
