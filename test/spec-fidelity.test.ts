// The document as strict tools read it: the same under YAML 1.1 and 1.2, examples valid for
// openapi-examples-validator (which applies `required` as OpenAPI 3.1 does, readOnly or not), and every field
// going the right way: what clients send never includes what the server owns, and what the server answers always does.
import { readFile } from 'node:fs/promises';
import SwaggerParser from '@apidevtools/swagger-parser';
import { validateFile } from 'openapi-examples-validator';
import type { OpenAPIV3_1 } from 'openapi-types';
import { parse } from 'yaml';
import { describe, expect, it, vi } from 'vitest';
import { defaultSpecFile } from '../src/app.js';
import { directionProblems, requestExampleProblems } from './support/spec-directions.js';

type Schema = Record<string, unknown>;
const dereferenced = async () => (await SwaggerParser.dereference(defaultSpecFile)) as OpenAPIV3_1.Document;

describe('openapi/cubit-core.yaml, read by strict tools', () => {
  it('reads the same with a YAML 1.1 parser (SnakeYAML, PyYAML) as with YAML 1.2', async () => {
    const text = await readFile(defaultSpecFile, 'utf8');
    expect(parse(text, { version: '1.1' })).toEqual(parse(text));
    // The comparison can fail: an unquoted country code is a boolean in YAML 1.1.
    expect(parse('country: NO', { version: '1.1' })).not.toEqual(parse('country: NO'));
  });

  it('passes openapi-examples-validator, unknown properties forbidden', async () => {
    // It cannot forbid unknown properties inside allOf, and says so for each part: only the problem answers
    // (allOf of Problem and a code) may be among them.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const result = await validateFile(defaultSpecFile, { noAdditionalProperties: true }).finally(() => warn.mockRestore());
    const warnings = warn.mock.calls.map((call) => String(call[0]));
    expect(warnings.filter((w) => !/^"additionalProperties" flag not set for \$\['components'\]\['responses'\]\['\w+'\]\['content'\]\['application\/problem\+json'\]/.test(w))).toEqual([]);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.statistics.examplesTotal).toBeGreaterThan(20);
  });

  it('requires no readOnly field of a request and every readOnly field of a response, in schemas and examples', async () => {
    const document = await dereferenced();
    expect(directionProblems(document)).toEqual([]);
    expect(requestExampleProblems(document)).toEqual([]);
  });

  it('finds each kind of wrong direction, so the check can fail', async () => {
    const document = await dereferenced();
    const post = document.paths?.['/customers']?.post as OpenAPIV3_1.OperationObject;
    const request = (post.requestBody as OpenAPIV3_1.RequestBodyObject).content['application/json'] as OpenAPIV3_1.MediaTypeObject;
    const requestSchema = request.schema as Schema;
    requestSchema.properties = { ...(requestSchema.properties as Schema), version: { type: 'integer', readOnly: true } };
    requestSchema.required = [...(requestSchema.required as string[]), 'version'];
    ((request.examples?.createCustomer as OpenAPIV3_1.ExampleObject).value as Schema).createdAt = '2026-01-01T00:00:00Z';
    const created = (post.responses?.['201'] as OpenAPIV3_1.ResponseObject).content?.['application/json'] as OpenAPIV3_1.MediaTypeObject;
    delete ((created.examples?.createCustomer as OpenAPIV3_1.ExampleObject).value as Schema).version;
    const responseSchema = structuredClone(created.schema as Schema);
    responseSchema.required = (responseSchema.required as string[]).filter((name) => name !== 'updatedAt');
    created.schema = responseSchema;
    expect(directionProblems(document)).toEqual([
      'POST /customers request application/json schema: has the readOnly property version, and requires it',
      'POST /customers 201 application/json schema: does not require the readOnly property updatedAt',
      'POST /customers 201 application/json example "createCustomer": lacks the server-owned field version',
    ]);
    expect(requestExampleProblems(document)).toEqual(['POST /customers request example "createCustomer": sends the server-owned field createdAt']);
  });

  it('answers each upsert with what it was sent plus the server-owned fields: the same properties, the same schemas', async () => {
    const document = await dereferenced();
    // An upsert is a POST to a collection (a POST under an item, such as a status change, is not one).
    const upserts = Object.entries(document.paths ?? {}).filter(([path, item]) => item?.post?.requestBody && !path.includes('{'));
    expect(upserts.length).toBeGreaterThanOrEqual(3);
    for (const [path, item] of upserts) {
      const post = item?.post as OpenAPIV3_1.OperationObject;
      const sent = ((post.requestBody as OpenAPIV3_1.RequestBodyObject).content['application/json']?.schema ?? {}) as Schema;
      for (const status of ['200', '201']) {
        const answered = ((post.responses?.[status] as OpenAPIV3_1.ResponseObject).content?.['application/json']?.schema ?? {}) as Schema;
        const properties = answered.properties as Record<string, Schema>;
        const serverOwned = Object.keys(properties).filter((name) => properties[name]?.readOnly === true);
        expect(Object.keys(properties).filter((name) => !serverOwned.includes(name)), `${path} ${status}`).toEqual(Object.keys(sent.properties as Schema));
        for (const [name, schema] of Object.entries(sent.properties as Record<string, Schema>)) expect(properties[name], `${path} ${status} ${name}`).toEqual(schema);
        expect(answered.required, `${path} ${status}`).toEqual([...(sent.required as string[]), ...serverOwned]);
        expect(answered.additionalProperties).toBe(sent.additionalProperties);
      }
    }
  });
});
