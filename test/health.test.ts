// GET /__health (src/http/health-route.ts): 200 {"status":"ok"} without a key, for a container's HEALTHCHECK; in
// neither OpenAPI document, never journaled, there with --no-admin too.
import { afterEach, describe, expect, it } from 'vitest';
import { type StartedMock, startMock } from './support/start-mock.js';

let mock: StartedMock | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

describe('GET /__health', () => {
  it('answers 200 {"status":"ok"} without a key, not cached, and is not journaled', async () => {
    mock = await startMock();
    const answer = await mock.app.inject({ method: 'GET', url: '/__health' });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({ status: 'ok' });
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.headers['x-request-id']).toBeTruthy();
    expect((await mock.app.inject({ method: 'GET', url: '/__health?probe=1' })).statusCode).toBe(200);
    expect((await mock.app.inject({ method: 'HEAD', url: '/__health' })).statusCode).toBe(200);
    const post = await mock.app.inject({ method: 'POST', url: '/__health' });
    expect(post.statusCode).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    // A probe every few seconds would crowd the journal out: only the request to the API is in it.
    await mock.app.inject({ method: 'GET', url: '/test/customers' });
    const journal = await mock.admin.request('GET', '/requests');
    expect((journal.body as { items: { path: string }[] }).items.map((entry) => entry.path)).toEqual(['/test/customers']);
  });

  it('answers with --no-admin too', async () => {
    mock = await startMock({ adminKey: undefined });
    expect((await mock.app.inject({ method: 'GET', url: '/__health' })).json()).toEqual({ status: 'ok' });
  });

  it('is in neither OpenAPI document', async () => {
    mock = await startMock();
    for (const url of ['/openapi.json', '/__admin/openapi.json']) {
      const document = (await mock.app.inject({ method: 'GET', url, headers: { 'x-admin-key': 'admin-key-for-tests-only' } })).json<{ paths: Record<string, unknown> }>();
      expect(Object.keys(document.paths).length).toBeGreaterThan(0);
      expect(Object.keys(document.paths).filter((path) => path.includes('health'))).toEqual([]);
    }
  });
});
