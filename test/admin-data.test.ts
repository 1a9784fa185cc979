// The admin API's data operations: reset, seed, export and import, checked against the admin document, all-or-
// nothing, and durable (they survive a restart of the mock on the same data file).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { type StartedMock, startMock } from './support/start-mock.js';
import { testKeys } from './support/test-keys.js';

const defaultFixtures = JSON.parse(await readFile(new URL('../data/fixtures/default.json', import.meta.url), 'utf8')) as {
  environments: Record<string, { customers: Record<string, unknown>[]; installations: Record<string, unknown>[]; audits?: Record<string, unknown>[] }>;
};
const countsOf = (environment: string) => ({
  customers: defaultFixtures.environments[environment]?.customers.length ?? 0,
  installations: defaultFixtures.environments[environment]?.installations.length ?? 0,
  audits: defaultFixtures.environments[environment]?.audits?.length ?? 0,
});

let mock: StartedMock;
beforeEach(async () => {
  mock = await startMock();
});
afterEach(() => mock.close());

const oneCustomer = {
  format: 'cubit-core-mock/fixtures-1',
  environments: {
    test: {
      customers: [{ customerId: 'CUST-77001', name: 'Fjordkraft Eiendom AS', organizationNumber: '923456783', address: { street: 'Storgata 12', postalCode: '0155', city: 'Oslo', country: 'NO' }, status: 'active' }],
      installations: [{ installationId: 'INST-77001', customerId: 'CUST-77001', name: 'Storgata 12 solar plant', type: 'solar', status: 'planned', address: { street: 'Storgata 12', postalCode: '0155', city: 'Oslo', country: 'NO' }, capacityKw: 48.5 }],
    },
  },
};

describe('reset and seed', () => {
  it('resets to empty, seeds, and serves the seeded records, durably', async () => {
    await mock.client.request('test', 'POST', '/customers', { body: { ...oneCustomer.environments.test.customers[0], customerId: 'CUST-GONE' } });
    const reset = await mock.admin.request('POST', '/data/reset', { body: {} });
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ environments: { test: { customers: 0, installations: 0 }, prod: { customers: 0, installations: 0 } } });
    expect((await mock.client.request('test', 'GET', '/customers/CUST-GONE')).status).toBe(404);

    const seeded = await mock.admin.request('POST', '/data/seed?environment=test', { body: oneCustomer });
    expect(seeded.body).toMatchObject({ environments: { test: { customers: 1, installations: 1 } } });
    const customer = await mock.client.request('test', 'GET', '/customers/CUST-77001');
    expect(customer.status).toBe(200);
    expect(customer.body).toMatchObject({ name: 'Fjordkraft Eiendom AS', version: 1 });
    const installation = await mock.client.request('test', 'GET', '/installations/INST-77001');
    expect(installation.body).toMatchObject({ customerId: 'CUST-77001', lastAuditDate: null, version: 1 });

    await mock.restart();
    expect((await mock.client.request('test', 'GET', '/installations/INST-77001')).status).toBe(200);
  });

  it('seeds the default fixtures without a body, and they read back valid against the contract', async () => {
    const seeded = await mock.admin.request('POST', '/data/seed');
    expect(seeded.status).toBe(200);
    expect(seeded.body).toMatchObject({ environments: { test: countsOf('test'), prod: countsOf('prod') } });
    // Every record, read back through the contract's operations: the client checks each answer against the spec.
    for (const environment of ['test', 'prod']) {
      for (const customer of defaultFixtures.environments[environment]?.customers ?? []) {
        expect((await mock.client.request(environment, 'GET', `/customers/${customer.customerId as string}`)).status).toBe(200);
      }
      for (const installation of defaultFixtures.environments[environment]?.installations ?? []) {
        expect((await mock.client.request(environment, 'GET', `/installations/${installation.installationId as string}`)).status).toBe(200);
      }
      const list = await mock.client.request(environment, 'GET', '/installations?limit=100');
      expect((list.body as { total: number }).total).toBe(countsOf(environment).installations);
    }
  });

  it('resets one environment to the default fixtures and leaves the other alone', async () => {
    await mock.client.request('prod', 'POST', '/customers', { body: { ...oneCustomer.environments.test.customers[0], customerId: 'CUST-PROD-KEPT' } });
    const reset = await mock.admin.request('POST', '/data/reset', { body: { environment: 'test', to: 'default' } });
    expect(reset.body).toEqual({ environments: { test: countsOf('test') }, durationMs: expect.any(Number) as number });
    expect((await mock.client.request('prod', 'GET', '/customers/CUST-PROD-KEPT')).status).toBe(200);
  });

  it('merges over what is stored: a changed record gets a new version, an unchanged one stays, references may name stored records', async () => {
    await mock.admin.request('POST', '/data/seed', { body: oneCustomer });
    const changed = structuredClone(oneCustomer);
    (changed.environments.test.customers[0] as Record<string, unknown>).name = 'Fjordkraft Eiendom Nord AS';
    const onlyInstallation = { format: oneCustomer.format, environments: { test: { installations: [{ ...oneCustomer.environments.test.installations[0], installationId: 'INST-77002' }] } } };
    expect((await mock.admin.request('POST', '/data/seed?mode=merge', { body: onlyInstallation })).status).toBe(200);
    expect((await mock.admin.request('POST', '/data/seed?mode=merge', { body: changed })).body).toMatchObject({ environments: { test: { customers: 1, installations: 2 } } });
    expect((await mock.client.request('test', 'GET', '/customers/CUST-77001')).body).toMatchObject({ name: 'Fjordkraft Eiendom Nord AS', version: 2 });
    expect((await mock.client.request('test', 'GET', '/installations/INST-77001')).body).toMatchObject({ version: 1 });
    // Without merge, the installation alone names a customer the fixtures do not have.
    const refused = await mock.admin.request('POST', '/data/seed', { body: onlyInstallation });
    expect(refused.status).toBe(422);
  });
});

