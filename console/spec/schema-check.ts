// Checks a body against a schema of a document before it is sent, with Ajv (JSON Schema 2020-12, as OpenAPI 3.1
// writes it): the same schemas the mock validates with, so a form shows the violations the mock would answer.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Violation } from '../api/http.js';
import type { ApiDocument } from './documents.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020, formats: string[]) => Ajv2020;

const escape = (name: string) => name.replace(/~/g, '~0').replace(/\//g, '~1');

function violation(error: ErrorObject): Violation {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') return { in: 'body', pointer: `${error.instancePath}/${escape(String(params.missingProperty))}`, message: 'is required' };
  if (error.keyword === 'additionalProperties') return { in: 'body', pointer: `${error.instancePath}/${escape(String(params.additionalProperty))}`, message: 'is not a known property' };
  return { in: 'body', pointer: error.instancePath, message: error.message ?? error.keyword };
}

export class SchemaCheck {
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(document: ApiDocument, enforcedFormats: string[]) {
    this.ajv = new Ajv2020({ allErrors: true, strict: false, validateSchema: false, discriminator: true });
    addFormats(this.ajv, enforcedFormats);
    this.ajv.addSchema({ ...document.document, $id: 'document' });
  }

  /** The violations of `value` against the schema at `ref` (such as `#/components/schemas/CustomerUpsert`); none when it is valid. */
  check(ref: string, value: unknown): Violation[] {
    let validate = this.compiled.get(ref);
    if (!validate) {
      validate = this.ajv.getSchema(`document${ref}`);
      if (!validate) return [];
      this.compiled.set(ref, validate);
    }
    if (validate(value)) return [];
    const seen = new Set<string>();
    return (validate.errors ?? []).map(violation).filter((v) => {
      const key = `${v.pointer} ${v.message}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
  }
}
