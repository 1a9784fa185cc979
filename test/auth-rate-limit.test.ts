// The limit on failed authentications per client address: after the configured number of refused credentials
// (API key, bearer token, admin key, on one count) an address gets 429 with Retry-After for every request that
// needs credentials, correct ones included, until the window ends. Correct credentials never count; other
// addresses are untouched; `--auth-failure-limit 0` turns it off. Every answer is checked against its document.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createResponseValidator } from '../src/contract/response-validator.js';
import type { AppOptions } from '../src/app.js';
import { type Config, readConfig } from '../src/config.js';
import { catalogue } from '../src/errors/catalogue.js';
import { defaultAdminSpecFile } from '../src/project-files.js';
import { testAdminKey } from './support/admin-client.js';
import { sharedValidator } from './support/mock-client.js';
import { type StartedMock, startMock } from './support/start-mock.js';
import { testKeys, testToken } from './support/test-keys.js';

const adminValidator = createResponseValidator(defaultAdminSpecFile);
const started: StartedMock[] = [];

async function mockWith(authFailureLimit: AppOptions['authFailureLimit']): Promise<StartedMock> {
  const mock = await startMock({ authFailureLimit });
  started.push(mock);
  return mock;
}

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(started.splice(0).map((mock) => mock.close()));
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** Fails the test when the answer breaks the document of its URL: the contract under /test and /prod, the admin document under /__admin. */
async function checked(method: string, url: string, answer: Answer): Promise<Answer> {
  if (!/^\/(test|prod|__admin)\//.test(url)) return answer;
  const admin = url.startsWith('/__admin');
  const validator = admin ? await adminValidator : await sharedValidator();
  const path = admin ? url.slice('/__admin'.length) : url.replace(/^\/(test|prod)/, '');
  const violations = validator.validate({ request: { method, path, underServer: true }, response: answer });
  if (violations.length > 0) throw new Error(`${method} ${url} → ${answer.status} breaks its document:\n${violations.map((v) => `  - ${v.message}`).join('\n')}`);
  return answer;
}

/** A GET through inject, from the given client address. */
async function get(app: FastifyInstance, from: string, url: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await app.inject({ method: 'GET', url, headers, remoteAddress: from });
  const body: unknown = response.body && String(response.headers['content-type']).includes('json') ? response.json() : undefined;
  return checked('GET', url, { status: response.statusCode, headers: response.headers as Answer['headers'], body });
}

const apiKey = (key: string) => ({ 'x-api-key': key });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const adminKey = (key: string) => ({ 'x-admin-key': key });
const wrongKey = apiKey('not-the-key');
const rightKey = apiKey(testKeys.test);

/** Sends `count` requests with a wrong API key from the address; every one must be the 401. */
async function fail(app: FastifyInstance, from: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) expect((await get(app, from, '/test/customers', wrongKey)).status, `failure ${i + 1}`).toBe(401);
}

