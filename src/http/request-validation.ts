// Request validation compiled from the spec's schemas. Bodies are validated strictly (no coercion, no
// defaults, no stripping); path and query values arrive as strings, so they are first decoded as the spec's
// parameter syntax says (parameter-decoding.ts), then validated, and get the spec's defaults. Every violation
// of every part is reported, not just the first.
import { createRequire } from 'node:module';
import type * as AjvModule from 'ajv/dist/2020.js';
import type { Ajv2020, ErrorObject, Options, ValidateFunction } from 'ajv/dist/2020.js';
import { ApiError, type Violation } from '../errors/api-error.js';
import { catalogue } from '../errors/catalogue.js';
import type { Operation } from '../spec/operations.js';
import type { ParameterSyntaxTable } from '../spec/parameter-syntax.js';
import { escapePointer, parameterDecoder } from './parameter-decoding.js';
import { ValidatorCodeCache } from './validator-code-cache.js';

// Ajv itself is loaded when a first validator is compiled: a start that takes every validator from the validator
// code cache needs none of it.
const load = createRequire(import.meta.url);
const ajvClass = () => (load('ajv/dist/2020.js') as typeof AjvModule).Ajv2020;
const addFormats = (ajv: Ajv2020, formats: string[]) => (load('ajv-formats') as { default: (ajv: Ajv2020, formats: string[]) => Ajv2020 }).default(ajv, formats);

/** Keywords OpenAPI allows in a schema that JSON Schema 2020-12 does not define. */
const openApiKeywords = ['example', 'xml', 'externalDocs'];

// validateSchema is off: loadSpec has already checked every schema against the JSON Schema meta-schema,
// and compiling that meta-schema again would double the start-up time.
// Formats: the spec's enforced ones are checked with ajv-formats' full rules; any other format the schemas
// use is an annotation (always valid), as the spec's x-cubit-enforced-formats says.
/** An Ajv instance's settings, and the instance, made when first needed. */
interface AjvOf {
  settings: Options;
  formats: FormatPolicy;
  /** Everything but the schema that decides what a compilation gives: the key of the validator code cache. */
  fingerprint: string;
  ajv?: Ajv2020;
}

function ajvSettings(options: Options, formats: FormatPolicy): AjvOf {
  // `discriminator`: a oneOf picks its branch by the tag, so a body is judged by that branch alone, as OpenAPI means it.
  const settings: Options = { allErrors: true, strict: true, strictTypes: false, validateSchema: false, discriminator: true, keywords: openApiKeywords, ...options };
  return { settings, formats, fingerprint: JSON.stringify([settings, formats.enforced, [...formats.used].sort()]) };
}

function createAjv({ settings, formats }: AjvOf, keepCode: boolean): Ajv2020 {
  // With a validator code cache, the code of each validator is kept (code.source), so that the cache can store it.
  const ajv = new (ajvClass())({ ...settings, code: { source: keepCode } });
  addFormats(ajv, formats.enforced);
  for (const format of formats.used) if (!formats.enforced.includes(format)) ajv.addFormat(format, true);
  return ajv;
}

/** Where compiled validators are kept between starts; none unless useValidatorCodeCache names a directory. */
let codeCache: ValidatorCodeCache | undefined;
const codeCaches = new Map<string, ValidatorCodeCache>();

/**
 * Validators made from now on are kept in, and taken from, the cache in `dir` (see validator-code-cache.ts);
 * undefined: compiled every time. Returns the cache, to save once the validators are made.
 */
export function useValidatorCodeCache(dir: string | undefined): ValidatorCodeCache | undefined {
  if (dir === undefined) return (codeCache = undefined);
  let cache = codeCaches.get(dir);
  if (!cache) codeCaches.set(dir, (cache = new ValidatorCodeCache(dir)));
  return (codeCache = cache);
}

export interface FormatPolicy {
  enforced: string[];
  /** Every format the schemas use. */
  used: Set<string>;
}

/** The extension keywords declared to each Ajv instance (getKeyword does not see a keyword declared without a definition). */
const declared = new WeakMap<Ajv2020, Set<string>>();

/** Declares the schema's `x-` keywords (annotations such as x-cubit-transitions), which strict mode would refuse. */
function declareExtensions(ajv: Ajv2020, schema: unknown): void {
  if (typeof schema !== 'object' || schema === null) return;
  let known = declared.get(ajv);
  if (!known) declared.set(ajv, (known = new Set()));
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('x-') && !known.has(key)) {
      known.add(key);
      if (!ajv.getKeyword(key)) ajv.addKeyword(key);
    }
    declareExtensions(ajv, value);
  }
}

/** Members of a schema that hold values, not schemas: left as they are. */
const valueKeywords = new Set(['const', 'enum', 'default', 'example', 'examples']);

/**
 * Ajv's `discriminator` judges objects only, and stands in for the oneOf it tags: a number or a string would pass a
 * discriminated oneOf whose every branch is an object. Such a schema gets the `type: object` its branches all have.
 * Returns a copy where one is needed; the schema itself is not changed.
 */
