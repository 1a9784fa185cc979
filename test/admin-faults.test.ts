// Fault rules over HTTP: fail twice then succeed, exactly; a delay of at least the configured time; a connection
// closed without an answer (the client sees a socket error); an expired rule no longer applies; every forced
// answer is valid against the contract, and the journal says which rule shaped it.
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCustomer } from './support/fixtures.js';
import { MockClient } from './support/mock-client.js';
import { type StartedMock, startMock } from './support/start-mock.js';
import { testKeys } from './support/test-keys.js';

let mock: StartedMock;
beforeEach(async () => {
  mock = await startMock();
});
afterEach(() => mock.close());

const rule = (body: Record<string, unknown>) => mock.admin.request('POST', '/fault-rules', { body: { environment: 'test', ...body } });

describe('fault rules', () => {
  it('fails twice, then succeeds', async () => {
    const created = await rule({ operationId: 'upsertCustomer', fault: { type: 'status', status: 503 }, times: 2 });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    expect(created.headers.location).toMatch(new RegExp(`/__admin/fault-rules/${id}$`));
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await mock.client.request('test', 'POST', '/customers', { body: createCustomer() })).status);
    expect(statuses).toEqual([503, 503, 201, 200]);
    const listed = await mock.admin.request('GET', '/fault-rules');
    expect(listed.body).toMatchObject({ total: 1, items: [{ id, matched: 2, remaining: 0, expired: true }] });
    const journal = await mock.admin.request('GET', '/requests?operationId=upsertCustomer');
    expect((journal.body as { items: { status: number; faultRuleId: string | null }[] }).items.map((e) => [e.status, e.faultRuleId])).toEqual([
      [200, null],
      [201, null],
      [503, id],
      [503, id],
    ]);
  });

  it('forces a documented problem whose detail names the rule; nothing is stored', async () => {
    await rule({ operationId: 'getCustomer', pathParameters: { customerId: 'CUST-FAULTY' }, fault: { type: 'status', status: 500 } });
    const forced = await mock.client.request('test', 'GET', '/customers/CUST-FAULTY');
    expect(forced.status).toBe(500);
    expect(forced.body).toMatchObject({ code: 'internal-error', detail: expect.stringContaining('Fault rule fault-1') as string });
    // Another customer id, or the other environment, is not narrowed into the rule.
    expect((await mock.client.request('test', 'GET', '/customers/CUST-OTHER')).status).toBe(404);
    expect((await mock.client.request('prod', 'GET', '/customers/CUST-FAULTY')).status).toBe(404);
  });

  it('applies only after authentication: a request without the key is a 401 and does not use the rule up', async () => {
    await rule({ operationId: 'listCustomers', fault: { type: 'status', status: 503 }, times: 1 });
    expect((await mock.client.request('test', 'GET', '/customers', { key: null })).status).toBe(401);
    expect((await mock.client.request('test', 'GET', '/customers')).status).toBe(503);
    expect((await mock.client.request('test', 'GET', '/customers')).status).toBe(200);
  });

  it('delays by at least the configured time, then serves as usual', async () => {
    await rule({ operationId: 'listCustomers', fault: { type: 'latency', delayMs: 300 }, times: 1 });
    const started = performance.now();
    expect((await mock.client.request('test', 'GET', '/customers')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(295);
  });

  it('closes the connection without an answer, and the client sees a socket error', async () => {
    await mock.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = mock.app.server.address() as AddressInfo;
    await rule({ operationId: 'upsertCustomer', fault: { type: 'close' }, times: 1 });
    const body = JSON.stringify(createCustomer());
    const outcome = await new Promise<string>((resolve) => {
      const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/test/customers', headers: { 'x-api-key': testKeys.test, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => resolve(`answered ${res.statusCode}`));
      req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      req.end(body);
    });
    expect(outcome).toBe('ECONNRESET');
    // The rule has expired: the next request is served, over real HTTP too.
    const client = await MockClient.http(`http://127.0.0.1:${port}`);
    expect((await client.request('test', 'POST', '/customers', { body: createCustomer() })).status).toBe(201);
    const journal = await mock.admin.request('GET', '/requests?operationId=upsertCustomer');
    expect((journal.body as { items: { outcome: string; status: number | null }[] }).items.map((e) => [e.outcome, e.status])).toEqual([
      ['answered', 201],
      ['connection-closed', null],
    ]);
  });

  it('lets the oldest matching rule apply, and the next once it expires; delete and reset remove rules', async () => {
    await rule({ operationId: 'listCustomers', fault: { type: 'status', status: 500 }, times: 1 });
    const second = await rule({ operationId: 'listCustomers', fault: { type: 'status', status: 503 } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await mock.client.request('test', 'GET', '/customers')).status);
    expect(statuses).toEqual([500, 503, 503]);
    expect((await mock.admin.request('DELETE', `/fault-rules/${(second.body as { id: string }).id}`)).status).toBe(204);
    expect((await mock.client.request('test', 'GET', '/customers')).status).toBe(200);
    expect((await mock.admin.request('DELETE', '/fault-rules/fault-99')).status).toBe(404);
    await rule({ operationId: 'listCustomers', fault: { type: 'close' } });
    expect((await mock.admin.request('DELETE', '/fault-rules')).status).toBe(204);
    expect((await mock.admin.request('GET', '/fault-rules')).body).toEqual({ items: [], total: 0 });
    expect((await mock.client.request('test', 'GET', '/customers')).status).toBe(200);
  });

  it('refuses an undocumented status, naming the documented ones, and an unknown operation or path parameter', async () => {
    const undocumented = await rule({ operationId: 'getCustomer', fault: { type: 'status', status: 409 } });
    expect(undocumented.status).toBe(422);
    expect(undocumented.body).toMatchObject({ code: 'undocumented-status', detail: expect.stringMatching(/^getCustomer documents 400, 401, 404.*; 409 is not one of them\.$/) as string });
    const unknown = await rule({ operationId: 'getPlant', pathParameters: {}, fault: { type: 'close' } });
    expect(unknown.status).toBe(400);
    expect((unknown.body as { errors: { pointer: string }[] }).errors.map((e) => e.pointer)).toEqual(['/operationId']);
    const badParameter = await rule({ operationId: 'getCustomer', pathParameters: { installationId: 'INST-1' }, fault: { type: 'latency', minDelayMs: 500, maxDelayMs: 100 } });
    expect((badParameter.body as { errors: { pointer: string }[] }).errors.map((e) => e.pointer)).toEqual(['/pathParameters/installationId', '/fault/maxDelayMs']);
    // The schema is judged first: a delay out of bounds is named by its pointer.
    const tooSlow = await rule({ operationId: 'getCustomer', fault: { type: 'latency', delayMs: 70000 } });
    expect((tooSlow.body as { errors: { pointer: string; message: string }[] }).errors).toContainEqual({ in: 'body', pointer: '/fault/delayMs', message: 'must be <= 60000' });
  });
});
