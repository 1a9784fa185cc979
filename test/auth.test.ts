// Every route of every environment requires that environment's key; all failures look the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from './support/fixtures.js';
import { sharedValidator } from './support/mock-client.js';
import { type StartedMock, startMock } from './support/start-mock.js';
import { testKeys } from './support/test-keys.js';

let mock: StartedMock;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());

const concretePath = (template: string) => template.replace(/\{[^}]+\}/g, 'CUST-10001');

describe('API key', () => {
  it('answers 401 with the same body for no key, a wrong key and the other environment’s key', async () => {
    const bodies = [];
    for (const key of [null, 'not-the-key', testKeys.test]) {
      const response = await mock.client.request('prod', 'GET', '/customers', { key });
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.headers['www-authenticate']).toBe('ApiKey header="X-API-Key"');
      bodies.push(response.text);
    }
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0] as string)).toMatchObject({ status: 401, code: 'unauthorized', type: 'urn:cubit:problem:unauthorized' });
  });

  it('guards every operation in both environments, and HEAD too', async () => {
    const { operations } = await sharedValidator();
    expect(operations.length).toBeGreaterThanOrEqual(8);
    for (const environment of ['test', 'prod']) {
      for (const operation of operations) {
        const method = operation.method.toUpperCase();
        const path = concretePath(operation.path);
        const body = method === 'POST' ? createCustomer() : undefined;
        const wrong = environment === 'test' ? testKeys.prod : testKeys.test;
        expect((await mock.client.request(environment, method, path, { key: null, body })).status, `${method} ${path}`).toBe(401);
        expect((await mock.client.request(environment, method, path, { key: wrong, body })).status, `${method} ${path}`).toBe(401);
        if (method === 'GET') expect((await mock.client.request(environment, 'HEAD', path, { key: null })).status).toBe(401);
      }
    }
  });

  it('checks the key before the body: a bad body without a key is 401, not 400', async () => {
    const response = await mock.client.request('test', 'POST', '/customers', { key: null, body: { nonsense: true } });
    expect(response.status).toBe(401);
  });

  it('lets the right key through on HEAD', async () => {
    expect((await mock.client.request('test', 'HEAD', '/customers')).status).toBe(200);
  });

  it('serves the spec and the docs without a key', async () => {
    for (const url of ['/openapi.json', '/openapi.yaml', '/docs']) {
      const response = await mock.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
    }
    const json = await mock.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(json.json()).toMatchObject({ openapi: '3.1.0', info: { title: 'Cubit Core API' } });
    // Swagger UI's "Try it out" goes to this mock on whatever port and under whatever prefix it runs: its first
    // server is relative to the document's URL, /docs/json.
    const docsJson = await mock.app.inject({ method: 'GET', url: '/docs/json' });
    expect(docsJson.json<{ servers: { url: string }[] }>().servers[0]?.url).toBe('../{environment}');
  });
});
