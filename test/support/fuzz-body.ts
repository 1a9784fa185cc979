// Invalid bodies for an operation, by mutating one thing in a valid one: every member of the body is a site,
// described by its schema, and each keyword of that schema yields a way to break it (a required member removed,
// a member of another type, an unknown member where additionalProperties is false, a bound broken, a readOnly
// field sent). The body as a whole can be of another type, not JSON (cut short, a character changed), not UTF-8,
// of another media type, missing, or over the size limit.
import fc from 'fast-check';
import { childPointer } from '../../contract-tests/lib/json-pointer.js';
import { sampleValue } from '../../contract-tests/lib/schema-samples.js';
import type { JsonSchema } from '../../contract-tests/lib/spec-model.js';
import { jsonContentType } from './fuzz-request.js';
import type { FuzzTarget } from './fuzz-spec.js';
import { invalidNumbers, invalidStrings, type Labelled, typeAllowed, wrongTypes } from './fuzz-values.js';

/** A mutated body: its bytes, and the Content-Type it is sent with (undefined: none). */
export interface BodyChange {
  label: string;
  body: string | Buffer | undefined;
  contentType: string | undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const removed = Symbol('removed');
const literalMarker = 'fuzz-literal-marker';

/** A copy of `body` (through JSON, so a `__proto__` member stays data) with the member at `path` set or removed. */
function withMember(body: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(body)) as unknown;
  if (path.length === 0) return value;
  let parent = copy as Record<string, unknown>;
  for (const segment of path.slice(0, -1)) parent = parent[segment] as Record<string, unknown>;
  const last = path[path.length - 1] as string;
  if (value === removed) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    Object.defineProperty(parent, last, { value, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

/** The schema a value is judged by: the branch of a oneOf/anyOf it matches, and allOf's parts, merged in. */
function effectiveSchema(schema: JsonSchema, value: unknown, accepts: (s: JsonSchema, v: unknown) => boolean): JsonSchema {
  const parts = [...((schema.allOf as JsonSchema[] | undefined) ?? [])];
  for (const key of ['oneOf', 'anyOf'] as const) {
    const branch = (schema[key] as JsonSchema[] | undefined)?.find((b) => accepts(b, value));
    if (branch) parts.push(effectiveSchema(branch, value, accepts));
  }
  const merged: JsonSchema = { ...schema };
  for (const part of parts) {
    Object.assign(merged, part, {
      properties: { ...((merged.properties as object | undefined) ?? {}), ...((part.properties as object | undefined) ?? {}) },
      required: [...((merged.required as string[] | undefined) ?? []), ...((part.required as string[] | undefined) ?? [])],
    });
  }
  return merged;
}

interface Site {
  path: (string | number)[];
  schema: JsonSchema;
  value: unknown;
}

function sitesOf(schema: JsonSchema, value: unknown, path: (string | number)[], accepts: (s: JsonSchema, v: unknown) => boolean, out: Site[] = []): Site[] {
  const effective = effectiveSchema(schema, value, accepts);
  out.push({ path, schema: effective, value });
  if (isObject(value)) {
    const properties = (effective.properties ?? {}) as Record<string, JsonSchema>;
    const others = isObject(effective.additionalProperties) ? effective.additionalProperties : undefined;
    for (const [name, member] of Object.entries(value)) {
      const child = properties[name] ?? others;
      if (child) sitesOf(child, member, [...path, name], accepts, out);
    }
  }
  if (Array.isArray(value) && isObject(effective.items)) value.slice(0, 2).forEach((item, i) => sitesOf(effective.items as JsonSchema, item, [...path, i], accepts, out));
  return out;
}

const pointerOf = (path: (string | number)[]): string => path.reduce<string>((pointer, segment) => childPointer(pointer, segment), '') || '(root)';

/** Ways to break one site: each gives the new value of the member (or `removed`), or a JSON literal to put there. */
function siteBreaks(site: Site, accepts: (v: unknown) => boolean, required: string[]): fc.Arbitrary<Labelled<unknown>>[] {
  const { schema, value } = site;
  const out: fc.Arbitrary<Labelled<unknown>>[] = [];
  const wrong = wrongTypes(schema, value);
  if (wrong) out.push(wrong);
  if (typeof value === 'string') out.push(...invalidStrings(schema, value, (s) => !accepts(s), { huge: true }));
  if (typeof value === 'number') {
    out.push(...invalidNumbers(schema, (n) => !accepts(n)));
    if (typeof schema.maximum === 'number' || typeof schema.minimum === 'number' || !typeAllowed(['integer'], value)) {
      out.push(fc.constantFrom('1e400', '-1e400').map((literal) => ({ label: `the number literal ${literal}`, value: { literal } })));
    }
  }
  if (Array.isArray(value)) {
    const items = value as unknown[];
    if (typeof schema.maxItems === 'number') {
      const maxItems = schema.maxItems;
      const item: unknown = items[0] ?? sampleValue((schema.items ?? {}) as JsonSchema);
      out.push(fc.nat({ max: 5 }).map((extra) => ({ label: `more than maxItems ${maxItems}`, value: Array.from({ length: maxItems + 1 + extra }, (_, i) => (typeof item === 'string' ? `${item}${i}` : item)) })));
    }
    if (typeof schema.minItems === 'number' && schema.minItems > 0) out.push(fc.constant({ label: `fewer than minItems ${schema.minItems}`, value: items.slice(0, schema.minItems - 1) }));
    if (schema.uniqueItems === true && items.length > 0) out.push(fc.constant({ label: 'a duplicate item', value: [...items, items[0]] }));
  }
  if (isObject(value)) {
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const name of required) if (name in value) out.push(fc.constant({ label: `without its required member ${name}`, value: withMember(value, [name], removed) }));
    if (schema.additionalProperties === false) {
      const known = Object.keys(properties);
      const names = fc.oneof(
        fc.string({ minLength: 1, maxLength: 20 }),
        fc.constantFrom('__proto__', 'constructor', 'prototype', ...known.flatMap((k) => [k.toUpperCase(), k.toLowerCase(), `${k} `, `${k}_`])),
      );
      const member = fc.oneof(
        fc.jsonValue({ maxDepth: 2 }),
        fc.integer({ min: 100_000, max: 900_000 }).map((n) => 'x'.repeat(n)),
        // Nested deeper than any schema: written as JSON text, as no object could be built this deep.
        fc.tuple(fc.integer({ min: 1_000, max: 100_000 }), fc.constantFrom('[]', '{}')).map(([depth, brackets]) => ({
          literal: brackets === '[]' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
        })),
      );
      out.push(
        fc.tuple(names.filter((n) => !known.includes(n)), member).map(([name, extra]) => {
          const literal = isLiteral(extra) ? extra.literal : undefined;
          const label = `with the unknown member ${JSON.stringify(name)}${literal === undefined ? '' : `, nested ${literal.length} characters deep`}`;
          // A literal is put in place when the body is written out (encode): the member holds the marker till then.
          return { label, value: literal === undefined ? withMember(value, [name], extra) : { within: withMember(value, [name], literalMarker), literal } };
        }),
      );
    }
    if (isObject(schema.propertyNames)) {
      const names = schema.propertyNames;
      const sample = typeof sampleValue(names) === 'string' ? String(sampleValue(names)) : 'a';
      const badNames = invalidStrings(names, sample, (n) => !accepts(withMember(value, [n], Object.values(value)[0] ?? {})));
      if (badNames.length > 0) out.push(fc.oneof(...badNames).map(({ label, value: name }) => ({ label: `with a member name that is ${label}`, value: withMember(value, [name], Object.values(value)[0] ?? {}) })));
    }
  }
  return out;
}

/** The readOnly fields a request must not send, each sent with a value its own schema accepts. */
function serverOwnedBreaks(target: FuzzTarget, body: Record<string, unknown>): fc.Arbitrary<Labelled<unknown>>[] {
  return Object.entries(target.operation.body?.serverOwned ?? {}).map(([name, schema]) => fc.constant({ label: `with the read-only member ${name}`, value: withMember(body, [name], sampleValue(schema)) }));
}

/** A member written as JSON text: `literal` in place of the member, or in place of the marker inside `within`. */
interface Literal {
  literal: string;
  within?: unknown;
}

const isLiteral = (value: unknown): value is Literal => isObject(value) && typeof value.literal === 'string' && Object.keys(value).every((k) => k === 'literal' || k === 'within');

function encode(body: unknown, path: (string | number)[], replacement: unknown): string {
  if (isLiteral(replacement)) {
    const member = 'within' in replacement ? replacement.within : literalMarker;
    return JSON.stringify(withMember(body, path, member)).replace(JSON.stringify(literalMarker), () => replacement.literal);
  }
  return JSON.stringify(withMember(body, path, replacement));
}

/** Bodies that break the schema, one member at a time. */
function schemaChanges(target: FuzzTarget, body: unknown): fc.Arbitrary<BodyChange>[] {
  const schema = target.operation.body?.requestSchema as JsonSchema;
  const checker = target.checker;
  const accepts = (s: JsonSchema, v: unknown) => checker.accepts(s, v);
  const changes: fc.Arbitrary<BodyChange>[] = [];
  for (const site of sitesOf(schema, body, [], accepts)) {
    const required = (site.schema.required ?? []) as string[];
    const breaks = siteBreaks(site, (v) => accepts(site.schema, v), required);
    for (const arbitrary of breaks) {
      changes.push(arbitrary.map(({ label, value }) => ({ label: `body ${pointerOf(site.path)} ${label}`, body: encode(body, site.path, value), contentType: jsonContentType })));
    }
  }
  if (isObject(body)) for (const arbitrary of serverOwnedBreaks(target, body)) changes.push(arbitrary.map(({ label, value }) => ({ label: `body ${label}`, body: JSON.stringify(value), contentType: jsonContentType })));
  return changes;
}

/** Bodies that are not JSON, not UTF-8, of another media type, missing or too large. */
function envelopeChanges(target: FuzzTarget, body: unknown): fc.Arbitrary<BodyChange>[] {
  const text = JSON.stringify(body);
  const json = (label: string, arbitrary: fc.Arbitrary<string | Buffer>) => arbitrary.map((b) => ({ label, body: b, contentType: jsonContentType }));
  const changes: fc.Arbitrary<BodyChange>[] = [
    json('the body cut short', fc.nat({ max: Math.max(0, text.length - 1) }).map((n) => text.slice(0, n))),
    json(
      'the body with one character changed',
      fc.tuple(fc.nat(), fc.constantFrom(...'{}[]:,"\'\\/ abc01-+.eE\u0000\n'.split('')), fc.boolean()).map(([at, char, insert]) => {
        const i = at % (text.length + 1);
        return `${text.slice(0, i)}${char}${text.slice(insert ? i : i + 1)}`;
      }),
    ),
    json('the body with trailing text', fc.constantFrom(',', '}', ' x', '{}', '//', '\u0000').map((tail) => text + tail)),
    json('a body of another JSON type', fc.jsonValue({ maxDepth: 2 }).filter((v) => !isObject(v)).map((v) => JSON.stringify(v))),
    json(
      'bytes that are not UTF-8',
      fc.tuple(fc.nat(), fc.constantFrom([0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xc0, 0xaf])).map(([at, bytes]) => {
        const raw = Buffer.from(text, 'utf8');
        const i = at % (raw.length + 1);
        return Buffer.concat([raw.subarray(0, i), Buffer.from(bytes), raw.subarray(i)]);
      }),
    ),
    fc
      .oneof(
        fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream', 'text/json', 'application/problem+json', 'application/merge-patch+json', 'application/jsonx', 'application/json; charset=iso-8859-1', 'application/json; charset=utf-16', 'application/json; charset=us-ascii', 'application/json, text/plain', 'json', '*/*'),
        fc.tuple(fc.stringMatching(/^[a-z]{1,12}$/), fc.stringMatching(/^[a-z0-9.+-]{1,16}$/)).map(([type, subtype]) => `${type}/${subtype}`),
        fc.constant(undefined),
      )
      .filter((contentType) => contentType === undefined || !/^application\/json(;\s*charset=utf-?8)?$/i.test(contentType))
      .map((contentType) => ({ label: `the body as ${contentType ?? 'no Content-Type'}`, body: text, contentType })),
  ];
  if (target.operation.body?.required) changes.push(fc.constant({ label: 'no body', body: undefined, contentType: undefined }));
  const limit = target.bodyLimit;
  if (limit !== undefined && isObject(body)) {
    changes.push(fc.nat({ max: 4096 }).map((extra) => ({ label: `a body over the ${limit}-byte limit`, body: JSON.stringify({ ...body, padding: 'x'.repeat(limit + extra) }), contentType: jsonContentType })));
  }
  return changes;
}

/** Every way the suite breaks a body of the operation, starting from the valid body `body`. */
export function bodyChanges(target: FuzzTarget, body: unknown): fc.Arbitrary<BodyChange> | undefined {
  if (!target.operation.body) return undefined;
  return fc.oneof({ arbitrary: fc.oneof(...schemaChanges(target, body)), weight: 3 }, { arbitrary: fc.oneof(...envelopeChanges(target, body)), weight: 1 });
}
