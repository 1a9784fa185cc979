// Valid request bodies built from the spec's named examples: each example as written, and one "full" body that
// merges them all and fills any optional field no example uses, so that every field of the schema can be broken.
import { satisfies, schemaErrors } from './schema-check.js';
import { sampleValue } from './schema-samples.js';
import type { JsonSchema, SpecRequestBody } from './spec-model.js';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function deepMerge(a: unknown, b: unknown): unknown {
  if (!isObject(a) || !isObject(b)) return structuredClone(b);
  const out: Record<string, unknown> = structuredClone(a);
  for (const [key, value] of Object.entries(b)) out[key] = key in out ? deepMerge(out[key], value) : structuredClone(value);
  return out;
}

/** Adds a sample for each optional property the value lacks, where the result stays valid. */
function fillOptional(schema: JsonSchema, value: Record<string, unknown>, root: JsonSchema, body: Record<string, unknown>): void {
  for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) {
    if (!(name in value)) {
      value[name] = sampleValue(property);
      if (!satisfies(root, body)) delete value[name];
    }
    const child = value[name];
    if (isObject(child)) fillOptional(property, child, root, body);
  }
}

/** The example values of a request body, in the spec's order; a generated sample when it has none. */
export function exampleValues(body: SpecRequestBody): Record<string, unknown>[] {
  const values = body.examples.map((example) => example.value).filter(isObject);
  return values.length > 0 ? values.map((value) => structuredClone(value)) : [sampleValue(body.requestSchema) as Record<string, unknown>];
}

/** Every example merged (later ones win), plus samples for optional fields none of them sets. Throws if invalid. */
export function fullValidBody(body: SpecRequestBody): Record<string, unknown> {
  const merged = exampleValues(body).reduce<unknown>((acc, value) => deepMerge(acc, value), {}) as Record<string, unknown>;
  fillOptional(body.requestSchema, merged, body.requestSchema, merged);
  const errors = schemaErrors(body.requestSchema, merged);
  if (errors.length > 0) throw new Error(`The spec's examples do not merge into a valid body: ${errors.join('; ')}`);
  return merged;
}
