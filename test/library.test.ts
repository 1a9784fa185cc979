// The library API as an integrator's test suite uses it: createMockServer() starts the mock on a free port of
// 127.0.0.1 in memory; its URLs, keys and token work against it; seed, reset and stop do what they say.
import { afterEach, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer, MockServerError } from '../src/index.js';
import { createCustomer } from './support/fixtures.js';

let mock: MockServer | undefined;
afterEach(async () => {
  await mock?.stop();
  mock = undefined;
});

const fixtures = { format: 'cubit-core-mock/fixtures-1', environments: { test: { customers: [createCustomer({ customerId: 'CUST-LIB-1' })] } } };

describe('createMockServer', () => {
  it('serves the contract on a free port of 127.0.0.1, with its keys and tokens', async () => {
    mock = await createMockServer();
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(mock.baseUrl('test')).toBe(`${mock.url}/test`);
    const created = await fetch(`${mock.baseUrl('test')}/customers`, { method: 'POST', headers: { 'x-api-key': mock.keys.test, 'content-type': 'application/json' }, body: JSON.stringify(createCustomer()) });
    expect(created.status).toBe(201);
    expect((await fetch(`${mock.baseUrl('prod')}/customers`, { headers: { 'x-api-key': mock.keys.test } })).status).toBe(401);
    const audits = await fetch(`${mock.baseUrl('test')}/audits`, { headers: { authorization: `Bearer ${await mock.token('qa@example.no')}` } });
    expect(audits.status).toBe(200);
  });

  it('seeds fixtures and the default ones, resets, and refuses bad fixtures with the problem', async () => {
    mock = await createMockServer();
    const seeded = await mock.seed(fixtures);
    expect(seeded.environments.test).toMatchObject({ customers: 1 });
    const read = await fetch(`${mock.baseUrl('test')}/customers/CUST-LIB-1`, { headers: { 'x-api-key': mock.keys.test } });
    expect(read.status).toBe(200);
    expect((await mock.seed()).environments.test?.customers).toBeGreaterThan(1);
    expect((await mock.reset('test')).environments).toEqual({ test: { customers: 0, installations: 0, audits: 0 } });
    const refused = await mock.seed({ format: 'cubit-core-mock/fixtures-1', environments: { test: { customers: [{ customerId: 'X' }] } } }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(MockServerError);
    expect(refused).toMatchObject({ status: 422, problem: { code: 'invalid-fixtures' } });
  });

  it('keeps nothing once stopped (in memory), and frees its port', async () => {
    mock = await createMockServer();
    await mock.seed(fixtures);
    const { url } = mock;
    await mock.stop();
    mock = undefined;
    await expect(fetch(`${url}/test/customers`)).rejects.toThrow();
    mock = await createMockServer();
    expect((await fetch(`${mock.baseUrl('test')}/customers`, { headers: { 'x-api-key': mock.keys.test } }).then((r) => r.json())) as { total: number }).toMatchObject({ total: 0 });
  });
});
