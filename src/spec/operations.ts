// Turns a dereferenced OpenAPI 3.1 document into the flat list of operations the server registers.
// No Fastify here: the list is plain data, testable on its own.
import type { OpenAPIV3_1 } from 'openapi-types';
import { type DocumentedAnswer, documentedAnswers } from './documented-answers.js';
import { type JsonSchema, readOnlyProperties, requestView, responseView } from './schema-views.js';

export const httpMethods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;
export type HttpMethod = (typeof httpMethods)[number];

export interface ApiKeyScheme {
  name: string;
  header: string;
}

export interface Operation {
  operationId: string;
  method: Uppercase<HttpMethod>;
  /** The OpenAPI path template, e.g. `/customers/{customerId}`. */
  path: string;
  tags: string[];
  /** Object schema of the path parameters (all required, strings). */
  pathSchema: JsonSchema;
  /** Object schema of the query string; unknown parameters are not allowed. */
  querySchema: JsonSchema;
  /** Request view of the JSON body schema, or undefined when the operation takes no body. */
  bodySchema: JsonSchema | undefined;
  bodyRequired: boolean;
  /**
   * Fields the server owns: readOnly properties of the body schema or of a 2xx response's schema. A request that
   * sends one is told the field is read-only, rather than merely unknown.
   */
  bodyReadOnly: Set<string>;
  /** Documented response statuses, e.g. ['200', '400']. */
  statuses: string[];
  /** Every documented answer with its examples and required headers, for `Prefer: code=…`. */
  answers: DocumentedAnswer[];
  /** Response view of each 2xx application/json answer's schema, by status: what the server returns. */
  responseSchemas: Record<string, JsonSchema>;
  /** The API key schemes that secure the operation; empty (with `bearer` false) means public. */
  security: ApiKeyScheme[];
  /** Whether an HTTP bearer scheme (a JWT) secures the operation. */
  bearer: boolean;
  /** For a list: the field its items are ordered by (the spec's x-cubit-list-order). */
  listOrder: { by: string; collation: 'binary' } | undefined;
}

type Parameter = OpenAPIV3_1.ParameterObject;

function successSchemas(op: OpenAPIV3_1.OperationObject): Record<string, JsonSchema> {
  const schemas: Record<string, JsonSchema> = {};
  for (const [status, response] of Object.entries(op.responses ?? {})) {
    const schema = (response as OpenAPIV3_1.ResponseObject).content?.['application/json']?.schema as JsonSchema | undefined;
    if (/^2\d\d$/.test(status) && schema) schemas[status] = responseView(schema);
  }
  return schemas;
}

/**
 * readOnly properties of the body schema, and of a 2xx response's schema unless the body schema declares them
 * writable itself (a status change sends the `status` that the audit it answers with marks readOnly).
 */
function serverOwnedFields(op: OpenAPIV3_1.OperationObject, body: JsonSchema | undefined): Set<string> {
  const own = body ? readOnlyProperties(body) : new Set<string>();
  const writable = new Set(Object.keys(body?.properties ?? {}).filter((name) => !own.has(name)));
  const names = new Set(own);
  for (const [status, response] of Object.entries(op.responses ?? {})) {
    const schema = (response as OpenAPIV3_1.ResponseObject).content?.['application/json']?.schema as JsonSchema | undefined;
    if (/^2\d\d$/.test(status) && schema) for (const name of readOnlyProperties(schema)) if (!writable.has(name)) names.add(name);
  }
  return names;
}

function mergeParameters(pathLevel: unknown[] = [], operationLevel: unknown[] = []): Parameter[] {
  const byKey = new Map<string, Parameter>();
  for (const p of [...pathLevel, ...operationLevel] as Parameter[]) byKey.set(`${p.in}:${p.name}`, p);
  return [...byKey.values()];
}

function parameterObjectSchema(parameters: Parameter[], location: 'path' | 'query'): JsonSchema {
  const properties: JsonSchema = {};
  const required: string[] = [];
  for (const p of parameters.filter((param) => param.in === location)) {
    properties[p.name] = p.schema ?? {};
    if (p.required === true) required.push(p.name);
  }
  return { type: 'object', properties, required, additionalProperties: false };
}

