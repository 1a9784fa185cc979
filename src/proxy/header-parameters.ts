// The header parameters each operation documents (such as setAuditStatus's If-Match), as one object schema per
// operation: properties under the spec's own spelling of each name, `required` as the spec says, any other header
// allowed. Content-Type, Accept and Authorization are left out, as OpenAPI says: the media type and the security
// scheme cover them. The mock's Operation has no header schema (its handlers read the few it has), so the proxy
// reads them from the dereferenced document here.
import type { OpenAPIV3_1 } from 'openapi-types';
import { httpMethods } from '../spec/operations.js';
import type { JsonSchema } from '../spec/schema-views.js';

const ignored = new Set(['content-type', 'accept', 'authorization']);

export interface HeaderParameters {
  /** The object schema the headers (by the spec's names) must satisfy. */
  schema: JsonSchema;
  /** The spec's names of the header parameters. */
  names: string[];
}

/** The header parameters of each operation that has some, by operationId. */
export function headerParameters(document: OpenAPIV3_1.Document): Map<string, HeaderParameters> {
  const found = new Map<string, HeaderParameters>();
  for (const item of Object.values(document.paths ?? {})) {
    if (!item) continue;
    for (const method of httpMethods) {
      const operation = item[method];
      if (!operation?.operationId) continue;
      const byName = new Map<string, OpenAPIV3_1.ParameterObject>();
      for (const parameter of [...(item.parameters ?? []), ...(operation.parameters ?? [])] as OpenAPIV3_1.ParameterObject[]) {
        if (parameter.in === 'header' && !ignored.has(parameter.name.toLowerCase())) byName.set(parameter.name.toLowerCase(), parameter);
      }
      if (byName.size === 0) continue;
      const parameters = [...byName.values()];
      const schema: JsonSchema = {
        type: 'object',
        properties: Object.fromEntries(parameters.map((p) => [p.name, p.schema ?? {}])),
        required: parameters.filter((p) => p.required === true).map((p) => p.name),
      };
      found.set(operation.operationId, { schema, names: parameters.map((p) => p.name) });
    }
  }
  return found;
}
