// fast-check arbitraries of values that a schema refuses, built from the schema's own keywords: a value of
// another JSON type; a string longer or shorter than its bounds, or a near miss of a valid one (one character
// replaced, inserted or removed) or random text, for a pattern, format or enum; a number outside its range or
// not an integer; an integer parameter in a spelling the document's parameter syntax refuses. Each arbitrary is
// labelled with what it breaks, and filtered by the schema so that every value it gives is refused.
import fc from 'fast-check';
import { schemaTypes } from '../../contract-tests/lib/schema-samples.js';
import type { JsonSchema } from '../../contract-tests/lib/spec-model.js';

export interface Labelled<T> {
  label: string;
  value: T;
}

export type LabelledArbitrary<T> = fc.Arbitrary<Labelled<T>>;

const labelled = <T>(label: string, arbitrary: fc.Arbitrary<T>): LabelledArbitrary<T> => arbitrary.map((value) => ({ label, value }));

/** Text of any code points (JSON Schema lengths count code points), or ASCII only where it must cross as a header. */
function text(minLength: number, maxLength: number, headerSafe: boolean, loneSurrogates = false): fc.Arbitrary<string> {
  if (headerSafe) return fc.string({ unit: 'grapheme-ascii', minLength, maxLength });
  // Half a surrogate pair is no Unicode text, yet JSON can carry it (as an escape): only where a body sends it.
  const odd = loneSurrogates ? [fc.string({ unit: fc.constantFrom('\ud800', '\udfff', 'a', '\u0000'), minLength, maxLength })] : [];
  return fc.oneof(...odd,fc.string({ unit: 'binary-ascii', minLength, maxLength }), fc.string({ unit: 'binary', minLength, maxLength }), fc.string({ unit: 'grapheme-ascii', minLength, maxLength }));
}

/** `piece` repeated to exactly `length` code points. */
function repeated(piece: string, length: number): string {
  const points = Array.from(piece || 'x');
  return Array.from({ length }, (_, i) => points[i % points.length]).join('');
}

/** `valid` with one character replaced, inserted or removed. */
export function nearMisses(valid: string, headerSafe = false, loneSurrogates = false): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom('replace', 'insert', 'delete'), fc.nat(), text(1, 1, headerSafe, loneSurrogates)).map(([how, at, char]) => {
    const points = Array.from(valid);
    const i = points.length === 0 ? 0 : at % (points.length + (how === 'insert' ? 1 : 0));
    if (how === 'replace') points.splice(i, 1, char);
    else if (how === 'insert') points.splice(i, 0, char);
    else points.splice(i, 1);
    return points.join('');
  });
}

export interface StringOptions {
  /** Never the empty string (a path segment), nor `.` or `..` (which a URL resolves away). */
  segment?: boolean;
  /** Printable ASCII without spaces at either end: a header value that arrives as it was sent. */
  headerSafe?: boolean;
  /** A body's string: also hundreds of kilobytes long (its limit is far above any maxLength), and half surrogate pairs. */
  huge?: boolean;
}

function fits(value: string, options: StringOptions): boolean {
  if (options.segment && (value === '' || value === '.' || value === '..')) return false;
  return !options.headerSafe || /^([\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?)?$/.test(value);
}

/** Strings the schema refuses, starting from a valid one. */
export function invalidStrings(schema: JsonSchema, valid: string, refuses: (value: string) => boolean, options: StringOptions = {}): LabelledArbitrary<string>[] {
  const out: LabelledArbitrary<string>[] = [];
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : undefined;
  const piece = text(1, 4, options.headerSafe === true, options.huge === true);
  if (max !== undefined) {
    out.push(labelled(`longer than maxLength ${max}`, fc.tuple(fc.nat({ max: 24 }), piece).map(([extra, p]) => repeated(p, max + 1 + extra))));
    // ASCII, so that it stays within a body limit of 1 MiB.
    const ascii = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 4 });
    if (options.huge && max < 100_000) out.push(labelled('hundreds of kilobytes long', fc.tuple(fc.integer({ min: 100_000, max: 900_000 }), ascii).map(([length, p]) => repeated(p, length))));
  }
  if (min > (options.segment ? 1 : 0)) out.push(labelled(`shorter than minLength ${min}`, text(options.segment ? 1 : 0, min - 1, options.headerSafe === true)));
  const shaped = typeof schema.pattern === 'string' || typeof schema.format === 'string' || Array.isArray(schema.enum) || 'const' in schema;
  if (shaped) {
    out.push(labelled('a near miss of a valid value', nearMisses(valid, options.headerSafe === true, options.huge === true)));
    out.push(labelled('random text', text(min, Math.min(max ?? min + 24, min + 24), options.headerSafe === true, options.huge === true)));
  }
  if (Array.isArray(schema.enum)) {
    const variants = schema.enum.filter((v): v is string => typeof v === 'string').flatMap((v) => [v.toUpperCase(), v.charAt(0).toUpperCase() + v.slice(1), `${v} `, ` ${v}`, `${v}s`]);
    if (variants.length > 0) out.push(labelled('a variant of an enum value', fc.constantFrom(...variants)));
  }
  return out.map((arbitrary) => arbitrary.filter(({ value }) => fits(value, options) && refuses(value)));
}