function resolveSecurity(
  requirements: OpenAPIV3_1.SecurityRequirementObject[] | undefined,
  schemes: Record<string, unknown>,
  where: string,
  problems: string[],
): { apiKeys: ApiKeyScheme[]; bearer: boolean } {
  const apiKeys: ApiKeyScheme[] = [];
  let bearer = false;
  for (const requirement of requirements ?? []) {
    const names = Object.keys(requirement);
    if (names.length === 0) return { apiKeys: [], bearer: false }; // `{}`: anonymous access allowed
    for (const name of names) {
      const scheme = schemes[name] as OpenAPIV3_1.SecuritySchemeObject | undefined;
      if (scheme?.type === 'apiKey' && scheme.in === 'header') apiKeys.push({ name, header: scheme.name });
      else if (scheme?.type === 'http' && scheme.scheme.toLowerCase() === 'bearer') bearer = true;
      else problems.push(`${where}: security scheme "${name}" is neither an apiKey in a header nor an http bearer scheme, the kinds the mock serves`);
    }
  }
  if (bearer && apiKeys.length > 0) problems.push(`${where}: is secured by both an API key and a bearer token; the mock serves one or the other`);
  return { apiKeys, bearer };
}

/**
 * The order a list operation promises. The mock keeps each collection ordered by its id, comparing bytes, so
 * that is the one order it serves: by the parameter that names an item under the list's path.
 */
function listOrder(op: OpenAPIV3_1.OperationObject, path: string, paths: string[], where: string, problems: string[]): Operation['listOrder'] {
  const raw = (op as Record<string, unknown>)['x-cubit-list-order'] as { by?: unknown; collation?: unknown } | undefined;
  if (raw === undefined) return undefined;
  const itemParameter = paths.map((other) => new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&')}/\\{([^}]+)\\}$`).exec(other)?.[1]).find(Boolean);
  if (raw.collation !== 'binary' || typeof raw.by !== 'string' || raw.by !== itemParameter) {
    problems.push(`${where}: x-cubit-list-order must be { by: ${itemParameter ?? '<the item path parameter>'}, collation: binary }, the order the mock keeps`);
    return undefined;
  }
  return { by: raw.by, collation: 'binary' };
}

const securityOf = ({ apiKeys, bearer }: { apiKeys: ApiKeyScheme[]; bearer: boolean }) => ({ security: apiKeys, bearer });

export function extractOperations(document: OpenAPIV3_1.Document): Operation[] {
  const operations: Operation[] = [];
  const problems: string[] = [];
  const schemes = (document.components?.securitySchemes ?? {}) as Record<string, unknown>;
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    if (!item) continue;
    for (const method of httpMethods) {
      const op = item[method];
      if (!op) continue;
      const where = `${method.toUpperCase()} ${path}`;
      if (!op.operationId) {
        problems.push(`${where}: has no operationId`);
        continue;
      }
      const parameters = mergeParameters(item.parameters, op.parameters);
      const body = op.requestBody as OpenAPIV3_1.RequestBodyObject | undefined;
      const jsonBody = body?.content['application/json']?.schema as JsonSchema | undefined;
      if (body && !jsonBody) problems.push(`${where}: request body has no application/json schema`);
      operations.push({
        operationId: op.operationId,
        method: method.toUpperCase() as Uppercase<HttpMethod>,
        path,
        tags: op.tags ?? [],
        pathSchema: parameterObjectSchema(parameters, 'path'),
        querySchema: parameterObjectSchema(parameters, 'query'),
        bodySchema: jsonBody ? requestView(jsonBody) : undefined,
        bodyRequired: body?.required === true,
        bodyReadOnly: jsonBody ? serverOwnedFields(op, jsonBody) : new Set(),
        statuses: Object.keys(op.responses ?? {}),
        responseSchemas: successSchemas(op),
        answers: documentedAnswers(op),
        ...securityOf(resolveSecurity(op.security ?? document.security, schemes, where, problems)),
        listOrder: listOrder(op, path, Object.keys(document.paths ?? {}), where, problems),
      });
    }
  }
  if (problems.length > 0) throw new Error(`The spec cannot be served:\n  - ${problems.join('\n  - ')}`);
  return operations;
}

/**
 * The document's webhooks (OpenAPI 3.1 `webhooks`: the messages the API sends) as operations, with the webhook's
 * name as their path: their request body schemas are what each message must satisfy.
 */
export function extractWebhooks(document: OpenAPIV3_1.Document): Operation[] {
  const webhooks = (document.webhooks ?? {}) as OpenAPIV3_1.PathsObject;
  return extractOperations({ ...document, paths: webhooks, security: [] });
}

/** The values of the `environment` server variable: the path prefixes the mock serves. */
export function extractEnvironments(document: OpenAPIV3_1.Document): string[] {
  const variable = document.servers?.[0]?.variables?.environment;
  const environments = variable?.enum ?? [];
  if (environments.length === 0) {
    throw new Error('The spec cannot be served: servers[0] has no `environment` variable with an enum of environments');
  }
  return environments.map(String);
}
