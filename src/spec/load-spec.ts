// Loads the OpenAPI document once, validates it, and fails fast with every problem found.
import { readFile } from 'node:fs/promises';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { OpenAPIV3_1 } from 'openapi-types';
import { extractEnvironments, extractOperations, type Operation } from './operations.js';

export interface LoadedSpec {
  file: string;
  /** The document as written (references intact), for /openapi.json. */
  document: OpenAPIV3_1.Document;
  /** The document's YAML text, for /openapi.yaml. */
  yaml: string;
  /** The document with every $ref resolved. */
  dereferenced: OpenAPIV3_1.Document;
  operations: Operation[];
  environments: string[];
}

export class SpecError extends Error {
  override name = 'SpecError';
}

/** JSON Schema 2020-12 meta-validation of every schema: swagger-parser does not check types in 3.1 schemas. */
function checkSchemas(document: OpenAPIV3_1.Document): string[] {
  const ajv = new Ajv2020({ strict: false });
  const problems: string[] = [];
  const visit = (node: unknown, pointer: string): void => {
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if ('schema' in record && typeof record.schema === 'object' && record.schema !== null) {
      if (!ajv.validateSchema(record.schema)) {
        problems.push(`${pointer}/schema: ${ajv.errorsText(ajv.errors, { dataVar: 'schema' })}`);
      }
    }
    for (const [key, value] of Object.entries(record)) visit(value, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  };
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    if (!ajv.validateSchema(schema)) problems.push(`#/components/schemas/${name}: ${ajv.errorsText(ajv.errors, { dataVar: 'schema' })}`);
  }
  visit(document.paths, '#/paths');
  return problems;
}

export async function loadSpec(file: string): Promise<LoadedSpec> {
  let yaml: string;
  try {
    yaml = await readFile(file, 'utf8');
  } catch (error) {
    throw new SpecError(`Cannot read the spec ${file}: ${(error as Error).message}`);
  }
  let document: OpenAPIV3_1.Document;
  let dereferenced: OpenAPIV3_1.Document;
  try {
    document = (await SwaggerParser.parse(file)) as OpenAPIV3_1.Document;
    dereferenced = (await SwaggerParser.validate(structuredClone(document))) as OpenAPIV3_1.Document;
  } catch (error) {
    const details = (error as { details?: { message?: string }[] }).details;
    const first = details?.[0]?.message ?? (error as Error).message.split('\n')[0];
    throw new SpecError(`The spec ${file} is not a valid OpenAPI document: ${first}`);
  }
  if (!document.openapi.startsWith('3.1')) throw new SpecError(`The spec ${file} is OpenAPI ${document.openapi}; the mock serves 3.1`);
  const schemaProblems = checkSchemas(dereferenced);
  if (schemaProblems.length > 0) {
    throw new SpecError(`The spec ${file} has invalid schemas:\n  - ${schemaProblems.join('\n  - ')}`);
  }
  try {
    return { file, document, yaml, dereferenced, operations: extractOperations(dereferenced), environments: extractEnvironments(dereferenced) };
  } catch (error) {
    throw new SpecError(`${file}: ${(error as Error).message}`);
  }
}
