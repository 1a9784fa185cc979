// Checks that the document says which way each field travels, as strict OpenAPI 3.1 readers take it: a request
// schema requires no readOnly field (3.1 applies `required` to requests and responses alike), every readOnly
// field of a response schema is required, request examples send no server-owned field, and response examples
// carry every one. Off-the-shelf validators treat readOnly as a mere annotation, so this is our own check.
import type { OpenAPIV3_1 } from 'openapi-types';

type Schema = Record<string, unknown>;
const isObject = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);
const methods = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Calls `visit` for every object schema inside `schema` (itself, properties, items, compositions), with a pointer. */
function eachObjectSchema(schema: unknown, pointer: string, visit: (schema: Schema, pointer: string) => void): void {
  if (!isObject(schema)) return;
  if (isObject(schema.properties)) {
    visit(schema, pointer);
    for (const [name, property] of Object.entries(schema.properties)) eachObjectSchema(property, `${pointer}/properties/${name}`, visit);
  }
  if (isObject(schema.items)) eachObjectSchema(schema.items, `${pointer}/items`, visit);
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = schema[key];
    if (Array.isArray(list)) list.forEach((s, i) => eachObjectSchema(s, `${pointer}/${key}/${i}`, visit));
  }
}

const readOnlyNames = (schema: Schema): string[] =>
  Object.entries(schema.properties as Record<string, unknown>).filter(([, p]) => isObject(p) && p.readOnly === true).map(([name]) => name);

/** Walks an example value alongside its schema, calling `visit` for each object the schema describes with properties. */
function eachObjectValue(schema: unknown, value: unknown, pointer: string, visit: (schema: Schema, value: Schema, pointer: string) => void): void {
  if (!isObject(schema)) return;
  if (Array.isArray(value) && isObject(schema.items)) value.forEach((item, i) => eachObjectValue(schema.items, item, `${pointer}/${i}`, visit));
  if (!isObject(value) || !isObject(schema.properties)) return;
  visit(schema, value, pointer);
  for (const [name, property] of Object.entries(schema.properties)) if (name in value) eachObjectValue(property, value[name], `${pointer}/${name}`, visit);
}

interface Site {
  where: string;
  direction: 'request' | 'response';
  schema: unknown;
  examples: [string, unknown][];
}

function sites(document: OpenAPIV3_1.Document): Site[] {
  const found: Site[] = [];
  const add = (content: Record<string, OpenAPIV3_1.MediaTypeObject> | undefined, where: string, direction: Site['direction']) => {
    for (const [mediaType, media] of Object.entries(content ?? {})) {
      const examples = Object.entries(media.examples ?? {}).map(([name, example]): [string, unknown] => [name, (example as OpenAPIV3_1.ExampleObject).value]);
      found.push({ where: `${where} ${mediaType}`, direction, schema: media.schema, examples });
    }
  };
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of methods) {
      const op = item?.[method];
      if (!op) continue;
      const where = `${method.toUpperCase()} ${path}`;
      add((op.requestBody as OpenAPIV3_1.RequestBodyObject | undefined)?.content, `${where} request`, 'request');
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (/^2\d\d$/.test(status)) add((response as OpenAPIV3_1.ResponseObject).content, `${where} ${status}`, 'response');
      }
    }
  }
  return found;
}

/** Every way the dereferenced document breaks the rules above; empty when it keeps them. */
export function directionProblems(document: OpenAPIV3_1.Document): string[] {
  const problems: string[] = [];
  for (const site of sites(document)) {
    eachObjectSchema(site.schema, '', (schema, pointer) => {
      const readOnly = readOnlyNames(schema);
      const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
      if (site.direction === 'request') {
        for (const name of readOnly) problems.push(`${site.where} schema${pointer}: has the readOnly property ${name}${required.includes(name) ? ', and requires it' : ''}`);
      } else {
        for (const name of readOnly.filter((n) => !required.includes(n))) problems.push(`${site.where} schema${pointer}: does not require the readOnly property ${name}`);
      }
    });
    for (const [name, value] of site.examples) {
      eachObjectValue(site.schema, value, '', (schema, object, pointer) => {
        const readOnly = readOnlyNames(schema);
        if (site.direction === 'response') {
          for (const field of readOnly.filter((n) => !(n in object))) problems.push(`${site.where} example "${name}"${pointer}: lacks the server-owned field ${field}`);
        }
      });
    }
  }
  return problems;
}

/**
 * Request examples must not send a field the operation's answers mark readOnly. The request schema itself no
 * longer names those fields, so they are taken from the 2xx response schemas of the same operation, less those the
 * request schema declares as its own (a status change sends the `status` an audit's answer marks readOnly).
 */
export function requestExampleProblems(document: OpenAPIV3_1.Document): string[] {
  const problems: string[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of methods) {
      const op = item?.[method];
      const content = (op?.requestBody as OpenAPIV3_1.RequestBodyObject | undefined)?.content;
      if (!op || !content) continue;
      const serverOwned = new Set<string>();
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        const schema: unknown = (response as OpenAPIV3_1.ResponseObject).content?.['application/json']?.schema;
        if (/^2\d\d$/.test(status) && isObject(schema) && isObject(schema.properties)) readOnlyNames(schema).forEach((n) => serverOwned.add(n));
      }
      for (const media of Object.values(content)) {
        const schema: unknown = media.schema;
        const own = isObject(schema) && isObject(schema.properties) ? schema.properties : {};
        for (const [name, property] of Object.entries(own)) if (!(isObject(property) && property.readOnly === true)) serverOwned.delete(name);
        for (const [name, example] of Object.entries(media.examples ?? {})) {
          const value = (example as OpenAPIV3_1.ExampleObject).value as unknown;
          for (const field of isObject(value) ? Object.keys(value).filter((k) => serverOwned.has(k)) : []) {
            problems.push(`${method.toUpperCase()} ${path} request example "${name}": sends the server-owned field ${field}`);
          }
        }
      }
    }
  }
  return problems;
}
