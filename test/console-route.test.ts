// The route that serves the QA console: the page and its two assets, with a content security policy that keeps the
// page on the mock's origin; gone with the admin API (--no-admin); a clear 503 when the assets were never built.
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerConsoleRoute } from '../src/admin/console-route.js';
import { AllowedMethods } from '../src/http/method-not-allowed.js';
import { type StartedMock, startMock } from './support/start-mock.js';

let mock: StartedMock;

beforeAll(async () => {
  mock = await startMock();
});

afterAll(async () => {
  await mock.close();
});

describe('/__admin/console', () => {
  it('serves the page without a key, and only with a policy that allows nothing from another origin', async () => {
    const page = await mock.app.inject({ method: 'GET', url: '/__admin/console' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<script type="module" src="/__admin/console/console.js"></script>');
    const policy = String(page.headers['content-security-policy']);
    expect(policy).toContain("default-src 'none'");
    for (const directive of ["script-src 'self'", "connect-src 'self'", "style-src 'self'", "frame-ancestors 'none'"]) expect(policy).toContain(directive);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves the built script and styles with their types, and nothing else under its path', async () => {
    const script = await mock.app.inject({ method: 'GET', url: '/__admin/console/console.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body.length).toBeGreaterThan(10_000);
    const styles = await mock.app.inject({ method: 'GET', url: '/__admin/console/console.css' });
    expect(styles.headers['content-type']).toBe('text/css; charset=utf-8');
    const other = await mock.app.inject({ method: 'GET', url: '/__admin/console/../../package.json' });
    expect(other.statusCode).toBe(404);
    expect((await mock.app.inject({ method: 'GET', url: '/__admin/console/console.js.map' })).statusCode).toBe(404);
    const post = await mock.app.inject({ method: 'POST', url: '/__admin/console' });
    expect(post.statusCode).toBe(405);
  });

  it('is gone with the admin API', async () => {
    const withoutAdmin = await startMock({ adminKey: undefined });
    try {
      const answer = await withoutAdmin.app.inject({ method: 'GET', url: '/__admin/console' });
      expect(answer.statusCode).toBe(404);
      expect(answer.headers['content-type']).toContain('application/problem+json');
    } finally {
      await withoutAdmin.close();
    }
  });

  it('says how to build the assets when they are missing', async () => {
    const app = Fastify();
    registerConsoleRoute(app, new AllowedMethods(), '/nonexistent-console-assets');
    const answer = await app.inject({ method: 'GET', url: '/__admin/console/console.js' });
    expect(answer.statusCode).toBe(503);
    expect(answer.body).toContain('The QA console is not built (console.js is missing): run npm run build.');
    await app.close();
  });
});
