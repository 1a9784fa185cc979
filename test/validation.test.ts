// Strict request validation: every violation named, nothing coerced or stripped, stored data untouched.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataFiles } from './support/durable-state.js';
import { createCustomer, createInstallation } from './support/fixtures.js';
import { type StartedMock, startMock } from './support/start-mock.js';

let mock: StartedMock;
beforeEach(async () => {
  mock = await startMock();
  await mock.client.request('test', 'POST', '/customers', { body: createCustomer() });
});
afterEach(() => mock.close());

interface Problem {
  code: string;
  errors: { in: string; pointer: string; message: string }[];
}

async function expectRejectedUnchanged(body: unknown): Promise<Problem> {
  const before = await mock.client.request('test', 'GET', '/customers/CUST-10001');
  const filesBefore = await dataFiles(mock.dataFile);
  const response = await mock.client.request('test', 'POST', '/customers', { body });
  expect(response.status).toBe(400);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect((await mock.client.request('test', 'GET', '/customers/CUST-10001')).body).toEqual(before.body);
  expect(await dataFiles(mock.dataFile)).toEqual(filesBefore);
  return response.body as Problem;
}

describe('request bodies', () => {
  it('names an unknown property, a wrong type and a missing required field in one answer', async () => {
    const body: Record<string, unknown> = { ...createCustomer({ name: 42, nickname: 'Fjordis' }) };
    delete body.organizationNumber;
    const problem = await expectRejectedUnchanged(body);
    expect(problem.code).toBe('validation-failed');
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { in: 'body', pointer: '/organizationNumber', message: 'is required' },
        { in: 'body', pointer: '/name', message: 'must be string' },
        { in: 'body', pointer: '/nickname', message: 'is not a known property' },
      ]),
    );
    expect(problem.errors).toHaveLength(3);
  });

  it('does not coerce types: a number where a string is required is a 400, not "42"', async () => {
    const problem = await expectRejectedUnchanged(createCustomer({ organizationNumber: 923456783 }));
    expect(problem.errors).toEqual([{ in: 'body', pointer: '/organizationNumber', message: 'must be string' }]);
  });

  it('names violated bounds, patterns, enums and formats, nested ones by JSON pointer', async () => {
    const problem = await expectRejectedUnchanged(
      createCustomer({
        name: 'x'.repeat(201),
        organizationNumber: '12345',
        status: 'sleeping',
        email: 'not-an-email',
        address: { street: 'Storgata 12', postalCode: '0155', city: 'Oslo', country: 'no' },
        tags: Array.from({ length: 21 }, (_, i) => `t${i}`),
      }),
    );
    const pointers = problem.errors.map((e) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/name', '/organizationNumber', '/status', '/email', '/address/country', '/tags']));
    expect(problem.errors.find((e) => e.pointer === '/status')?.message).toBe('must be one of: active, inactive');
  });

  it('rejects server-owned fields, saying that they are read-only', async () => {
    const problem = await expectRejectedUnchanged(createCustomer({ version: 7, createdAt: '2020-01-01T00:00:00Z' }));
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { in: 'body', pointer: '/version', message: 'is read-only: it is set by the server and must not be sent' },
        { in: 'body', pointer: '/createdAt', message: 'is read-only: it is set by the server and must not be sent' },
      ]),
    );
  });

  it('rejects an installation that tries to set lastAuditDate', async () => {
    const response = await mock.client.request('test', 'POST', '/installations', { body: createInstallation({ lastAuditDate: '2026-01-01' }) });
    expect(response.status).toBe(400);
    expect((response.body as Problem).errors).toEqual([{ in: 'body', pointer: '/lastAuditDate', message: expect.stringContaining('read-only') as string }]);
  });

  it('rejects a body that is not an object, and a missing body', async () => {
    expect((await expectRejectedUnchanged([createCustomer()])).errors).toEqual([{ in: 'body', pointer: '', message: 'must be object' }]);
    const missing = await mock.client.request('test', 'POST', '/customers');
    expect(missing.status).toBe(400);
    expect((missing.body as Problem).errors[0]).toMatchObject({ in: 'body', pointer: '' });
  });

  it('answers malformed JSON with 400 malformed-json, saying where it breaks and echoing nothing', async () => {
    const json = { 'content-type': 'application/json' };
    const cut = await mock.client.request('test', 'POST', '/customers', { rawBody: '{"customerId": ', headers: json });
    expect(cut.status).toBe(400);
    expect(cut.body).toMatchObject({ code: 'malformed-json', detail: 'The request body is not valid JSON: a value was expected at line 1, column 16.' });
    const word = await mock.client.request('test', 'POST', '/customers', { rawBody: '{\n  "customerId": "C-1",\n  "name": secret-word\n}', headers: json });
    expect(word.body).toMatchObject({ code: 'malformed-json', detail: 'The request body is not valid JSON: a character that cannot start a JSON value at line 3, column 11.' });
    expect(word.text).not.toContain('secret-word');
    const empty = await mock.client.request('test', 'POST', '/customers', { rawBody: '', headers: json });
    expect(empty.body).toMatchObject({ code: 'malformed-json', detail: expect.stringContaining('empty') as string });
  });

  it('reads __proto__, constructor and prototype keys as data: unknown properties, named, and no prototype touched', async () => {
    const body = '{"__proto__":{"admin":true},"customerId":"X","address":{"constructor":{"prototype":{"admin":true}}}}';
    const response = await mock.client.request('test', 'POST', '/customers', { rawBody: body, headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'validation-failed' });
    expect((response.body as Problem).errors).toEqual(
      expect.arrayContaining([
        { in: 'body', pointer: '/__proto__', message: 'is not a known property' },
        { in: 'body', pointer: '/address/constructor', message: 'is not a known property' },
      ]),
    );
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('admin');
  });
});

