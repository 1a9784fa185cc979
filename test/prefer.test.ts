// `Prefer: code=…` and `Prefer: example=…`: any documented answer of any operation, on request, exactly as the
// spec's example shows it and valid against the spec; nothing stored changes; the key is still required; an
// undocumented code or an unknown example is a 400 that names what the operation has.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSpec } from '../src/spec/load-spec.js';
import { defaultSpecFile } from '../src/app.js';
import { createCustomer } from './support/fixtures.js';
import { type StartedMock, startMock } from './support/start-mock.js';
import { testToken } from './support/test-keys.js';

const spec = await loadSpec(defaultSpecFile);
let mock: StartedMock;
beforeEach(async () => {
  mock = await startMock();
});
afterEach(() => mock.close());

const concrete = (path: string) => path.replace(/\{[^}]+\}/g, 'PREFER-1');

describe('Prefer', () => {
  it('answers every documented status of every operation as its first example, valid against the spec', async () => {
    let answered = 0;
    const token = await testToken('test');
    for (const operation of spec.operations) {
      for (const answer of operation.answers) {
        const credentials = operation.bearer ? { token } : {};
        const response = await mock.client.request('test', operation.method, concrete(operation.path), { ...credentials, headers: { prefer: `code=${answer.status}` } });
        expect(response.status, `${operation.operationId} ${answer.status}`).toBe(answer.status);
        expect(response.body, `${operation.operationId} ${answer.status}`).toEqual(answer.examples[0]?.[1]);
        expect(response.headers['preference-applied']).toBe(`code=${answer.status}${answer.examples[0] ? `, example=${answer.examples[0][0]}` : ''}`);
        answered++;
      }
    }
    expect(answered).toBeGreaterThanOrEqual(70);
  });

  it('answers a named example, with the Location under the request’s own base', async () => {
    const response = await mock.client.request('test', 'POST', '/customers', { headers: { prefer: 'example=createCustomer', host: 'localhost:4999' } });
    expect(response.status).toBe(201);
    expect(response.headers.location).toBe('http://localhost:4999/test/customers/CUST-10001');
    const problem = await mock.client.request('test', 'POST', '/customers', { headers: { prefer: 'code=400, example=malformedJson' } });
    expect(problem.body).toMatchObject({ code: 'malformed-json' });
  });

  it('changes nothing: a preferred 201 stores nothing, a preferred 204 deletes nothing', async () => {
    await mock.client.request('test', 'POST', '/customers', { body: createCustomer({ customerId: 'KEEP-1' }) });
    await mock.client.request('test', 'POST', '/customers', { body: createCustomer({ customerId: 'NEW-1' }), headers: { prefer: 'code=201' } });
    await mock.client.request('test', 'DELETE', '/customers/KEEP-1', { headers: { prefer: 'code=204' } });
    expect((await mock.client.request('test', 'GET', '/customers/NEW-1')).status).toBe(404);
    expect((await mock.client.request('test', 'GET', '/customers/KEEP-1')).status).toBe(200);
  });

  it('still requires the key, and ignores preferences it does not know', async () => {
    expect((await mock.client.request('test', 'GET', '/customers', { key: null, headers: { prefer: 'code=200' } })).status).toBe(401);
    const plain = await mock.client.request('test', 'GET', '/customers', { headers: { prefer: 'return=minimal, respond-async' } });
    expect(plain.body).toEqual({ items: [], total: 0, limit: 50, offset: 0 });
  });

  it('refuses an undocumented code or an unknown example with a 400 that names what there is', async () => {
    const code = await mock.client.request('test', 'GET', '/customers/C-1', { headers: { prefer: 'code=418' } });
    expect(code.status).toBe(400);
    expect(code.body).toMatchObject({ errors: [{ in: 'header', pointer: '/Prefer', message: 'code=418 is not documented for getCustomer; it documents 200, 400, 401, 404, 408, 414, 429, 431, 500, 503' }] });
    const example = await mock.client.request('test', 'GET', '/customers/C-1', { headers: { prefer: 'code=404, example=nope' } });
    expect(example.body).toMatchObject({ errors: [{ in: 'header', pointer: '/Prefer', message: 'getCustomer 404 has no example of that name; it has customerNotFound (404)' }] });
  });
});
