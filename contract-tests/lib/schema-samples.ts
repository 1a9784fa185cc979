// Values a schema accepts, for fields that no named example fills (e.g. readOnly fields sent on purpose, or the
// items of an array grown past maxItems). Examples in the spec come first; generated values are checked.
import { satisfies } from './schema-check.js';
import type { JsonSchema } from './spec-model.js';

const formatSamples: Record<string, string> = {
  email: 'contract@example.com',
  date: '2026-01-15',
  'date-time': '2026-01-15T09:30:00.000Z',
  uri: 'https://example.com/contract',
  'uri-reference': '/contract',
  uuid: '00000000-0000-4000-8000-000000000000',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
};

export function schemaTypes(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type.map(String);
  return typeof schema.type === 'string' ? [schema.type] : [];
}

function stringSample(schema: JsonSchema, seed: number): string {
  if (typeof schema.format === 'string' && formatSamples[schema.format]) return formatSamples[schema.format] as string;
  const min = typeof schema.minLength === 'number' ? schema.minLength : 1;
  const candidates = [`a${seed}`, `A${seed}`, `${seed}`, 'a', 'A', '0', 'a-0'].map((c) => c.padEnd(min, '0'));
  return candidates.find((c) => satisfies(schema, c)) ?? candidates[0] ?? 'a';
}

/** A value the schema accepts, preferring the spec's own examples; `seed` varies generated strings and numbers. */
export function sampleValue(schema: JsonSchema, seed = 0): unknown {
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[seed % schema.enum.length];
  if (Array.isArray(schema.examples) && schema.examples.length > 0 && seed === 0) return schema.examples[0];
  if ('example' in schema && seed === 0) return schema.example;
  if ('default' in schema && seed === 0) return schema.default;
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    const first = (schema[key] as JsonSchema[] | undefined)?.[0];
    if (first) return sampleValue(first, seed);
  }
  const type = schemaTypes(schema).find((t) => t !== 'null') ?? (schema.properties ? 'object' : 'null');
  switch (type) {
    case 'string':
      return stringSample(schema, seed);
    case 'integer':
    case 'number': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : 0;
      const max = typeof schema.maximum === 'number' ? schema.maximum : min + 1000;
      return Math.min(min + seed, max);
    }
    case 'boolean':
      return seed % 2 === 0;
    case 'array': {
      const items = (schema.items ?? {}) as JsonSchema;
      const count = typeof schema.minItems === 'number' ? schema.minItems : 0;
      return Array.from({ length: count }, (_, i) => sampleValue(items, seed + i));
    }
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = (schema.required ?? []) as string[];
      return Object.fromEntries(required.filter((name) => properties[name]).map((name) => [name, sampleValue(properties[name] as JsonSchema, seed)]));
    }
    default:
      return null;
  }
}

/** `count` different values the item schema accepts, starting from the given ones; fewer if it cannot find them. */
export function distinctItems(itemSchema: JsonSchema, count: number, start: unknown[] = []): unknown[] {
  const items: unknown[] = [];
  const seen = new Set<string>();
  const add = (value: unknown): void => {
    const key = JSON.stringify(value);
    if (items.length < count && !seen.has(key) && satisfies(itemSchema, value)) {
      seen.add(key);
      items.push(value);
    }
  };
  start.forEach(add);
  const first = start[0];
  for (let i = 0; items.length < count && i < count * 4; i++) {
    if (typeof first === 'string') {
      add(`${first}${i}`);
      add(`${first}-${i}`);
    }
    if (typeof first === 'number') add(first + i + 1);
    add(sampleValue(itemSchema, i + 1));
  }
  return items;
}
