// The contract as the suite sees it: every operation of the spec with its parameters, request body (schema,
// request view and named examples), documented responses and security. Plain data read from the dereferenced
// document; everything the suite generates starts here.
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3_1 } from 'openapi-types';
import { type ParameterSyntaxTable, readParameterSyntax } from '../../src/spec/parameter-syntax.js';
import { type JsonSchema, requestView } from '../../src/spec/schema-views.js';

export type { JsonSchema };

const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;
const readMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface NamedExample {
  name: string;
  value: unknown;
}

export interface SpecParameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: JsonSchema;
}

export interface SpecRequestBody {
  required: boolean;
  /** The schema as written (readOnly properties included). */
  schema: JsonSchema;
  /** What a request may send: readOnly properties removed. */
  requestSchema: JsonSchema;
  examples: NamedExample[];
  /**
   * The fields the server owns, with their schemas: readOnly properties of the body schema or of a 2xx response
   * schema of the operation (`createdAt` of a `Customer` answer, say). A request must not send them.
   */
  serverOwned: Record<string, JsonSchema>;
}

export interface SpecResponse {
  status: string;
  description: string;
  contentTypes: string[];
  /** Header names the response must carry (lower case). */
  requiredHeaders: string[];
  /** The schema of the first content type, if any. */
  schema: JsonSchema | undefined;
}

export interface SpecOperation {
  operationId: string;
  method: string;
  /** The path template relative to the environment's base URL, e.g. `/customers/{customerId}`. */
  path: string;
  parameters: SpecParameter[];
  body: SpecRequestBody | undefined;
  responses: SpecResponse[];
  /** Header names of the API key schemes that secure the operation; empty when it is public or takes a bearer token. */
  apiKeyHeaders: string[];
  /** Whether an HTTP bearer scheme (a JWT in Authorization) secures the operation. */
  bearer: boolean;
  /** True for methods that may change state (anything but GET, HEAD and OPTIONS). */
  writes: boolean;
  /** For a list: the item field its pages are ordered by, and how strings compare (x-cubit-list-order). */
  listOrder: { by: string; collation: string } | undefined;
  /** The problem `code` values each documented error status may carry, read from its schema (const or enum). */
  problemCodes: Record<string, string[]>;
}

export interface SpecModel {
  file: string;
  operations: SpecOperation[];
  /** How non-string parameters must be spelled (the document's x-cubit-parameter-syntax). */
  parameterSyntax: ParameterSyntaxTable;
  /** The formats the document enforces (x-cubit-enforced-formats); undefined when it does not say, so all are. */
  enforcedFormats: string[] | undefined;
  /** Groups of problem codes, first judged first (x-cubit-error-precedence); empty when the document has none. */
  errorPrecedence: string[][];
}

const isObject = (value: unknown): value is JsonSchema => typeof value === 'object' && value !== null && !Array.isArray(value);

function parametersOf(pathLevel: unknown[] = [], operationLevel: unknown[] = []): SpecParameter[] {
  const byKey = new Map<string, SpecParameter>();
  for (const raw of [...pathLevel, ...operationLevel] as OpenAPIV3_1.ParameterObject[]) {
    if (raw.in !== 'path' && raw.in !== 'query') continue;
    byKey.set(`${raw.in}:${raw.name}`, { name: raw.name, in: raw.in, required: raw.required === true, schema: (raw.schema ?? {}) as JsonSchema });
  }
  return [...byKey.values()];
}

function bodyOf(operation: OpenAPIV3_1.OperationObject): SpecRequestBody | undefined {
  const body = operation.requestBody as OpenAPIV3_1.RequestBodyObject | undefined;
  const media = body?.content['application/json'];
  if (!body || !isObject(media?.schema)) return undefined;
  const examples = Object.entries(media.examples ?? {}).map(([name, example]) => ({ name, value: (example as OpenAPIV3_1.ExampleObject).value as unknown }));
  if (examples.length === 0 && media.example !== undefined) examples.push({ name: 'example', value: media.example as unknown });
  const serverOwned = readOnlyProperties(media.schema);
  // A property the body schema declares writable is the client's, whatever the answer's schema says of it.
  const writable = Object.keys(((media.schema as JsonSchema).properties ?? {})).filter((name) => !(name in serverOwned));
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    const schema = (response as OpenAPIV3_1.ResponseObject).content?.['application/json']?.schema;
    if (/^2\d\d$/.test(status) && isObject(schema)) for (const [name, property] of Object.entries(readOnlyProperties(schema))) if (!writable.includes(name)) serverOwned[name] = property;
  }
  return { required: body.required === true, schema: media.schema, requestSchema: requestView(media.schema), examples, serverOwned };
}

function responsesOf(operation: OpenAPIV3_1.OperationObject): SpecResponse[] {
  return Object.entries(operation.responses ?? {}).map(([status, raw]) => {
    const response = raw as OpenAPIV3_1.ResponseObject;
    const content = Object.entries(response.content ?? {});
    const requiredHeaders = Object.entries(response.headers ?? {})
      .filter(([, header]) => (header as OpenAPIV3_1.HeaderObject).required === true)
      .map(([name]) => name.toLowerCase());
    const schema = content[0]?.[1].schema;
    return { status, description: response.description, contentTypes: content.map(([type]) => type), requiredHeaders, schema: isObject(schema) ? schema : undefined };
  });
}

