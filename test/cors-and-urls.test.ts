// What a browser and a proxy see: CORS preflights answered from the spec's methods and headers, Location exposed,
// origins configurable; and every URL the mock hands out (Location, the served spec's servers) built from the
// request, with proxy headers only when they are trusted.
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSpecFile } from '../src/app.js';
import { createCustomer } from './support/fixtures.js';
import { type StartedMock, startMock } from './support/start-mock.js';
import { testKeys } from './support/test-keys.js';

let mock: StartedMock | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

const preflight = { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-api-key,content-type' };

describe('CORS', () => {
  it('answers a browser preflight for the documented methods and headers, and the real request carries the CORS headers', async () => {
    mock = await startMock();
    const answer = await mock.app.inject({ method: 'OPTIONS', url: '/test/customers', headers: preflight });
    expect(answer.statusCode).toBe(204);
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    expect(String(answer.headers['access-control-allow-methods']).split(', ')).toEqual(expect.arrayContaining(['GET', 'POST', 'DELETE', 'HEAD']));
    expect(String(answer.headers['access-control-allow-headers']).toLowerCase().split(', ')).toEqual(expect.arrayContaining(['x-api-key', 'content-type', 'authorization', 'if-match']));
    const created = await mock.app.inject({ method: 'POST', url: '/test/customers', headers: { origin: preflight.origin, 'x-api-key': testKeys.test, 'content-type': 'application/json' }, payload: createCustomer() });
    expect(created.statusCode).toBe(201);
    expect(created.headers['access-control-allow-origin']).toBe('*');
    expect(String(created.headers['access-control-expose-headers'])).toMatch(/\bLocation\b/);
    // Errors too, so that the browser application can read them.
    const refused = await mock.app.inject({ method: 'GET', url: '/test/customers', headers: { origin: preflight.origin } });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['access-control-allow-origin']).toBe('*');
  });

  it('allows only the listed origins when given a list, and none when off', async () => {
    mock = await startMock({ corsOrigins: ['https://app.example'] });
    const allowed = await mock.app.inject({ method: 'OPTIONS', url: '/test/customers', headers: { ...preflight, origin: 'https://app.example' } });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example');
    expect(String(allowed.headers.vary)).toMatch(/Origin/i);
    const other = await mock.app.inject({ method: 'OPTIONS', url: '/test/customers', headers: preflight });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    await mock.close();
    mock = await startMock({ corsOrigins: 'off' });
    const off = await mock.app.inject({ method: 'GET', url: '/test/customers', headers: { origin: preflight.origin, 'x-api-key': testKeys.test } });
    expect(off.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers an OPTIONS that is not a preflight with 204 and Allow, or 404 off the API', async () => {
    mock = await startMock();
    const options = await mock.app.inject({ method: 'OPTIONS', url: '/test/customers/C-1' });
    expect(options.statusCode).toBe(204);
    expect(options.headers.allow).toBe('DELETE, GET, HEAD, OPTIONS');
    const unknown = await mock.app.inject({ method: 'OPTIONS', url: '/nowhere' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('URLs built from the request', () => {
  const proxied = { host: 'mock:4010', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'api.example', 'x-forwarded-prefix': '/cubit' };

  it('gives Location as the absolute URL the client reached, behind a trusted proxy the proxy’s', async () => {
    mock = await startMock();
    const direct = await mock.client.request('test', 'POST', '/customers', { body: createCustomer(), headers: { host: 'localhost:4999' } });
    expect(direct.headers.location).toBe('http://localhost:4999/test/customers/CUST-10001');
    const untrusted = await mock.client.request('test', 'POST', '/customers', { body: createCustomer({ customerId: 'C-2' }), headers: proxied });
    expect(untrusted.headers.location).toBe('http://mock:4010/test/customers/C-2');
    await mock.close();
    mock = await startMock({ trustProxy: true });
    const behind = await mock.client.request('test', 'POST', '/customers', { body: createCustomer({ customerId: 'C 3'.replace(' ', '_') }), headers: proxied });
    expect(behind.headers.location).toBe('https://api.example/cubit/test/customers/C_3');
  });

  it('serves the spec with its first server built from the request, the YAML otherwise as written', async () => {
    mock = await startMock({ trustProxy: true });
    const json = (await mock.app.inject({ url: '/openapi.json', headers: proxied })).json<{ servers: { url: string }[] }>();
    expect(json.servers[0]?.url).toBe('https://api.example/cubit/{environment}');
    const yaml = (await mock.app.inject({ url: '/openapi.yaml', headers: { host: 'localhost:5000' } })).body;
    const written = await readFile(defaultSpecFile, 'utf8');
    expect(yaml).toContain('url: "http://localhost:5000/{environment}"');
    expect(yaml.replace('"http://localhost:5000/{environment}"', 'http://127.0.0.1:4010/{environment}')).toBe(written);
  });
});
