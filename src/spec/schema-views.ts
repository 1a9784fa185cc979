// The request and response views of one schema, as OpenAPI defines them:
// a readOnly property is not part of a request, a writeOnly property is not part of a response.
// A property left out of a view is also dropped from `required`, so with `additionalProperties: false`
// a request that sends a readOnly field is rejected.

export type JsonSchema = Record<string, unknown>;
type Direction = 'request' | 'response';

const nestedSchemaLists = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const;
const nestedSchemas = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains'] as const;

function isObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function excluded(schema: unknown, direction: Direction): boolean {
  if (!isObject(schema)) return false;
  return direction === 'request' ? schema.readOnly === true : schema.writeOnly === true;
}

function view(schema: JsonSchema, direction: Direction): JsonSchema {
  const out: JsonSchema = { ...schema };
  if (isObject(schema.properties)) {
    const properties: JsonSchema = {};
    const dropped = new Set<string>();
    for (const [name, property] of Object.entries(schema.properties)) {
      if (excluded(property, direction)) dropped.add(name);
      else properties[name] = isObject(property) ? view(property, direction) : property;
    }
    out.properties = properties;
    if (Array.isArray(schema.required)) {
      out.required = schema.required.filter((name) => !dropped.has(String(name)));
    }
  }
  for (const key of nestedSchemaLists) {
    const list = schema[key];
    if (Array.isArray(list)) out[key] = list.map((s: unknown) => (isObject(s) ? view(s, direction) : s));
  }
  for (const key of nestedSchemas) {
    const nested = schema[key];
    if (isObject(nested)) out[key] = view(nested, direction);
  }
  return out;
}

/** The schema a request body must satisfy: readOnly properties removed. */
export function requestView(schema: JsonSchema): JsonSchema {
  return view(schema, 'request');
}

/** The schema a response body must satisfy: writeOnly properties removed. */
export function responseView(schema: JsonSchema): JsonSchema {
  return view(schema, 'response');
}

/** Names of the readOnly properties of an object schema (top level), for clearer error messages. */
export function readOnlyProperties(schema: JsonSchema): Set<string> {
  const names = new Set<string>();
  if (isObject(schema.properties)) {
    for (const [name, property] of Object.entries(schema.properties)) {
      if (excluded(property, 'request')) names.add(name);
    }
  }
  return names;
}