/** The `code` values a problem schema allows: a const or enum on `code`, directly or inside allOf. */
function codesOf(schema: unknown): string[] {
  if (!isObject(schema)) return [];
  const code = (schema.properties as Record<string, JsonSchema> | undefined)?.code;
  const own = typeof code?.const === 'string' ? [code.const] : Array.isArray(code?.enum) ? code.enum.filter((value): value is string => typeof value === 'string') : [];
  const parts = Array.isArray(schema.allOf) ? schema.allOf.map(codesOf).filter((codes) => codes.length > 0) : [];
  // allOf: a code must satisfy every part, so the narrowest list wins.
  return [own, ...parts].filter((codes) => codes.length > 0).sort((a, b) => a.length - b.length)[0] ?? [];
}

function problemCodesOf(operation: OpenAPIV3_1.OperationObject): Record<string, string[]> {
  const codes: Record<string, string[]> = {};
  for (const [status, raw] of Object.entries(operation.responses ?? {})) {
    const schema = Object.values((raw as OpenAPIV3_1.ResponseObject).content ?? {})[0]?.schema;
    const found = codesOf(schema);
    if (!/^2/.test(status) && found.length > 0) codes[status] = found;
  }
  return codes;
}

function apiKeyHeadersOf(requirements: OpenAPIV3_1.SecurityRequirementObject[] | undefined, schemes: Record<string, unknown>): string[] {
  const headers: string[] = [];
  for (const requirement of requirements ?? []) {
    if (Object.keys(requirement).length === 0) return []; // `{}`: anonymous access allowed
    for (const name of Object.keys(requirement)) {
      const scheme = schemes[name] as OpenAPIV3_1.SecuritySchemeObject | undefined;
      if (scheme?.type === 'apiKey' && scheme.in === 'header') headers.push(scheme.name);
    }
  }
  return headers;
}

function bearerOf(requirements: OpenAPIV3_1.SecurityRequirementObject[] | undefined, schemes: Record<string, unknown>): boolean {
  return (requirements ?? []).some((requirement) =>
    Object.keys(requirement).some((name) => {
      const scheme = schemes[name] as OpenAPIV3_1.SecuritySchemeObject | undefined;
      return scheme?.type === 'http' && scheme.scheme.toLowerCase() === 'bearer';
    }),
  );
}

function listOrderOf(operation: OpenAPIV3_1.OperationObject): SpecOperation['listOrder'] {
  const raw = (operation as Record<string, unknown>)['x-cubit-list-order'] as { by?: unknown; collation?: unknown } | undefined;
  return typeof raw?.by === 'string' ? { by: raw.by, collation: typeof raw.collation === 'string' ? raw.collation : 'binary' } : undefined;
}

export function specModelFrom(document: OpenAPIV3_1.Document, file: string): SpecModel {
  const schemes = (document.components?.securitySchemes ?? {}) as Record<string, unknown>;
  const operations: SpecOperation[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    if (!item) continue;
    for (const method of methods) {
      const operation = item[method];
      if (!operation?.operationId) continue;
      const upper = method.toUpperCase();
      operations.push({
        operationId: operation.operationId,
        method: upper,
        path,
        parameters: parametersOf(item.parameters, operation.parameters),
        body: bodyOf(operation),
        responses: responsesOf(operation),
        apiKeyHeaders: apiKeyHeadersOf(operation.security ?? document.security, schemes),
        bearer: bearerOf(operation.security ?? document.security, schemes),
        writes: !readMethods.has(upper),
        listOrder: listOrderOf(operation),
        problemCodes: problemCodesOf(operation),
      });
    }
  }
  const extensions = document as unknown as Record<string, { formats?: string[]; order?: string[][] } | undefined>;
  return {
    file,
    operations,
    parameterSyntax: readParameterSyntax(document),
    enforcedFormats: extensions['x-cubit-enforced-formats']?.formats,
    errorPrecedence: extensions['x-cubit-error-precedence']?.order ?? [],
  };
}

const dereferencedDocuments = new Map<string, Promise<OpenAPIV3_1.Document>>();
const cache = new Map<string, Promise<SpecModel>>();

/** The spec with every $ref resolved, read once per process (for what the model does not carry: webhooks, extensions). */
export function loadDereferenced(file: string): Promise<OpenAPIV3_1.Document> {
  let document = dereferencedDocuments.get(file);
  if (!document) {
    document = SwaggerParser.dereference(file) as Promise<OpenAPIV3_1.Document>;
    dereferencedDocuments.set(file, document);
  }
  return document;
}

/** Reads and dereferences the spec once per process. */
export function loadSpecModel(file: string): Promise<SpecModel> {
  let model = cache.get(file);
  if (!model) {
    model = loadDereferenced(file).then((document) => specModelFrom(document, file));
    cache.set(file, model);
  }
  return model;
}

export const documentedStatuses = (operation: SpecOperation): string[] => operation.responses.map((r) => r.status);
export const documents = (operation: SpecOperation, status: number | string): boolean => operation.responses.some((r) => r.status === String(status));
export const successStatuses = (operation: SpecOperation): number[] =>
  operation.responses.filter((r) => /^2\d\d$/.test(r.status)).map((r) => Number(r.status));

/** Top-level readOnly properties of a schema as written, with their schemas: set by the server, never sent. */
export function readOnlyProperties(schema: JsonSchema): Record<string, JsonSchema> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  return Object.fromEntries(Object.entries(properties).filter(([, property]) => property.readOnly === true));
}