describe('invalid fixtures', () => {
  it('refuses a bad field, a dangling reference and a duplicate id, naming each, and changes nothing', async () => {
    await mock.admin.request('POST', '/data/seed', { body: oneCustomer });
    const before = (await mock.admin.request('GET', '/data/snapshot')).text;
    const bad = structuredClone(oneCustomer) as { format: string; environments: { test: { customers: Record<string, unknown>[]; installations: Record<string, unknown>[] } } };
    bad.environments.test.customers.push({ ...bad.environments.test.customers[0], customerId: 'CUST-77002', organizationNumber: '12345' });
    bad.environments.test.customers.push({ ...bad.environments.test.customers[0] });
    bad.environments.test.installations.push({ ...bad.environments.test.installations[0], installationId: 'INST-77009', customerId: 'CUST-99999' });
    const refused = await mock.admin.request('POST', '/data/seed', { body: bad });
    expect(refused.status).toBe(422);
    const problem = refused.body as { code: string; detail: string; errors: { pointer: string; message: string }[] };
    expect(problem.code).toBe('invalid-fixtures');
    expect(problem.detail).toBe('3 records are invalid; nothing was loaded.');
    // The organisation number breaks two rules (length and pattern): one error each, on the same pointer.
    expect([...new Set(problem.errors.map((e) => e.pointer))]).toEqual([
      '/environments/test/customers/1/organizationNumber',
      '/environments/test/customers/2/customerId',
      '/environments/test/installations/1/customerId',
    ]);
    expect(problem.errors[0]?.message).toMatch(/^test\/customers\[1\] \(CUST-77002\): /);
    expect(problem.errors.find((e) => e.pointer.endsWith('/2/customerId'))?.message).toContain('duplicate id');
    expect(problem.errors.find((e) => e.pointer.startsWith('/environments/test/installations'))?.message).toContain('names no record of customers in test');
    expect((await mock.admin.request('GET', '/data/snapshot')).text).toBe(before);
  });

  it('refuses an environment or collection the spec does not have', async () => {
    const refused = await mock.admin.request('POST', '/data/seed', { body: { format: oneCustomer.format, environments: { staging: { customers: [] }, test: { plants: [] } } } });
    expect(refused.status).toBe(422);
    expect((refused.body as { errors: { pointer: string }[] }).errors.map((e) => e.pointer)).toEqual(['/environments/staging', '/environments/test/plants']);
  });
});

