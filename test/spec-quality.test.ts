// The contract's own quality bar: a valid document, every named example valid against its schema
// (request examples against the request view, where readOnly fields are absent), and the code in step with it.
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { OpenAPIV3_1 } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import { defaultSpecFile } from '../src/app.js';
import { catalogue } from '../src/errors/catalogue.js';
import { loadSpec } from '../src/spec/load-spec.js';
import { type JsonSchema, requestView, responseView } from '../src/spec/schema-views.js';
import { generateTypes } from '../scripts/generate-types.js';
import { loadSpecModel } from '../contract-tests/lib/spec-model.js';
import { readFile } from 'node:fs/promises';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

interface NamedExample {
  where: string;
  schema: JsonSchema;
  value: unknown;
}

function collectExamples(document: OpenAPIV3_1.Document): NamedExample[] {
  const found: NamedExample[] = [];
  const fromContent = (content: Record<string, OpenAPIV3_1.MediaTypeObject> | undefined, where: string, view: (s: JsonSchema) => JsonSchema) => {
    for (const [mediaType, media] of Object.entries(content ?? {})) {
      for (const [name, example] of Object.entries(media.examples ?? {})) {
        found.push({ where: `${where} ${mediaType} example "${name}"`, schema: view(media.schema as JsonSchema), value: (example as { value: unknown }).value });
      }
    }
  };
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of ['get', 'post', 'delete', 'put', 'patch'] as const) {
      const op = item?.[method];
      if (!op) continue;
      fromContent((op.requestBody as OpenAPIV3_1.RequestBodyObject | undefined)?.content, `${method.toUpperCase()} ${path} request`, requestView);
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        fromContent((response as OpenAPIV3_1.ResponseObject).content, `${method.toUpperCase()} ${path} ${status}`, responseView);
      }
    }
  }
  return found;
}

describe('openapi/cubit-core.yaml', () => {
  it('is a valid OpenAPI 3.1 document (swagger-parser) that the mock loads', async () => {
    await expect(SwaggerParser.validate(defaultSpecFile)).resolves.toMatchObject({ openapi: '3.1.0' });
    const spec = await loadSpec(defaultSpecFile);
    expect(spec.environments).toEqual(['test', 'prod']);
    expect(spec.operations.map((op) => op.operationId).sort()).toEqual([
      'deleteAudit',
      'deleteCustomer',
      'deleteInstallation',
      'getAudit',
      'getAuditHistory',
      'getCustomer',
      'getInstallation',
      'listAudits',
      'listCustomers',
      'listInstallations',
      'setAuditStatus',
      'upsertAudit',
      'upsertCustomer',
      'upsertInstallation',
    ]);
    expect(spec.webhooks.map((op) => op.operationId).sort()).toEqual(['archiveSaveCase', 'lanternNotification']);
  });

  it('has named examples for every request body and every response body, each valid against its schema', async () => {
    const document = (await SwaggerParser.dereference(defaultSpecFile)) as OpenAPIV3_1.Document;
    const examples = collectExamples(document);
    const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
    const failures = examples.flatMap(({ where, schema, value }) => {
      const validate = ajv.compile(schema);
      return validate(value) ? [] : [`${where}: ${ajv.errorsText(validate.errors)}`];
    });
    expect(failures).toEqual([]);
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      for (const method of ['get', 'post', 'delete'] as const) {
        const op = item?.[method];
        if (!op) continue;
        const body = (op.requestBody as OpenAPIV3_1.RequestBodyObject | undefined)?.content['application/json'];
        if (body) expect(Object.keys(body.examples ?? {}).length, `${method} ${path} request examples`).toBeGreaterThanOrEqual(2);
        for (const [status, response] of Object.entries(op.responses ?? {})) {
          for (const [mediaType, media] of Object.entries((response as OpenAPIV3_1.ResponseObject).content ?? {})) {
            expect(Object.keys(media.examples ?? {}).length, `${method} ${path} ${status} ${mediaType} examples`).toBeGreaterThan(0);
          }
        }
      }
    }
  });

  it('rejects a request example that sets a server-owned field, so the check can fail', async () => {
    const document = (await SwaggerParser.dereference(defaultSpecFile)) as OpenAPIV3_1.Document;
    const upsert = document.components?.schemas?.CustomerUpsert as JsonSchema;
    const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
    const validate = ajv.compile(requestView(upsert));
    const created = collectExamples(document).find((e) => e.where.includes('createCustomer'))?.value as Record<string, unknown>;
    expect(validate(created)).toBe(true);
    expect(validate({ ...created, version: 1 })).toBe(false);
  });

  it('bounds every string and array, and constrains every id with a pattern', async () => {
    const document = (await SwaggerParser.parse(defaultSpecFile)) as OpenAPIV3_1.Document;
    const unbounded: string[] = [];
    const visit = (node: unknown, pointer: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const schema = node as Record<string, unknown>;
      const types = ([] as unknown[]).concat(schema.type ?? []);
      if (types.includes('string') && schema.maxLength === undefined && schema.enum === undefined) unbounded.push(`${pointer}: string without maxLength`);
      if (types.includes('array') && schema.maxItems === undefined) unbounded.push(`${pointer}: array without maxItems`);
      if (/Id$/.test(pointer.split('/').pop() ?? '') && types.includes('string') && !schema.pattern) unbounded.push(`${pointer}: id without pattern`);
      for (const [key, value] of Object.entries(schema)) if (key !== 'examples' && key !== 'example') visit(value, `${pointer}/${key}`);
    };
    visit(document.components, '#/components');
    visit(document.paths, '#/paths');
    expect(unbounded).toEqual([]);
  });

  it('lists exactly the error codes of the catalogue in the Problem schema', async () => {
    const spec = await loadSpec(defaultSpecFile);
    const problem = spec.dereferenced.components?.schemas?.Problem as { properties: { code: { enum: string[] } } };
    expect([...problem.properties.code.enum].sort()).toEqual(Object.values(catalogue).map((p) => p.code).sort());
  });

  it('ranks every code of the catalogue exactly once in x-cubit-error-precedence', async () => {
    const spec = await loadSpec(defaultSpecFile);
    const order = (spec.dereferenced as unknown as { 'x-cubit-error-precedence': { order: string[][] } })['x-cubit-error-precedence'].order;
    const ranked = order.flat();
    const codes = Object.values(catalogue).map((p) => p.code).filter((code) => code !== 'internal-error');
    expect([...ranked].sort()).toEqual([...new Set(ranked)].sort());
    expect([...ranked].sort()).toEqual(codes.sort());
  });

  it('gives each error response only codes whose status it is, as the catalogue says', async () => {
    const model = await loadSpecModel(defaultSpecFile);
    const statusOf = new Map<string, string>(Object.values(catalogue).map((p) => [p.code, String(p.status)]));
    const wrong = model.operations.flatMap((op) =>
      Object.entries(op.problemCodes).flatMap(([status, codes]) => codes.filter((code) => statusOf.get(code) !== status).map((code) => `${op.operationId} ${status}: ${code}`)),
    );
    expect(wrong).toEqual([]);
    expect(model.operations.every((op) => Object.keys(op.problemCodes).length >= 6)).toBe(true);
  });

  it('matches the committed generated types (run `npm run generate:types` after editing the spec)', async () => {
    const committed = await readFile(new URL('../src/generated/cubit-core.ts', import.meta.url), 'utf8');
    expect(committed).toBe(await generateTypes());
  });
});
