// Loads the OpenAPI document once, validates it, and fails fast with every problem found.
// Validation (swagger-parser and a JSON Schema meta-check of every schema) costs a few hundred milliseconds,
// so its result can be cached by content hash: the same bytes are never validated twice.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as AjvModule from 'ajv/dist/2020.js';
import type { OpenAPIV3_1 } from 'openapi-types';
import { extractEnvironments, extractOperations, extractWebhooks, type Operation } from './operations.js';
import { type ParameterSyntaxTable, readParameterSyntax } from './parameter-syntax.js';
import { readEnforcedFormats } from './enforced-formats.js';
import { formatNames } from 'ajv-formats/dist/formats.js';

/** A served OpenAPI document: the main contract, or the admin API's. */
export interface LoadedDocument {
  file: string;
  /** The document as written (references intact), for /openapi.json. */
  document: OpenAPIV3_1.Document;
  /** The document's YAML text, for /openapi.yaml. */
  yaml: string;
  /** The document with every $ref resolved. */
  dereferenced: OpenAPIV3_1.Document;
  operations: Operation[];
  /** The document's webhooks, as operations whose path is the webhook's name (see extractWebhooks). */
  webhooks: Operation[];
  /** How non-string parameters are spelled (the spec's x-cubit-parameter-syntax). */
  parameterSyntax: ParameterSyntaxTable;
  /** The `format` values requests must satisfy (the spec's x-cubit-enforced-formats); others are annotations. */
  enforcedFormats: string[];
}

/** The main contract: a document whose first server has the `environment` variable. */
export interface LoadedSpec extends LoadedDocument {
  environments: string[];
}

export interface LoadSpecOptions {
  /** A directory for validated documents, keyed by content hash; undefined validates every time. */
  cacheDir?: string;
}

export class SpecError extends Error {
  override name = 'SpecError';
}

/** Bump when validation rules change, so that documents cached under the old rules are validated again. */
const validationVersion = 1;

interface Validated {
  document: OpenAPIV3_1.Document;
  dereferenced: OpenAPIV3_1.Document;
}

/** JSON Schema 2020-12 meta-validation of every schema: swagger-parser does not check types in 3.1 schemas. */
function checkSchemas(document: OpenAPIV3_1.Document): string[] {
  const { Ajv2020 } = createRequire(import.meta.url)('ajv/dist/2020.js') as typeof AjvModule;
  const ajv = new Ajv2020({ strict: false });
  const problems: string[] = [];
  const check = (schema: unknown, pointer: string) => {
    if (!ajv.validateSchema(schema as object)) problems.push(`${pointer}: ${ajv.errorsText(ajv.errors, { dataVar: 'schema' })}`);
  };
  const visit = (node: unknown, pointer: string): void => {
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (typeof record.schema === 'object' && record.schema !== null) check(record.schema, `${pointer}/schema`);
    for (const [key, value] of Object.entries(record)) visit(value, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  };
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) check(schema, `#/components/schemas/${name}`);
  visit(document.paths, '#/paths');
  return problems;
}

const hasExternalRefs = (node: unknown): boolean =>
  typeof node === 'object' &&
  node !== null &&
  Object.entries(node).some(([key, value]) => (key === '$ref' && typeof value === 'string' && !value.startsWith('#')) || hasExternalRefs(value));

async function validate(file: string): Promise<Validated> {
  const { default: SwaggerParser } = await import('@apidevtools/swagger-parser');
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
  if (schemaProblems.length > 0) throw new SpecError(`The spec ${file} has invalid schemas:\n  - ${schemaProblems.join('\n  - ')}`);
  return { document, dereferenced };
}

async function readCache(path: string): Promise<Validated | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Validated;
  } catch {
    return undefined;
  }
}

/** Best effort: a cache that cannot be written only means the next start validates again. */
async function writeCache(dir: string, path: string, validated: Validated): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(validated));
    await rename(temporary, path);
  } catch {
    // ignored on purpose
  }
}

/** Every path or query parameter that is not a string needs a spelling in the parameter syntax table. */
function checkParameterTypes(operations: Operation[], syntax: ParameterSyntaxTable): void {
  const problems: string[] = [];
  for (const operation of operations) {
    for (const schema of [operation.pathSchema, operation.querySchema]) {
      for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, { type?: unknown }>)) {
        const types = ([] as unknown[]).concat(property.type ?? 'string').map(String).filter((type) => type !== 'string' && type !== 'null');
        for (const type of types) {
          if (!(type in syntax)) problems.push(`${operation.operationId}: parameter ${name} is of type ${type}, for which x-cubit-parameter-syntax gives no spelling (the mock serves string and integer parameters)`);
        }
      }
    }
  }
  if (problems.length > 0) throw new Error(`The spec cannot be served:\n  - ${problems.join('\n  - ')}`);
}

/** Reads and validates a document (or takes its validation from the cache), and extracts its operations. */
export async function loadDocument(file: string, options: LoadSpecOptions = {}): Promise<LoadedDocument> {
  let yaml: string;
  try {
    yaml = await readFile(file, 'utf8');
  } catch (error) {
    throw new SpecError(`Cannot read the spec ${file}: ${(error as Error).message}`);
  }
  const hash = createHash('sha256').update(`${validationVersion}\n${yaml}`).digest('hex');
  const cachePath = options.cacheDir ? join(options.cacheDir, `spec-${hash}.json`) : undefined;
  let validated = cachePath ? await readCache(cachePath) : undefined;
  if (!validated) {
    validated = await validate(file);
    if (options.cacheDir && cachePath && !hasExternalRefs(validated.document)) await writeCache(options.cacheDir, cachePath, validated);
  }
  try {
    const { document, dereferenced } = validated;
    const operations = extractOperations(dereferenced);
    const webhooks = extractWebhooks(dereferenced);
    const parameterSyntax = readParameterSyntax(dereferenced);
    checkParameterTypes(operations, parameterSyntax);
    const enforcedFormats = readEnforcedFormats(dereferenced, formatNames);
    return { file, document, yaml, dereferenced, operations, webhooks, parameterSyntax, enforcedFormats };
  } catch (error) {
    throw new SpecError(`${file}: ${(error as Error).message}`);
  }
}

/** Loads the main contract: a document, and the environments its first server names. */
export async function loadSpec(file: string, options: LoadSpecOptions = {}): Promise<LoadedSpec> {
  const loaded = await loadDocument(file, options);
  try {
    return { ...loaded, environments: extractEnvironments(loaded.dereferenced) };
  } catch (error) {
    throw new SpecError(`${file}: ${(error as Error).message}`);
  }
}