function objectDiscriminators(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(objectDiscriminators);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) out[key] = valueKeywords.has(key) ? value : objectDiscriminators(value);
  const branches = (out.oneOf ?? out.anyOf) as { type?: unknown }[] | undefined;
  if ('discriminator' in out && out.type === undefined && Array.isArray(branches) && branches.length > 0 && branches.every((b) => b.type === 'object')) out.type = 'object';
  return out;
}

function toViolation(error: ErrorObject, part: Violation['in'], readOnly: Set<string>): Violation {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { in: part, pointer: `${error.instancePath}/${escapePointer(String(params.missingProperty))}`, message: 'is required' };
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const pointer = `${error.instancePath}/${escapePointer(name)}`;
      if (part === 'query') return { in: part, pointer, message: 'is not a known query parameter' };
      const isReadOnly = error.instancePath === '' && readOnly.has(name);
      return { in: part, pointer, message: isReadOnly ? 'is read-only: it is set by the server and must not be sent' : 'is not a known property' };
    }
    case 'enum':
      return { in: part, pointer: error.instancePath, message: `must be one of: ${(params.allowedValues as unknown[]).join(', ')}` };
    default:
      return { in: part, pointer: error.instancePath, message: error.message ?? `violates ${error.keyword}` };
  }
}

export interface RequestParts {
  params: unknown;
  query: unknown;
  body: unknown;
}

/** The path and query parameters as their schemas' types, with the spec's defaults filled in. */
export interface ValidParameters {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
}

export type RequestValidator = (parts: RequestParts) => ValidParameters;

export class ValidatorFactory {
  private readonly bodyAjv: AjvOf;
  private readonly parameterAjv: AjvOf;
  private readonly cache = codeCache;

  constructor(
    private readonly parameterSyntax: ParameterSyntaxTable,
    formats: FormatPolicy,
  ) {
    this.bodyAjv = ajvSettings({ coerceTypes: false, useDefaults: false, removeAdditional: false }, formats);
    this.parameterAjv = ajvSettings({ coerceTypes: false, useDefaults: true, removeAdditional: false }, formats);
  }

  private compile(of: AjvOf, schema: object): ValidateFunction {
    const ajvFor = () => {
      const ajv = (of.ajv ??= createAjv(of, this.cache !== undefined));
      declareExtensions(ajv, schema);
      return ajv;
    };
    const prepared = objectDiscriminators(schema) as object;
    return this.cache ? this.cache.compile(of.fingerprint, prepared, ajvFor) : ajvFor().compile(prepared);
  }

  /** A strict body validator (no coercion, no defaults) for any schema: every violation, as the 400 would name it. */
  bodyValidator(schema: object, readOnly: Set<string> = new Set()): (value: unknown) => Violation[] {
    const validate = this.compile(this.bodyAjv, schema);
    return (value) => (validate(value) ? [] : (validate.errors ?? []).map((e) => toViolation(e, 'body', readOnly)));
  }

  /** Compiles the validators of one operation. Throws ApiError(400) listing every violation; returns the decoded parameters. */
  forOperation(operation: Operation): RequestValidator {
    const path = this.compile(this.parameterAjv, operation.pathSchema);
    const query = this.compile(this.parameterAjv, operation.querySchema);
    const decodePath = parameterDecoder(operation.pathSchema, 'path', this.parameterSyntax);
    const decodeQuery = parameterDecoder(operation.querySchema, 'query', this.parameterSyntax);
    const body = operation.bodySchema ? this.compile(this.bodyAjv, operation.bodySchema) : undefined;
    const none = new Set<string>();
    const checkParameters = (validate: ValidateFunction, decoded: ReturnType<typeof decodePath>, part: 'path' | 'query'): Violation[] => {
      if (validate(decoded.values)) return decoded.violations;
      // A value that could not be decoded is already named; the schema's view of its absence adds nothing.
      const named = new Set(decoded.violations.map((v) => v.pointer));
      const schemaViolations = (validate.errors ?? []).map((e) => toViolation(e, part, none)).filter((v) => !named.has(v.pointer));
      return [...decoded.violations, ...schemaViolations];
    };
    return (parts) => {
      const params = decodePath(parts.params);
      const queryValues = decodeQuery(parts.query);
      const violations: Violation[] = [...checkParameters(path, params, 'path'), ...checkParameters(query, queryValues, 'query')];
      if (body) {
        if (parts.body === undefined) {
          if (operation.bodyRequired) violations.push({ in: 'body', pointer: '', message: 'is required: send a JSON body' });
        } else if (!body(parts.body)) {
          violations.push(...(body.errors ?? []).map((e) => toViolation(e, 'body', operation.bodyReadOnly)));
        }
      }
      if (violations.length > 0) {
        const noun = violations.length === 1 ? 'violation' : 'violations';
        throw new ApiError(catalogue.validationFailed, `The request has ${violations.length} ${noun}.`, { errors: violations.slice(0, 100) });
      }
      return { params: params.values, query: queryValues.values };
    };
  }
}