describe('path and query parameters', () => {
  it('rejects an id that breaks the pattern or is too long', async () => {
    const bad = await mock.client.request('test', 'GET', '/customers/-leading-dash');
    expect(bad.status).toBe(400);
    expect((bad.body as Problem).errors).toEqual([{ in: 'path', pointer: '/customerId', message: expect.stringContaining('pattern') as string }]);
    const long = await mock.client.request('test', 'GET', `/customers/${'a'.repeat(65)}`);
    expect(long.status).toBe(400);
    expect((long.body as Problem).errors[0]).toMatchObject({ in: 'path', pointer: '/customerId' });
  });

  it('rejects unknown query parameters, wrong types and out-of-range values, naming each', async () => {
    const response = await mock.client.request('test', 'GET', '/customers?limit=0&offset=x&customerID=CUST-10001');
    expect(response.status).toBe(400);
    expect((response.body as Problem).errors).toEqual(
      expect.arrayContaining([
        { in: 'query', pointer: '/customerID', message: 'is not a known query parameter' },
        { in: 'query', pointer: '/limit', message: 'must be >= 1' },
        { in: 'query', pointer: '/offset', message: expect.stringMatching(/^must be an integer in plain decimal digits/) as string },
      ]),
    );
  });

  it('reads integers in plain decimal digits only: every other spelling is a 400 naming the parameter', async () => {
    for (const spelling of ['1e400', '01', '1e2', '1.0', '+1', '-0', '0x10', ' 5', '']) {
      const response = await mock.client.request('test', 'GET', `/customers?limit=${encodeURIComponent(spelling)}`);
      expect(response.status, spelling).toBe(400);
      expect((response.body as Problem).errors, spelling).toEqual([{ in: 'query', pointer: '/limit', message: expect.stringMatching(/^must be an integer in plain decimal digits/) as string }]);
    }
    const twice = await mock.client.request('test', 'GET', '/customers?limit=5&limit=6');
    expect((twice.body as Problem).errors).toEqual([{ in: 'query', pointer: '/limit', message: 'is given more than once; give it once' }]);
    const huge = await mock.client.request('test', 'GET', '/customers?offset=99999999999999999999');
    expect((huge.body as Problem).errors).toEqual([{ in: 'query', pointer: '/offset', message: 'is too large to be an exact integer' }]);
    const page = await mock.client.request('test', 'GET', '/customers?limit=200&offset=0');
    expect(page.body).toMatchObject({ limit: 200, offset: 0 });
  });
});
