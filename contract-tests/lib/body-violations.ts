// Invalid request bodies generated from an operation's body schema: each required field missing, each field
// with a wrong type, an unknown property in each closed object, each bound broken (length, pattern, enum,
// format, range, item count, uniqueness), and each readOnly field sent. Each case changes one thing in a valid
// body, so the 400 must name exactly that place.
import { childPointer, removed, withMember } from './json-pointer.js';
import { distinctItems, sampleValue, schemaTypes } from './schema-samples.js';
import type { JsonSchema } from './spec-model.js';

export interface BodyViolationCase {
  /** JSON Pointer of the member the case breaks (for a missing field: the field). */
  pointer: string;
  /** What is wrong, e.g. `missing`, `wrong type`, `maxLength 200 exceeded`. */
  kind: string;
  body: unknown;
}

export const unknownPropertyName = 'contractUnknownProperty';

const invalidFormats: Record<string, string> = {
  email: 'contract-not-an-email',
  date: '2026-13-01',
  'date-time': '2026-13-01T25:61:00Z',
  uri: 'not a uri',
  uuid: 'not-a-uuid',
  ipv4: '999.0.0.1',
  hostname: '-not-a-host-',
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A value of another JSON type; numbers as numeric strings and numeric strings as numbers, to catch coercion. */
export function wrongTypeValue(types: string[], current: unknown): unknown {
  const allows = (value: unknown): boolean => {
    const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
    if (type === 'number') return types.includes('number') || (types.includes('integer') && Number.isInteger(value));
    return types.includes(type);
  };
  const candidates: unknown[] = [];
  if (typeof current === 'number' || typeof current === 'boolean') candidates.push(String(current));
  if (typeof current === 'string' && /^-?\d+(\.\d+)?$/.test(current)) candidates.push(Number(current));
  candidates.push(12345, 'contract-text', true, { contract: true }, ['contract']);
  return candidates.find((candidate) => !allows(candidate));
}

function patternViolation(schema: JsonSchema, current: string): string | undefined {
  const pattern = new RegExp(schema.pattern as string, 'u');
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity;
  const base = current || 'a';
  const candidates = [base.toLowerCase(), base.toUpperCase(), `-${base.slice(1)}`, `!${base.slice(1)}`, `${base.slice(0, -1)}!`, ` ${base.slice(1)}`, '!'.repeat(Math.max(min, 1))];
  return candidates.find((c) => !pattern.test(c) && c.length >= min && c.length <= max);
}

/** Which formats the target enforces; undefined: every format the generator knows how to break. */
export type EnforcedFormats = readonly string[] | undefined;

/** Values of the string at `pointer` that break its length, pattern or format (an enforced one) (in `body`). */
export function stringCases(schema: JsonSchema, value: string, pointer: string, enforced: EnforcedFormats = undefined): BodyViolationCase[] {
  const cases: { kind: string; value: unknown }[] = [];
  if (typeof schema.maxLength === 'number') {
    const filler = value.slice(-1) || 'a';
    cases.push({ kind: `maxLength ${schema.maxLength} exceeded`, value: value.padEnd(schema.maxLength + 1, filler) });
  }
  if (typeof schema.minLength === 'number' && schema.minLength > 0) cases.push({ kind: `shorter than minLength ${schema.minLength}`, value: value.slice(0, schema.minLength - 1) });
  if (typeof schema.pattern === 'string') {
    const broken = patternViolation(schema, value);
    if (broken !== undefined) cases.push({ kind: `pattern ${schema.pattern} not matched`, value: broken });
  }
  const checked = typeof schema.format === 'string' && (enforced === undefined || enforced.includes(schema.format));
  if (checked && typeof schema.format === 'string' && invalidFormats[schema.format]) cases.push({ kind: `not a valid ${schema.format}`, value: invalidFormats[schema.format] });
  return cases.map((c) => ({ pointer, kind: c.kind, body: c.value }));
}

/** Values of the number at `pointer` that break its range (in `body`). */
export function numberCases(schema: JsonSchema, pointer: string): BodyViolationCase[] {
  const cases: BodyViolationCase[] = [];
  const step = schemaTypes(schema).includes('integer') ? 1 : 0.5;
  if (typeof schema.minimum === 'number') cases.push({ pointer, kind: `below minimum ${schema.minimum}`, body: schema.minimum - step });
  if (typeof schema.maximum === 'number') cases.push({ pointer, kind: `above maximum ${schema.maximum}`, body: schema.maximum + step });
  if (typeof schema.exclusiveMinimum === 'number') cases.push({ pointer, kind: `not above exclusiveMinimum ${schema.exclusiveMinimum}`, body: schema.exclusiveMinimum });
  if (typeof schema.exclusiveMaximum === 'number') cases.push({ pointer, kind: `not below exclusiveMaximum ${schema.exclusiveMaximum}`, body: schema.exclusiveMaximum });
  return cases;
}

function arrayCases(schema: JsonSchema, value: unknown[], pointer: string): BodyViolationCase[] {
  const cases: BodyViolationCase[] = [];
  const items = (schema.items ?? {}) as JsonSchema;
  if (typeof schema.maxItems === 'number') {
    const grown = distinctItems(items, schema.maxItems + 1, value);
    if (grown.length === schema.maxItems + 1) cases.push({ pointer, kind: `more than maxItems ${schema.maxItems}`, body: grown });
  }
  if (typeof schema.minItems === 'number' && schema.minItems > 0) cases.push({ pointer, kind: `fewer than minItems ${schema.minItems}`, body: value.slice(0, schema.minItems - 1) });
  if (schema.uniqueItems === true && value.length > 0) cases.push({ pointer, kind: 'duplicate items', body: [value[0], value[0]] });
  return cases;
}

/** Cases that replace the value at `pointer` (cases' `body` holds the new member value until `planBodyViolations` wraps it). */
function valueCases(schema: JsonSchema, value: unknown, pointer: string, enforced: EnforcedFormats): BodyViolationCase[] {
  const cases: BodyViolationCase[] = [];
  const types = schemaTypes(schema);
  if (types.length > 0) {
    const wrong = wrongTypeValue(types, value);
    if (wrong !== undefined) cases.push({ pointer, kind: `wrong type (${JSON.stringify(wrong)} where ${types.join(' or ')} is required)`, body: wrong });
  }
  if (Array.isArray(schema.enum)) {
    const outside = ['contract-not-in-enum', 987654321].find((candidate) => !(schema.enum as unknown[]).includes(candidate));
    cases.push({ pointer, kind: 'not one of the enum values', body: outside });
  }
  if (typeof value === 'string') cases.push(...stringCases(schema, value, pointer, enforced));
  if (typeof value === 'number') cases.push(...numberCases(schema, pointer));
  if (Array.isArray(value)) {
    cases.push(...arrayCases(schema, value, pointer));
    if (value.length > 0 && schema.items) cases.push(...valueCases(schema.items as JsonSchema, value[0], childPointer(pointer, 0), enforced));
  }
  if (isObject(value)) cases.push(...objectCases(schema, value, pointer, enforced));
  return cases;
}

function objectCases(schema: JsonSchema, value: Record<string, unknown>, pointer: string, enforced: EnforcedFormats): BodyViolationCase[] {
  const cases: BodyViolationCase[] = [];
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  if (schema.additionalProperties === false) {
    cases.push({ pointer: childPointer(pointer, unknownPropertyName), kind: 'unknown property', body: 'contract' });
  }
  for (const name of (schema.required ?? []) as string[]) {
    if (name in value) cases.push({ pointer: childPointer(pointer, name), kind: 'required field missing', body: removed });
  }
  for (const [name, propertySchema] of Object.entries(properties)) {
    if (name in value) cases.push(...valueCases(propertySchema, value[name], childPointer(pointer, name), enforced));
  }
  return cases;
}

/**
 * Every violation case for a valid body: `body` of each case is the whole request body with one member broken.
 * `readOnly` lists the properties the full schema marks readOnly: sending one is a case of its own. Formats are
 * broken only where `enforced` lists them (the document's x-cubit-enforced-formats).
 */
export function planBodyViolations(requestSchema: JsonSchema, validBody: Record<string, unknown>, readOnly: Record<string, JsonSchema> = {}, enforced: EnforcedFormats = undefined): BodyViolationCase[] {
  const cases = objectCases(requestSchema, validBody, '', enforced).map((c) => ({ ...c, body: withMember(validBody, c.pointer, c.body) }));
  for (const [name, schema] of Object.entries(readOnly)) {
    cases.push({ pointer: childPointer('', name), kind: 'readOnly field sent', body: { ...validBody, [name]: sampleValue(schema) } });
  }
  return cases;
}