/** Numbers the schema refuses: outside its range, not an integer, or far too large. */
export function invalidNumbers(schema: JsonSchema, refuses: (value: number) => boolean): LabelledArbitrary<number>[] {
  const integer = schemaTypes(schema).includes('integer');
  const step = integer ? fc.integer({ min: 1, max: 1_000_000 }) : fc.double({ min: 1e-9, max: 1e6, noNaN: true });
  const out: LabelledArbitrary<number>[] = [];
  if (typeof schema.minimum === 'number') {
    const minimum = schema.minimum;
    out.push(labelled(`below minimum ${minimum}`, step.map((d) => minimum - d)));
  }
  if (typeof schema.maximum === 'number') {
    const maximum = schema.maximum;
    out.push(labelled(`above maximum ${maximum}`, step.map((d) => maximum + d)));
  }
  if (integer) out.push(labelled('not an integer', fc.tuple(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.double({ min: 0.001, max: 0.999, noNaN: true })).map(([n, f]) => n + f)));
  // Without a bound, every number is a valid `number`: only an integer has extremes (fractions) to refuse.
  if (integer || typeof schema.minimum === 'number' || typeof schema.maximum === 'number') {
    out.push(labelled('an extreme number', fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(Number.MAX_VALUE, -Number.MAX_VALUE, 2 ** 53 + 2, -(2 ** 53) - 2, 5e-324))));
  }
  return out.map((arbitrary) => arbitrary.filter(({ value }) => refuses(value)));
}

const jsonTypeOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value);

/** Whether a value's JSON type is one of `types` (an integer is a number too). */
export function typeAllowed(types: string[], value: unknown): boolean {
  const type = jsonTypeOf(value);
  return types.includes(type) || (type === 'integer' && types.includes('number'));
}

/** Values of another JSON type than the schema allows; a number's digits as a string and back, to catch coercion. */
export function wrongTypes(schema: JsonSchema, current: unknown): LabelledArbitrary<unknown> | undefined {
  const types = schemaTypes(schema);
  if (types.length === 0) return undefined;
  const coerced: unknown[] = [];
  if (typeof current === 'number' || typeof current === 'boolean') coerced.push(String(current));
  if (typeof current === 'string' && /^-?\d+(\.\d+)?$/.test(current)) coerced.push(Number(current));
  if (typeof current === 'string' && ['true', 'false'].includes(current)) coerced.push(current === 'true');
  const values = fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string({ maxLength: 12 }),
    fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 6 })), { maxLength: 3 }),
    fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.integer(), { maxKeys: 3 }),
    ...(coerced.length > 0 ? [fc.constantFrom(...coerced)] : []),
  );
  return labelled(`a value of another type than ${types.join(' or ')}`, values.filter((value) => !typeAllowed(types, value)));
}

/** Spellings of integers for a path or query value: valid numbers written in forms the syntax refuses, out-of-range numbers, words. */
export function integerSpellings(schema: JsonSchema): fc.Arbitrary<string> {
  const min = typeof schema.minimum === 'number' ? schema.minimum : -1_000_000;
  const max = typeof schema.maximum === 'number' ? schema.maximum : 1_000_000;
  const valid = fc.integer({ min, max: Math.min(max, min + 1_000_000) });
  return fc.oneof(
    fc.constantFrom('1e400', '-1e400', '01', '-0', '+1', '1.0', '1e2', '0x10', '1_0', ' 1', '1 ', 'Infinity', 'NaN', '', 'true', '\u0661', '\uff11', '99999999999999999999999'),
    fc.tuple(valid, fc.constantFrom((n: number) => `0${n}`, (n: number) => `+${n}`, (n: number) => `${n}.0`, (n: number) => `${n}e0`, (n: number) => `${n}E0`, (n: number) => `${n}.`)).map(([n, spell]) => spell(n)),
    fc.oneof(fc.integer({ min: min - 1_000_000, max: min - 1 }), fc.integer({ min: max + 1, max: max + 1_000_000 })).map(String),
    fc.bigInt({ min: 10n ** 16n, max: 10n ** 30n }).map(String),
    fc.string({ maxLength: 8 }),
  );
}
