import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { OpenAPIV3_1 } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import { customerBody, customerId, seedSnapshot, seedTimestamp, storedCustomer } from './seed.js';
import { specFile } from './servers.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

async function customerValidator() {
  const document = (await SwaggerParser.dereference(specFile)) as OpenAPIV3_1.Document;
  const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
  return ajv.compile(document.components?.schemas?.Customer as object);
}

describe('seed data', () => {
  it('stores customers that are valid per the spec, with their server-owned fields', async () => {
    const valid = await customerValidator();
    for (const index of [0, 1, 7, 999, 99_999, 1_234_567]) {
      const record = storedCustomer(index);
      expect(valid(record), JSON.stringify(valid.errors)).toBe(true);
      expect(record).toMatchObject({ customerId: customerId(index), createdAt: seedTimestamp, updatedAt: seedTimestamp, version: 1 });
    }
  });

  it('builds upsert bodies without readOnly fields', () => {
    const body = customerBody(42);
    for (const field of ['createdAt', 'updatedAt', 'version']) expect(body).not.toHaveProperty(field);
  });

  it('writes data files in the mock format, ids in sorted order', () => {
    const snapshot = seedSnapshot(3) as { format: string; environments: { test: { customers: Record<string, unknown> }; prod: unknown } };
    expect(snapshot.format).toBe('cubit-core-mock/1');
    expect(Object.keys(snapshot.environments.test.customers)).toEqual(['CUST-0000000', 'CUST-0000001', 'CUST-0000002']);
    expect(snapshot.environments.prod).toEqual({ customers: {}, installations: {} });
    expect([customerId(9), customerId(10), customerId(100)].sort()).toEqual([customerId(9), customerId(10), customerId(100)]);
  });
});
