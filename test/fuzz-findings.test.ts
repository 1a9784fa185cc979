// Requests the fuzz suite (test/fuzz.test.ts) found the mock getting wrong, kept as they were found.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCustomer } from './support/fixtures.js';
import { type StartedMock, startMock } from './support/start-mock.js';

let mock: StartedMock;
beforeEach(async () => {
  mock = await startMock();
  await mock.client.request('test', 'POST', '/customers', { body: createCustomer() });
});
afterEach(() => mock.close());

const snapshot = async () => (await mock.admin.request('GET', '/data/snapshot')).text;

describe('a query parameter named __proto__', () => {
  it('is an unknown parameter of the main API (400), not a valid request: nothing is stored', async () => {
    const before = await snapshot();
    const upsert = await mock.client.request('test', 'POST', '/customers?__proto__=', { body: createCustomer({ name: 'Changed AS' }) });
    expect(upsert.status).toBe(400);
    expect(upsert.body).toMatchObject({ code: 'validation-failed', errors: [{ in: 'query', pointer: '/__proto__', message: 'is not a known query parameter' }] });
    expect((await mock.client.request('test', 'GET', '/customers?__proto__=x&constructor=1')).status).toBe(400);
    expect(await snapshot()).toBe(before);
  });

  it('is an unknown parameter of the admin API (400): the data is not reset', async () => {
    const before = await snapshot();
    const reset = await mock.admin.request('POST', '/data/reset?__proto__=');
    expect(reset.status).toBe(400);
    expect(reset.body).toMatchObject({ code: 'validation-failed', errors: [{ in: 'query', pointer: '/__proto__' }] });
    expect(await snapshot()).toBe(before);
  });
});

describe('createFaultRule with a fault that is not an object', () => {
  it.each([[0], [null], ['x'], [[]], [true]])('refuses fault %j with 400 naming /fault, creates no rule, and the rules still list', async (fault) => {
    const created = await mock.admin.request('POST', '/fault-rules', { body: { environment: 'test', operationId: 'archiveSaveCase', fault, times: 3 } });
    expect(created.status).toBe(400);
    expect(created.body).toMatchObject({ code: 'validation-failed', errors: [{ in: 'body', pointer: '/fault', message: 'must be object' }] });
    const listed = await mock.admin.request('GET', '/fault-rules');
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({ items: [], total: 0 });
  });
});
