// The error catalogue over HTTP: 404, 405 with Allow, 413, 415, 500 without internals, and startup failures.
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { handlers } from '../src/handlers/index.js';
import { createCustomer } from './support/fixtures.js';
import { type StartedMock, startMock } from './support/start-mock.js';
import { testKeys } from './support/test-keys.js';

let mock: StartedMock | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

function logCollector(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString());
      callback();
    },
  });
  return { lines, stream };
}

describe('routing errors', () => {
  it('answers an unknown path with 404 not-found', async () => {
    mock = await startMock();
    for (const path of ['/customers/CUST-1/extra', '/widgets']) {
      const response = await mock.client.request('test', 'GET', path);
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ code: 'not-found' });
    }
    expect((await mock.client.request('staging', 'GET', '/customers')).status).toBe(404);
  });

  it('answers a known path with a wrong method with 405 and Allow', async () => {
    mock = await startMock();
    const put = await mock.client.request('test', 'PUT', '/customers/CUST-1', { body: createCustomer() });
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe('DELETE, GET, HEAD');
    expect(put.body).toMatchObject({ code: 'method-not-allowed' });
    const del = await mock.client.request('prod', 'DELETE', '/installations');
    expect(del.status).toBe(405);
    expect(del.headers.allow).toBe('GET, HEAD, POST');
  });
});

describe('body errors', () => {
  it('answers a body that is not JSON with 415', async () => {
    mock = await startMock();
    const response = await mock.client.request('test', 'POST', '/customers', { rawBody: 'name=x', headers: { 'content-type': 'text/plain' } });
    expect(response.status).toBe(415);
    expect(response.body).toMatchObject({ code: 'unsupported-media-type' });
    const form = await mock.client.request('test', 'POST', '/customers', { rawBody: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
  });

  it('answers a body over 1 MiB with 413', async () => {
    mock = await startMock();
    const response = await mock.client.request('test', 'POST', '/customers', { body: createCustomer({ notes: 'x'.repeat(1024 * 1024) }) });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ code: 'payload-too-large' });
  });
});

describe('unexpected failures', () => {
  it('answers 500 with a request id and no internals, and logs the error', async () => {
    const log = logCollector();
    mock = await startMock({
      logger: { level: 'error', stream: log.stream },
      handlers: { ...handlers, getCustomer: () => Promise.reject(new Error('disk /var/secret exploded')) },
    });
    const response = await mock.client.request('test', 'GET', '/customers/CUST-1');
    expect(response.status).toBe(500);
    expect(response.body).toEqual({
      type: 'urn:cubit:problem:internal-error',
      title: 'Internal server error',
      status: 500,
      code: 'internal-error',
      detail: 'An unexpected error occurred. Quote the request id when reporting it.',
      requestId: response.headers['x-request-id'],
    });
    expect(response.text).not.toContain('secret');
    expect(log.lines.join('')).toContain('disk /var/secret exploded');
  });

  it('never writes an API key to the log', async () => {
    const log = logCollector();
    mock = await startMock({ logger: { level: 'trace', stream: log.stream } });
    await mock.client.request('test', 'GET', '/customers');
    await mock.client.request('prod', 'GET', '/customers', { key: testKeys.test });
    await mock.client.request('test', 'POST', '/customers', { body: createCustomer() });
    // A key sent where it does not belong: in the query string, under a credential-like name or another one, and in the path.
    await mock.client.request('test', 'GET', `/customers?api_key=${testKeys.test}`);
    await mock.client.request('test', 'GET', `/customers?ACCESS_TOKEN=some-token-value&limit=${encodeURIComponent(testKeys.prod)}`);
    await mock.client.request('test', 'GET', `/customers/${testKeys.prod}`);
    const text = log.lines.join('');
    expect(text).toContain('request completed');
    expect(text).toContain('/test/customers?api_key=[redacted]');
    expect(text).toContain('ACCESS_TOKEN=[redacted]&limit=[redacted]');
    expect(text).not.toContain('some-token-value');
    expect(text).not.toContain(testKeys.test);
    expect(text).not.toContain(testKeys.prod);
  });
});

describe('startup', () => {
  it('fails with one message listing every operation without a handler and every handler without an operation', async () => {
    // Handlers given to buildApp replace the mock's own by operationId; an undefined one leaves its operation without.
    const attempt = buildApp({ apiKeys: testKeys, handlers: { getCustomer: undefined, listInstallations: undefined, archiveCustomer: () => Promise.resolve({ status: 200 }) } });
    await expect(attempt).rejects.toThrow(
      /operation getCustomer \(GET \/customers\/\{customerId\}\) has no handler[\s\S]*operation listInstallations[\s\S]*handler archiveCustomer matches no operation/,
    );
  });

  it('fails when an environment has no API key', async () => {
    await expect(buildApp({ apiKeys: { test: 'only-test' } })).rejects.toThrow('No API key configured for environment(s): prod');
  });
});
