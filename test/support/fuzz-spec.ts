// The operations the fuzz suite breaks, read from the two OpenAPI documents: for each, the valid requests that
// mutations start from (built from the spec's own examples), its header parameters and how it is secured, and a
// check of whether a request is valid at all (so that no mutation that happens to be valid is ever sent).
// Nothing here is written per operation.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { OpenAPIV3_1 } from 'openapi-types';
import { defaultAdminSpecFile } from '../../src/admin/admin-api.js';
import { bodyLimit, defaultSpecFile } from '../../src/app.js';
import { sampleValue } from '../../contract-tests/lib/schema-samples.js';
import { type JsonSchema, loadDereferenced, type SpecModel, type SpecOperation, specModelFrom } from '../../contract-tests/lib/spec-model.js';
import { exampleValues, fullValidBody } from '../../contract-tests/lib/valid-bodies.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020, options: { mode: 'full'; formats: string[] }) => Ajv2020;

export type Api = 'main' | 'admin';

export interface HeaderParameter {
  /** Lower case, as Node gives header names. */
  name: string;
  required: boolean;
  schema: JsonSchema;
  /** The parameter's example, else a sample of its schema. */
  example: unknown;
}

/** A valid request of an operation, but for its credentials (added when it is sent). */
export interface BaseRequest {
  pathParams: Record<string, string>;
  query: [string, string][];
  /** The JSON body; undefined: none. */
  body: unknown;
}

export interface FuzzTarget {
  api: Api;
  /** What the operation's paths are relative to: `/test` (the environment fuzzed) or `/__admin`. */
  prefix: string;
  operation: SpecOperation;
  headerParameters: HeaderParameter[];
  bases: BaseRequest[];
  /** The largest body the operation takes, when one over it is small enough to send in a test. */
  bodyLimit: number | undefined;
  checker: SchemaChecker;
}

/** JSON Schema checks as the mock makes them: no coercion, and only the document's enforced formats. */
export class SchemaChecker {
  private readonly ajv: Ajv2020;
  private readonly compiled = new WeakMap<object, ValidateFunction>();

  constructor(readonly model: SpecModel) {
    const ajv = new Ajv2020({ strict: false, logger: false, allErrors: false });
    this.ajv = addFormats(ajv, { mode: 'full', formats: model.enforcedFormats ?? ['date', 'date-time', 'email', 'uri', 'uuid'] });
  }

  accepts(schema: JsonSchema, value: unknown): boolean {
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.compiled.set(schema, validate);
    }
    return validate(value);
  }

  /** A path or query value as the document's parameter syntax reads it, then judged by the schema. */
  acceptsParameter(schema: JsonSchema, raw: string): boolean {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (types.includes('string')) return this.accepts(schema, raw);
    if (types.includes('integer')) {
      const syntax = this.model.parameterSyntax.integer;
      if (syntax && !syntax.pattern.test(raw)) return false;
      return /^-?\d+$/.test(raw) && this.accepts(schema, Number(raw));
    }
    return false; // no other parameter types in the documents: refuse what cannot be judged
  }
}

function headerParametersOf(document: OpenAPIV3_1.Document, operation: SpecOperation): HeaderParameter[] {
  const item = document.paths?.[operation.path] as OpenAPIV3_1.PathItemObject;
  const raw = [...(item.parameters ?? []), ...((item[operation.method.toLowerCase() as 'get'] as OpenAPIV3_1.OperationObject).parameters ?? [])] as OpenAPIV3_1.ParameterObject[];
  return raw.filter((p) => p.in === 'header').map((p) => {
    const schema = (p.schema ?? {}) as JsonSchema;
    return { name: p.name.toLowerCase(), required: p.required === true, schema, example: (p.example as unknown) ?? sampleValue(schema) };
  });
}

/** The bodies to start from: every example merged (when that is valid) and each example the schema accepts. */
function validBodies(operation: SpecOperation, checker: SchemaChecker): unknown[] {
  const body = operation.body;
  if (!body) return [undefined];
  const candidates: unknown[] = [];
  try {
    candidates.push(fullValidBody(body));
  } catch {
    // The examples are alternatives (one fault each, say): they are used one by one.
  }
  candidates.push(...exampleValues(body));
  const seen = new Set<string>();
  const valid = candidates.filter((value) => {
    const key = JSON.stringify(value);
    if (seen.has(key) || !checker.accepts(body.requestSchema, value)) return false;
    seen.add(key);
    return true;
  });
  if (valid.length === 0) throw new Error(`${operation.operationId}: none of the spec's request examples is valid against its body schema`);
  return valid;
}

function targetsOf(api: Api, document: OpenAPIV3_1.Document, file: string): FuzzTarget[] {
  const model = specModelFrom(document, file);
  const checker = new SchemaChecker(model);
  return model.operations.map((operation) => {
    const pathParams: Record<string, string> = {};
    const query: [string, string][] = [];
    for (const parameter of operation.parameters) {
      const value = String(sampleValue(parameter.schema));
      if (!checker.acceptsParameter(parameter.schema, value)) throw new Error(`${operation.operationId}: no valid sample for parameter ${parameter.name}`);
      if (parameter.in === 'path') pathParams[parameter.name] = value;
      else if (parameter.required) query.push([parameter.name, value]);
    }
    const bases = validBodies(operation, checker).map((body) => ({ pathParams, query, body }));
    return {
      api,
      prefix: api === 'main' ? '/test' : '/__admin',
      operation,
      headerParameters: headerParametersOf(document, operation),
      bases,
      bodyLimit: api === 'main' ? bodyLimit : undefined,
      checker,
    };
  });
}

/** Every operation of the main document (in its `test` environment) and of the admin API. */
export async function loadFuzzTargets(): Promise<FuzzTarget[]> {
  const [main, admin] = await Promise.all([loadDereferenced(defaultSpecFile), loadDereferenced(defaultAdminSpecFile)]);
  return [...targetsOf('main', main, defaultSpecFile), ...targetsOf('admin', admin, defaultAdminSpecFile)];
}
