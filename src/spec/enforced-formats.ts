// Which JSON Schema `format` values the contract enforces: the spec's `x-cubit-enforced-formats` list. The mock
// validates exactly these (with ajv-formats' full rules) and treats any other `format` as an annotation, as
// JSON Schema 2020-12 does by default; the contract suite breaks only these.
import type { OpenAPIV3_1 } from 'openapi-types';

export const enforcedFormatsExtension = 'x-cubit-enforced-formats';

/** The enforced formats; every one must be among `known` (those the validator can check). Throws naming what is wrong. */
export function readEnforcedFormats(document: OpenAPIV3_1.Document, known: readonly string[]): string[] {
  const raw = (document as unknown as Record<string, unknown>)[enforcedFormatsExtension] as { formats?: unknown } | undefined;
  if (raw === undefined) return [];
  const formats = raw.formats;
  if (!Array.isArray(formats) || !formats.every((f) => typeof f === 'string')) throw new Error(`${enforcedFormatsExtension}.formats must be a list of format names`);
  const unknown = formats.filter((format) => !known.includes(format));
  if (unknown.length > 0) throw new Error(`${enforcedFormatsExtension} names formats the mock cannot check: ${unknown.join(', ')} (it checks ${known.join(', ')})`);
  return formats;
}

/** Every `format` value used anywhere in these schemas. */
export function formatsUsed(schemas: unknown[]): Set<string> {
  const found = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'format' && typeof value === 'string') found.add(value);
        else visit(value);
      }
    }
  };
  schemas.forEach(visit);
  return found;
}
