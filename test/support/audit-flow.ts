// Helpers for tests of the audit flow: a customer, installation and audit to change, the flow's records as the
// admin API lists them, webhook schema checks, and waiting for the bus to get somewhere.
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { OpenAPIV3_1 } from 'openapi-types';
import { defaultSpecFile } from '../../src/app.js';
import type { StartedMock } from './start-mock.js';
import { createCustomer, createInstallation } from './fixtures.js';
import { testToken } from './test-keys.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** Polls until `check` returns a value (not undefined), or fails after `ms` naming what it waited for. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface Page<T = Record<string, unknown>> {
  items: T[];
  total: number;
}

export async function listFlow(mock: StartedMock, path: string, query: Record<string, string> = {}): Promise<Page> {
  const search = new URLSearchParams({ environment: 'test', limit: '500', ...query }).toString();
  const response = await mock.admin.request('GET', `${path}?${search}`);
  if (response.status !== 200) throw new Error(`GET ${path} → ${response.status}: ${response.text}`);
  return response.body as Page;
}

/** Creates a customer, an installation of it and a planned audit of that; returns their ids and a token. */
export async function plannedAudit(mock: StartedMock, environment = 'test', suffix = '1') {
  const customer = createCustomer({ customerId: `CUST-A${suffix}`, contactPerson: { name: 'Ola Hansen', email: 'ola.hansen@fjordkraft-eiendom.example' } });
  const installation = createInstallation({ installationId: `INST-A${suffix}`, customerId: customer.customerId });
  await mock.client.request(environment, 'POST', '/customers', { body: customer });
  await mock.client.request(environment, 'POST', '/installations', { body: installation });
  const token = await testToken(environment, 'kari.nordmann@kontroll.example');
  const audit = { auditId: `AUD-A${suffix}`, installationId: installation.installationId, kind: 'periodic', title: 'Periodic inspection' };
  const created = await mock.client.request(environment, 'POST', '/audits', { token, body: audit });
  if (created.status !== 201) throw new Error(`upsertAudit → ${created.status}: ${created.text}`);
  return { customerId: customer.customerId as string, installationId: installation.installationId as string, auditId: audit.auditId, token };
}

/** Changes an audit's status; returns the answer. */
export const setStatus = (mock: StartedMock, token: string, auditId: string, status: string, extra: { comment?: string; headers?: Record<string, string>; environment?: string } = {}) =>
  mock.client.request(extra.environment ?? 'test', 'POST', `/audits/${auditId}/status`, { token, headers: extra.headers, body: { status, ...(extra.comment ? { comment: extra.comment } : {}) } });

let webhookSchemas: Promise<Record<string, (value: unknown) => string[]>> | undefined;

/** A validator per webhook of the spec (its request body schema), compiled on its own, apart from the mock's. */
export function webhookValidators(): Promise<Record<string, (value: unknown) => string[]>> {
  webhookSchemas ??= SwaggerParser.dereference(defaultSpecFile).then((document) => {
    const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
    const validators: Record<string, (value: unknown) => string[]> = {};
    for (const item of Object.values((document as OpenAPIV3_1.Document).webhooks ?? {})) {
      const post = (item as OpenAPIV3_1.PathItemObject).post as OpenAPIV3_1.OperationObject;
      const schema = (post.requestBody as OpenAPIV3_1.RequestBodyObject).content['application/json']?.schema as object;
      const validate = ajv.compile(schema);
      validators[post.operationId as string] = (value) => (validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
    }
    return validators;
  });
  return webhookSchemas;
}
