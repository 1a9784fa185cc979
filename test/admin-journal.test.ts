// The request journal over HTTP: what a client sent and was answered, filtered and counted exactly (WireMock's
// verify), and no key or token in it anywhere: a sentinel key used for a whole run appears in no entry.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCustomer, createInstallation } from './support/fixtures.js';
import { type StartedMock, startMock } from './support/start-mock.js';

let mock: StartedMock;
afterEach(() => mock.close());

interface Entry {
  id: string;
  environment: string | null;
  operationId: string | null;
  method: string;
  path: string;
  status: number | null;
  requestBody: string | null;
}
const entries = async (query = '') => ((await mock.admin.request('GET', `/requests${query}`)).body as { items: Entry[]; total: number });
const count = async (query: string) => ((await mock.admin.request('GET', `/requests/count${query}`)).body as { count: number }).count;

describe('the request journal', () => {
  beforeEach(async () => {
    mock = await startMock();
  });

  it('lists requests newest first with what they asked and were answered; admin requests are not in it', async () => {
    await mock.client.request('test', 'POST', '/customers', { body: createCustomer() });
    await mock.client.request('test', 'GET', '/customers/CUST-10001?unknown=1');
    await mock.app.inject({ method: 'GET', url: '/nowhere' });
    const { items, total } = await entries();
    expect(total).toBe(3);
    expect(items.map((e) => [e.environment, e.operationId, e.method, e.path, e.status])).toEqual([
      [null, null, 'GET', '/nowhere', 404],
      ['test', 'getCustomer', 'GET', '/test/customers/CUST-10001', 400],
      ['test', 'upsertCustomer', 'POST', '/test/customers', 201],
    ]);
    expect(JSON.parse(items[2]?.requestBody ?? 'null')).toEqual(createCustomer());
  });

  it('counts exactly: one upsert of this customer, however many others', async () => {
    await mock.client.request('test', 'POST', '/customers', { body: createCustomer() });
    for (let i = 0; i < 3; i++) await mock.client.request('test', 'POST', '/customers', { body: createCustomer({ customerId: `CUST-2000${i}` }) });
    await mock.client.request('prod', 'POST', '/customers', { body: createCustomer() });
    await mock.client.request('test', 'POST', '/installations', { body: createInstallation() });
    expect(await count('?operationId=upsertCustomer&environment=test&bodyPointer=/customerId&bodyEquals=CUST-10001')).toBe(1);
    expect(await count('?operationId=upsertCustomer')).toBe(5);
    expect(await count('?environment=test&method=POST')).toBe(5);
    expect(await count('?status=201&path=/test/customers')).toBe(4);
    expect(await count(`?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toBe(0);
    const page = await entries('?operationId=upsertCustomer&limit=2&offset=1');
    expect(page).toMatchObject({ total: 5, limit: 2, offset: 1 });
    expect(page.items).toHaveLength(2);
    expect((await mock.admin.request('DELETE', '/requests')).status).toBe(204);
    expect(await count('')).toBe(0);
  });

  it('refuses bodyEquals without bodyPointer, and a pointer that is not one', async () => {
    const refused = await mock.admin.request('GET', '/requests/count?bodyEquals=x');
    expect(refused.status).toBe(400);
    expect((refused.body as { errors: { pointer: string }[] }).errors.map((e) => e.pointer)).toEqual(['/bodyEquals']);
    expect((await mock.admin.request('GET', '/requests?bodyPointer=customerId')).status).toBe(400);
  });
});

describe('redaction', () => {
  const sentinel = { test: 'SENTINEL-test-key-4f1c', prod: 'SENTINEL-prod-key-9a2e', admin: 'SENTINEL-admin-key-77b0' };

  beforeEach(async () => {
    mock = await startMock({ apiKeys: { test: sentinel.test, prod: sentinel.prod }, adminKey: sentinel.admin });
  });

  it('shows no key or token anywhere, wherever the client put it', async () => {
    const injections = [
      { url: '/test/customers', headers: { 'x-api-key': sentinel.test } },
      { url: `/test/customers?token=${sentinel.test}&q=${sentinel.prod}`, headers: { 'x-api-key': sentinel.test } },
      { url: `/test/customers/${sentinel.test}`, headers: { authorization: `Bearer ${sentinel.test}`, cookie: `session=${sentinel.admin}` } },
      { url: '/prod/customers', headers: { 'x-api-key': sentinel.prod, 'x-admin-key': sentinel.admin, 'x-note': `copy of ${sentinel.admin}` } },
    ];
    for (const injection of injections) await mock.app.inject({ method: 'GET', ...injection });
    await mock.app.inject({ method: 'POST', url: '/test/customers', headers: { 'x-api-key': sentinel.test, 'content-type': 'application/json' }, payload: JSON.stringify(createCustomer({ notes: `key ${sentinel.test}` })) });
    const listed = await mock.admin.request('GET', '/requests?limit=500', { key: sentinel.admin });
    expect((listed.body as { total: number }).total).toBe(5);
    for (const secret of Object.values(sentinel)) expect(listed.text).not.toContain(secret);
    expect(listed.text).toContain('[redacted]');
    // The rest of what was sent is still there.
    expect(listed.text).toContain('copy of [redacted]');
  });
});
