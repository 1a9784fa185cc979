// The upsert lifecycle of both resources: create → update → get → delete → get 404 → delete 404.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCustomer, createInstallation, updateCustomer, updateInstallation } from './support/fixtures.js';
import { type StartedMock, startMock } from './support/start-mock.js';

let mock: StartedMock;
let clock: Date;
beforeEach(async () => {
  clock = new Date('2026-01-15T09:30:00.000Z');
  mock = await startMock({ now: () => clock });
});
afterEach(() => mock.close());

describe('customers', () => {
  it('creates with 201 and Location, updates with 200, and deletes', async () => {
    const created = await mock.client.request('test', 'POST', '/customers', { body: createCustomer() });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe('http://localhost:80/test/customers/CUST-10001');
    expect(created.body).toMatchObject({ ...createCustomer(), version: 1, createdAt: clock.toISOString(), updatedAt: clock.toISOString() });

    clock = new Date('2026-03-02T13:05:12.000Z');
    const updated = await mock.client.request('test', 'POST', '/customers', { body: updateCustomer() });
    expect(updated.status).toBe(200);
    expect(updated.headers.location).toBeUndefined();
    expect(updated.body).toEqual({
      ...updateCustomer(),
      version: 2,
      createdAt: '2026-01-15T09:30:00.000Z',
      updatedAt: '2026-03-02T13:05:12.000Z',
    });

    const fetched = await mock.client.request('test', 'GET', '/customers/CUST-10001');
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(updated.body);

    expect((await mock.client.request('test', 'DELETE', '/customers/CUST-10001')).status).toBe(204);
    const gone = await mock.client.request('test', 'GET', '/customers/CUST-10001');
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ code: 'customer-not-found' });
    expect((await mock.client.request('test', 'DELETE', '/customers/CUST-10001')).status).toBe(404);
  });

  it('replaces the whole resource: optional fields left out are removed', async () => {
    await mock.client.request('test', 'POST', '/customers', { body: updateCustomer() });
    const replaced = await mock.client.request('test', 'POST', '/customers', { body: createCustomer() });
    expect(replaced.status).toBe(200);
    expect(replaced.body).not.toHaveProperty('contactPerson');
    expect(replaced.body).not.toHaveProperty('invoiceEmail');
  });

  it('leaves version and updatedAt alone when the body equals what is stored', async () => {
    await mock.client.request('test', 'POST', '/customers', { body: createCustomer() });
    clock = new Date('2026-02-01T00:00:00.000Z');
    const again = await mock.client.request('test', 'POST', '/customers', { body: createCustomer() });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ version: 1, updatedAt: '2026-01-15T09:30:00.000Z' });
  });
});

describe('installations', () => {
  beforeEach(async () => {
    await mock.client.request('test', 'POST', '/customers', { body: createCustomer() });
  });

  it('creates with 201 and Location, updates with 200, and deletes', async () => {
    const created = await mock.client.request('test', 'POST', '/installations', { body: createInstallation() });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe('http://localhost:80/test/installations/INST-20001');
    expect(created.body).toMatchObject({ ...createInstallation(), version: 1, lastAuditDate: null });

    clock = new Date('2026-04-01T10:15:00.000Z');
    const updated = await mock.client.request('test', 'POST', '/installations', { body: updateInstallation() });
    expect(updated.status).toBe(200);
    expect(updated.body).toEqual({
      ...updateInstallation(),
      lastAuditDate: null,
      version: 2,
      createdAt: '2026-01-15T09:30:00.000Z',
      updatedAt: '2026-04-01T10:15:00.000Z',
    });

    const fetched = await mock.client.request('test', 'GET', '/installations/INST-20001');
    expect(fetched.body).toEqual(updated.body);

    expect((await mock.client.request('test', 'DELETE', '/installations/INST-20001')).status).toBe(204);
    const gone = await mock.client.request('test', 'GET', '/installations/INST-20001');
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ code: 'installation-not-found' });
    expect((await mock.client.request('test', 'DELETE', '/installations/INST-20001')).status).toBe(404);
  });

  it('encodes the id in Location and serves the resource there', async () => {
    const created = await mock.client.request('test', 'POST', '/installations', { body: createInstallation({ installationId: 'plant_7-b' }) });
    expect(created.headers.location).toBe('http://localhost:80/test/installations/plant_7-b');
    const fetched = await mock.client.request('test', 'GET', '/installations/plant_7-b');
    expect(fetched.status).toBe(200);
  });
});
