// Valid path and query values for an operation, for requests whose point lies elsewhere (a missing key, a
// broken body, an id that does not exist).
import { satisfies } from './schema-check.js';
import { sampleValue } from './schema-samples.js';
import type { Scenario } from './scenario.js';
import type { SpecOperation } from './spec-model.js';

/** A fresh namespaced id for each path parameter (nothing exists under it), or a sample where the schema wants another form. */
export function freshPathParams(operation: SpecOperation, scenario: Scenario): Record<string, string> {
  const params: Record<string, string> = {};
  for (const parameter of operation.parameters.filter((p) => p.in === 'path')) {
    const id = scenario.freshId(parameter.name);
    params[parameter.name] = satisfies(parameter.schema, id) ? id : String(sampleValue(parameter.schema));
  }
  return params;
}

/** Samples for the required query parameters; optional ones are left out. */
export function requiredQuery(operation: SpecOperation): Record<string, string> {
  const query: Record<string, string> = {};
  for (const parameter of operation.parameters.filter((p) => p.in === 'query' && p.required)) query[parameter.name] = String(sampleValue(parameter.schema));
  return query;
}