describe('the failed-authentication limit', () => {
  it('answers a flood of wrong keys with 429, Retry-After and a problem the spec documents, over HTTP', async () => {
    const mock = await mockWith({ failures: 5, windowMs: 60_000 });
    const origin = await mock.app.listen({ host: '127.0.0.1', port: 0 });
    const send = async (url: string, headers: Record<string, string>): Promise<Answer> => {
      const response = await fetch(`${origin}${url}`, { headers });
      const text = await response.text();
      return checked('GET', url, { status: response.status, headers: Object.fromEntries(response.headers), body: text ? JSON.parse(text) : undefined });
    };
    const statuses = [];
    for (let i = 0; i < 25; i++) statuses.push((await send('/test/customers', wrongKey)).status);
    expect(statuses).toEqual([...Array<number>(5).fill(401), ...Array<number>(20).fill(429)]);

    const refused = await send('/test/customers', wrongKey);
    expect(refused.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    const retryAfter = String(refused.headers['retry-after']);
    expect(retryAfter).toMatch(/^[1-9][0-9]*$/);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    expect(refused.headers['www-authenticate']).toBeUndefined();
    const { tooManyAuthFailures } = catalogue;
    expect(refused.body).toEqual({
      type: `urn:cubit:problem:${tooManyAuthFailures.code}`,
      title: tooManyAuthFailures.title,
      status: 429,
      code: tooManyAuthFailures.code,
      detail: `Too many failed authentications from this address (5 within 60 s): requests that need credentials are refused, correct ones included, for ${retryAfter} more seconds.`,
    });
    // A correct key from the blocked address is refused as well; what needs no key is served as before.
    expect((await send('/test/customers', rightKey)).status).toBe(429);
    expect((await send('/openapi.json', {})).status).toBe(200);
    expect((await send('/test/no-such-path', wrongKey)).status).toBe(404);
  });

  it('counts API keys, bearer tokens and the admin key together, and then refuses each of them, correct or not', async () => {
    const mock = await mockWith({ failures: 6, windowMs: 60_000 });
    const from = '10.0.0.1';
    const token = await testToken('test');
    expect((await get(mock.app, from, '/test/customers', wrongKey)).status).toBe(401);
    expect((await get(mock.app, from, '/prod/customers', {})).status).toBe(401);
    expect((await get(mock.app, from, '/test/audits', bearer('not.a.token'))).status).toBe(401);
    expect((await get(mock.app, from, '/test/audits', {})).status).toBe(401);
    expect((await get(mock.app, from, '/__admin/requests', adminKey('not-the-admin-key'))).status).toBe(401);
    expect((await get(mock.app, from, '/__admin/requests', apiKey(testKeys.test))).status).toBe(401);

    for (const [url, headers] of [
      ['/test/customers', rightKey],
      ['/prod/customers', apiKey(testKeys.prod)],
      ['/test/audits', bearer(token)],
      ['/__admin/requests', adminKey(testAdminKey)],
    ] as const) {
      const answer = await get(mock.app, from, url, headers);
      expect(answer.status, url).toBe(429);
      expect(answer.body, url).toMatchObject({ code: 'too-many-auth-failures' });
      expect(answer.headers['retry-after'], url).toMatch(/^[1-9][0-9]*$/);
    }
    // The admin document itself needs no key.
    expect((await get(mock.app, from, '/__admin/openapi.json')).status).toBe(200);
  });

  it('leaves a valid client on another address alone, and gives each address its own count', async () => {
    const mock = await mockWith({ failures: 3, windowMs: 60_000 });
    await fail(mock.app, '10.0.0.1', 3);
    expect((await get(mock.app, '10.0.0.1', '/test/customers', rightKey)).status).toBe(429);
    for (let i = 0; i < 30; i++) expect((await get(mock.app, '10.0.0.2', '/test/customers', rightKey)).status).toBe(200);
    await fail(mock.app, '10.0.0.2', 1);
    expect((await get(mock.app, '10.0.0.2', '/test/customers', rightKey)).status).toBe(200);
    expect((await get(mock.app, '2001:db8::1', '/test/customers', rightKey)).status).toBe(200);
  });

  it('neither counts correct credentials nor clears the count with them', async () => {
    const mock = await mockWith({ failures: 3, windowMs: 60_000 });
    const from = '10.0.0.3';
    await fail(mock.app, from, 2);
    for (let i = 0; i < 50; i++) expect((await get(mock.app, from, '/test/customers', rightKey)).status).toBe(200);
    await fail(mock.app, from, 1);
    expect((await get(mock.app, from, '/test/customers', rightKey)).status).toBe(429);
  });

  it('limits at the documented default, 20 failures, when buildApp is given no setting', async () => {
    const mock = await mockWith(undefined);
    await fail(mock.app, '10.0.0.4', 20);
    expect((await get(mock.app, '10.0.0.4', '/test/customers', wrongKey)).status).toBe(429);
  });

  it('lets a flood through as 401s with --auth-failure-limit 0', async () => {
    const config = readConfig(['--auth-failure-limit', '0'], {}) as Config;
    expect(config.authFailureLimit).toBe(false);
    const mock = await mockWith(config.authFailureLimit);
    await fail(mock.app, '10.0.0.5', 100);
    expect((await get(mock.app, '10.0.0.5', '/test/customers', rightKey)).status).toBe(200);
  });

  it('lets the address try again once the window has ended, with a fresh count', async () => {
    const config = readConfig(['--auth-failure-limit', '2', '--auth-failure-window', '2000'], {}) as Config;
    const mock = await mockWith(config.authFailureLimit);
    const from = '10.0.0.6';
    // The clock the counts are kept by, moved by hand: no test waits for the window.
    vi.useFakeTimers({ toFake: ['Date'] });
    await fail(mock.app, from, 2);
    const blocked = await get(mock.app, from, '/test/customers', rightKey);
    expect([blocked.status, blocked.headers['retry-after']]).toEqual([429, '2']);

    vi.setSystemTime(Date.now() + 2000);
    expect((await get(mock.app, from, '/test/customers', rightKey)).status).toBe(200);
    await fail(mock.app, from, 2);
    expect((await get(mock.app, from, '/test/customers', wrongKey)).status).toBe(429);
  });
});