describe('export and import', () => {
  it('export → reset → import → export gives the same bytes', async () => {
    await mock.admin.request('POST', '/data/seed');
    await mock.client.request('test', 'POST', '/customers', { body: { ...oneCustomer.environments.test.customers[0], customerId: 'CUST-ÆØÅ-1' } });
    const first = await mock.admin.request('GET', '/data/snapshot');
    expect(first.headers['content-disposition']).toBe('attachment; filename="cubit-mock-snapshot.json"');
    expect((await mock.admin.request('POST', '/data/reset', { body: {} })).status).toBe(200);
    const imported = await mock.admin.request('PUT', '/data/snapshot', { rawBody: first.text, headers: { 'content-type': 'application/json' } });
    expect(imported.status).toBe(200);
    const second = await mock.admin.request('GET', '/data/snapshot');
    expect(second.text).toBe(first.text);
    expect(second.text).not.toContain('"seq"');
    await mock.restart();
    expect((await mock.admin.request('GET', '/data/snapshot')).text).toBe(first.text);
  });

  it('exports and imports one environment', async () => {
    await mock.admin.request('POST', '/data/seed');
    const prod = await mock.admin.request('GET', '/data/snapshot?environment=prod');
    expect(Object.keys((prod.body as { environments: object }).environments)).toEqual(['prod']);
    await mock.admin.request('POST', '/data/reset', { body: {} });
    const imported = await mock.admin.request('PUT', '/data/snapshot?environment=prod', { rawBody: prod.text, headers: { 'content-type': 'application/json' } });
    expect(imported.body).toMatchObject({ environments: { prod: countsOf('prod') } });
    expect((await mock.admin.request('GET', '/data/snapshot?environment=prod')).text).toBe(prod.text);
  });

  it('refuses a record whose key is not its id, naming the key', async () => {
    const snapshot = { format: 'cubit-core-mock/1', environments: { test: { customers: { 'CUST-A': { ...oneCustomer.environments.test.customers[0], createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', version: 1 } }, installations: {} } } };
    const refused = await mock.admin.request('PUT', '/data/snapshot', { body: snapshot });
    expect(refused.status).toBe(422);
    expect((refused.body as { errors: { pointer: string; message: string }[] }).errors[0]).toMatchObject({ pointer: '/environments/test/customers/CUST-A/customerId', message: expect.stringContaining('test/customers/CUST-A') as string });
  });
});

describe('the admin key', () => {
  it('is required, and an API key never opens the admin API', async () => {
    for (const key of [null, testKeys.test, testKeys.prod, 'wrong-admin-key']) {
      const refused = await mock.admin.request('GET', '/requests', { key });
      expect(refused.status).toBe(401);
      expect(refused.headers['www-authenticate']).toBe('ApiKey header="X-Admin-Key"');
    }
    // ... and the admin key opens no environment.
    expect((await mock.client.request('test', 'GET', '/customers', { key: null, headers: { 'x-admin-key': 'admin-key-for-tests-only' } })).status).toBe(401);
    expect((await mock.admin.request('GET', '/openapi.json', { key: null })).status).toBe(200);
  });

  it('is gone with the admin API off: every path under /__admin is 404', async () => {
    const off = await startMock({ adminKey: undefined });
    try {
      for (const path of ['/__admin/openapi.json', '/__admin/requests', '/__admin/data/reset']) {
        expect((await off.app.inject({ method: 'GET', url: path, headers: { 'x-admin-key': 'admin-key-for-tests-only' } })).statusCode).toBe(404);
      }
    } finally {
      await off.close();
    }
  });
});
