// Referential integrity between installations and customers, list filters and pagination.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCustomer, createInstallation } from './support/fixtures.js';
import { type StartedMock, startMock } from './support/start-mock.js';

let mock: StartedMock;
beforeEach(async () => {
  mock = await startMock();
});
afterEach(() => mock.close());

const post = (environment: string, path: string, body: unknown) => mock.client.request(environment, 'POST', path, { body });

describe('referential integrity', () => {
  it('rejects an installation naming an unknown customer with 422 and stores nothing', async () => {
    const response = await post('test', '/installations', createInstallation({ customerId: 'CUST-99999' }));
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'unknown-customer', detail: expect.stringContaining('CUST-99999') as string });
    expect((await mock.client.request('test', 'GET', '/installations/INST-20001')).status).toBe(404);
  });

  it('checks the customer in the same environment only', async () => {
    await post('prod', '/customers', createCustomer());
    expect((await post('test', '/installations', createInstallation())).status).toBe(422);
    expect((await post('prod', '/installations', createInstallation())).status).toBe(201);
  });

  it('refuses to delete a customer that has installations (409), and deletes it once they are gone', async () => {
    await post('test', '/customers', createCustomer());
    await post('test', '/installations', createInstallation());
    await post('test', '/installations', createInstallation({ installationId: 'INST-20002' }));
    const refused = await mock.client.request('test', 'DELETE', '/customers/CUST-10001');
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'customer-has-installations', detail: expect.stringContaining('2 installations') as string });
    expect((await mock.client.request('test', 'GET', '/customers/CUST-10001')).status).toBe(200);

    await mock.client.request('test', 'DELETE', '/installations/INST-20001');
    await mock.client.request('test', 'DELETE', '/installations/INST-20002');
    expect((await mock.client.request('test', 'DELETE', '/customers/CUST-10001')).status).toBe(204);
  });

  it('moves an installation to another existing customer, and refuses to move it to a missing one', async () => {
    await post('test', '/customers', createCustomer());
    await post('test', '/customers', createCustomer({ customerId: 'CUST-10002' }));
    await post('test', '/installations', createInstallation());
    expect((await post('test', '/installations', createInstallation({ customerId: 'CUST-10002' }))).status).toBe(200);
    expect((await post('test', '/installations', createInstallation({ customerId: 'GONE' }))).status).toBe(422);
    expect((await mock.client.request('test', 'GET', '/installations/INST-20001')).body).toMatchObject({ customerId: 'CUST-10002' });
  });
});

describe('lists', () => {
  beforeEach(async () => {
    for (const n of [5, 3, 1, 4, 2]) await post('test', '/customers', createCustomer({ customerId: `CUST-${n}` }));
    for (const n of [1, 2, 3]) await post('test', '/installations', createInstallation({ installationId: `INST-A${n}`, customerId: 'CUST-1' }));
    for (const n of [1, 2]) await post('test', '/installations', createInstallation({ installationId: `INST-B${n}`, customerId: 'CUST-2' }));
  });

  const ids = (body: unknown, field: string) => (body as { items: Record<string, string>[] }).items.map((item) => item[field]);

  it('orders customers by id, with the documented defaults', async () => {
    const response = await mock.client.request('test', 'GET', '/customers');
    expect(response.body).toMatchObject({ total: 5, limit: 50, offset: 0 });
    expect(ids(response.body, 'customerId')).toEqual(['CUST-1', 'CUST-2', 'CUST-3', 'CUST-4', 'CUST-5']);
  });

  it('pages with limit and offset, and returns an empty page past the end', async () => {
    const second = await mock.client.request('test', 'GET', '/customers?limit=2&offset=2');
    expect(second.body).toMatchObject({ total: 5, limit: 2, offset: 2 });
    expect(ids(second.body, 'customerId')).toEqual(['CUST-3', 'CUST-4']);
    const past = await mock.client.request('test', 'GET', '/customers?limit=2&offset=10');
    expect(past.body).toMatchObject({ items: [], total: 5 });
  });

  it('filters installations by customer and pages within the filter', async () => {
    const all = await mock.client.request('test', 'GET', '/installations');
    expect((all.body as { total: number }).total).toBe(5);
    const ofCust1 = await mock.client.request('test', 'GET', '/installations?customerId=CUST-1&limit=2&offset=1');
    expect(ofCust1.body).toMatchObject({ total: 3, limit: 2, offset: 1 });
    expect(ids(ofCust1.body, 'installationId')).toEqual(['INST-A2', 'INST-A3']);
    const none = await mock.client.request('test', 'GET', '/installations?customerId=CUST-5');
    expect(none.body).toMatchObject({ items: [], total: 0 });
  });

  it('keeps the environments apart', async () => {
    const prod = await mock.client.request('prod', 'GET', '/customers');
    expect(prod.body).toMatchObject({ items: [], total: 0 });
    expect((await mock.client.request('prod', 'GET', '/customers/CUST-1')).status).toBe(404);
  });
});
