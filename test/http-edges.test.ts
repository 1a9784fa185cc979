// The edges of HTTP, where Node's parser, its timers or Fastify's router answer before any operation does:
// each answer is the catalogue's problem+json with a documented code, and none repeats the URL, a header or a
// key. Checked on raw sockets, so that what the server writes is seen exactly.
import { afterEach, describe, expect, it } from 'vitest';
import { handlers } from '../src/handlers/index.js';
import { maxHeaderBytes, maxUrlLength } from '../src/http/request-limits.js';
import { type RawAnswer, rawExchange } from './support/raw-http.js';
import { createCustomer, createInstallation } from './support/fixtures.js';
import { type StartedMock, startMock } from './support/start-mock.js';
import { testKeys } from './support/test-keys.js';

let mock: StartedMock | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

async function listening(options: Parameters<typeof startMock>[0] = {}): Promise<string> {
  mock = await startMock(options);
  return mock.app.listen({ host: '127.0.0.1', port: 0 });
}

const sentinel = 'SENTINEL-4f2c9a-key';
const key = `X-API-Key: ${testKeys.test}\r\n`;

function expectProblem(answer: RawAnswer, status: number, code: string): void {
  expect(answer.status, answer.text.slice(0, 300)).toBe(status);
  expect(answer.text).toMatch(/\r\ncontent-type: application\/problem\+json/i);
  expect(answer.body).toMatchObject({ type: `urn:cubit:problem:${code}`, status, code });
  expect(answer.text).not.toContain(sentinel);
}

describe('answers before any operation', () => {
  it('408 for a request that does not arrive in time, and closes the connection', async () => {
    const origin = await listening({ requestTimeout: 300 });
    const answer = await rawExchange(origin, `GET /test/customers?${sentinel}=1 HTTP/1.1\r\nHost: x\r\n${key}`);
    expectProblem(answer, 408, 'request-timeout');
    expect(answer.text).toMatch(/\r\nconnection: close/i);
  });

  it('414 for a URL over the limit, from the mock (under the head limit) and from the parser (over it)', async () => {
    const origin = await listening();
    for (const length of [maxUrlLength + 1, maxHeaderBytes + 100]) {
      const path = `/test/customers/${sentinel}?q=${'x'.repeat(length)}`;
      expectProblem(await rawExchange(origin, `GET ${path} HTTP/1.1\r\nHost: x\r\n${key}Connection: close\r\n\r\n`), 414, 'uri-too-long');
    }
    // A URL at the limit is served.
    const atLimit = `/test/customers?${'x'.repeat(maxUrlLength - '/test/customers?'.length - 2)}=1`;
    expect((await rawExchange(origin, `GET ${atLimit} HTTP/1.1\r\nHost: x\r\n${key}Connection: close\r\n\r\n`)).status).toBe(400);
  });

  it('431 for header fields over the limit', async () => {
    const origin = await listening();
    const answer = await rawExchange(origin, `GET /test/customers HTTP/1.1\r\nHost: x\r\n${key}X-Padding: ${sentinel}${'x'.repeat(maxHeaderBytes)}\r\n\r\n`);
    expectProblem(answer, 431, 'headers-too-large');
  });

  it('400 bad-request for a request line or header that is not HTTP', async () => {
    const origin = await listening();
    for (const request of [`GET /test/${sentinel} b c HTTP/1.1\r\nHost: x\r\n\r\n`, `${sentinel}\r\n\r\n`, `GET / HTTP/1.1\r\nHost: x\r\nBad Header ${sentinel}\r\n\r\n`]) {
      expectProblem(await rawExchange(origin, request), 400, 'bad-request');
    }
  });

  it('400 malformed-url for a broken percent-encoding in the path, without the path', async () => {
    const origin = await listening();
    const answer = await rawExchange(origin, `GET /test/customers/${sentinel}%E0%A4%A HTTP/1.1\r\nHost: x\r\n${key}Connection: close\r\n\r\n`);
    expectProblem(answer, 400, 'malformed-url');
  });

  it('503 for a request that arrives while the mock shuts down, and closes that connection', async () => {
    let release = () => {};
    const slow = new Promise<void>((resolve) => (release = resolve));
    const origin = await listening({ handlers: { ...handlers, getCustomer: async () => (await slow, { status: 200, body: createCustomer() }) } });
    const app = (mock as StartedMock).app;
    let closed: Promise<void> | undefined;
    const secondRequest = async () => {
      // Shut down while the first request is in flight, then send the second on the same (busy) connection.
      closed = app.close();
      await expect.poll(() => app.server.listening).toBe(false);
      setTimeout(release, 100);
      return `GET /test/customers/${sentinel} HTTP/1.1\r\nHost: x\r\n${key}\r\n`;
    };
    const answer = rawExchange(origin, [`GET /test/customers/C-1 HTTP/1.1\r\nHost: x\r\n${key}\r\n`, secondRequest], { pause: 100 });
    const text = (await answer).text;
    const second = text.slice(text.indexOf('HTTP/1.1', 10));
    expect(text).toMatch(/^HTTP\/1\.1 200 /);
    expectProblem({ text: second, status: Number(/^HTTP\/1\.1 (\d{3})/.exec(second)?.[1]), body: JSON.parse(second.slice(second.indexOf('\r\n\r\n') + 4)) as unknown }, 503, 'service-unavailable');
    expect(second).toMatch(/\r\nconnection: close/i);
    await closed;
  });
});

describe('answers that name what was wrong without repeating the request', () => {
  it('never repeats a key, a header or the URL, whatever the error', async () => {
    const origin = await listening();
    const json = 'Content-Type: application/json\r\n';
    const body = JSON.stringify(createCustomer({ customerId: 'C-1' }));
    const requests = [
      `GET /test/customers?api_key=${sentinel} HTTP/1.1\r\nHost: x\r\n${key}`,
      `GET /test/customers/${sentinel} HTTP/1.1\r\nHost: x\r\n${key}`,
      `GET /${sentinel}/customers HTTP/1.1\r\nHost: x\r\n${key}`,
      `GET /test/${sentinel} HTTP/1.1\r\nHost: x\r\n${key}`,
      `PUT /test/customers/${sentinel} HTTP/1.1\r\nHost: x\r\n${key}`,
      `GET /test/customers HTTP/1.1\r\nHost: x\r\nX-API-Key: ${sentinel}\r\n`,
      `GET /prod/customers HTTP/1.1\r\nHost: x\r\n${key}`,
      `POST /test/customers HTTP/1.1\r\nHost: x\r\n${key}Content-Type: text/${sentinel}\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      `POST /test/customers HTTP/1.1\r\nHost: x\r\n${key}Content-Type: ${sentinel}\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      `POST /test/customers HTTP/1.1\r\nHost: x\r\n${key}${json}Content-Length: ${sentinel.length + 2}\r\n\r\n{${sentinel}}`,
      `GET /docs/${sentinel} HTTP/1.1\r\nHost: x\r\n`,
    ];
    for (const request of requests) {
      const answer = await rawExchange(origin, request.includes('\r\n\r\n') ? request.replace('\r\n\r\n', '\r\nConnection: close\r\n\r\n') : `${request}Connection: close\r\n\r\n`);
      expect(answer.status, request.slice(0, 60)).toBeGreaterThanOrEqual(400);
      expect(answer.text, request.slice(0, 60)).not.toContain(sentinel);
    }
  });

  it('415 names the media type received, when it is one, and the one accepted', async () => {
    const origin = await listening();
    const send = (type: string) => fetch(`${origin}/test/customers`, { method: 'POST', headers: { 'x-api-key': testKeys.test, 'content-type': type }, body: 'x' }).then((r) => r.json());
    expect(await send('text/plain; charset=utf-8')).toMatchObject({ code: 'unsupported-media-type', detail: 'Content-Type text/plain is not supported; send the body as application/json.' });
    expect(await send('not a type')).toMatchObject({ detail: 'The Content-Type header is not a media type; send the body as application/json.' });
  });

  it('reads bodies as UTF-8 only: another charset is a 415 naming it, bytes that are not UTF-8 a 400 saying where', async () => {
    const started = (mock = await startMock());
    const body = JSON.stringify(createCustomer());
    const post = (contentType: string, payload: string) => started.client.request('test', 'POST', '/customers', { headers: { 'content-type': contentType }, rawBody: payload });
    const utf16 = await post('application/json; charset=utf-16', body);
    expect(utf16.status).toBe(415);
    expect(utf16.body).toMatchObject({ code: 'unsupported-media-type', detail: 'The request body is declared in charset utf-16; send it as application/json in UTF-8.' });
    expect((await post('application/json; charset="ISO-8859-1"', body)).body).toMatchObject({ detail: expect.stringContaining('charset iso-8859-1') as unknown });
    // "Ø" in Latin-1 is the lone byte 0xD8: not UTF-8.
    const latin1 = Buffer.concat([Buffer.from('{"customerId":"CUST-1","name":"'), Buffer.from([0xd8]), Buffer.from('rsta AS"}')]);
    const invalid = await started.app.inject({ method: 'POST', url: '/test/customers', headers: { 'x-api-key': testKeys.test, 'content-type': 'application/json' }, payload: latin1 });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ code: 'malformed-json', detail: 'The request body is not valid UTF-8: byte 32 (counting from 0) does not belong to a UTF-8 character.' });
    expect((await started.client.request('test', 'GET', '/customers/CUST-1')).status).toBe(404);
    const accepted = await post('application/json; charset=UTF-8', JSON.stringify(createCustomer({ name: 'Ørsta Æbleskiver ÅS' })));
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ name: 'Ørsta Æbleskiver ÅS' });
  });

  it('409 names the installations that block deleting a customer: how many, and the first five', async () => {
    mock = await startMock();
    await mock.client.request('test', 'POST', '/customers', { body: createCustomer() });
    for (let i = 1; i <= 7; i++) await mock.client.request('test', 'POST', '/installations', { body: createInstallation({ installationId: `INST-${i}` }) });
    const response = await mock.client.request('test', 'DELETE', '/customers/CUST-10001');
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({
      code: 'customer-has-installations',
      detail: 'The customer still has 7 installations (INST-1, INST-2, INST-3, INST-4, INST-5, and 2 more); delete them first.',
      blockedBy: { resource: 'installations', total: 7, ids: ['INST-1', 'INST-2', 'INST-3', 'INST-4', 'INST-5'] },
    });
  });

  it('a 404 for an unknown path says where the API is: a missing environment, a wrong one, or anything else', async () => {
    mock = await startMock();
    const detail = async (environment: string, path: string) => ((await mock?.client.request(environment, 'GET', path))?.body as { detail: string }).detail;
    expect(await detail('customers', '')).toBe('No operation is served at this path: the path lacks its environment. It is served as /test/customers or /prod/customers.');
    expect(await detail('staging', '/customers')).toBe('No environment of that name is served: the environments are /test and /prod.');
    expect(await detail('test', '/nothing/here')).toBe(
      'No operation is served at this path. The API is served under /test and /prod (for example /test/customers); the contract is at /openapi.yaml and its documentation at /docs.',
    );
  });
});

describe('a body where an operation takes none', () => {
  it('is a 400 naming the body, whatever its type or size, and the connection stays usable', async () => {
    mock = await startMock();
    for (const [type, body] of [['text/plain', 'x'], ['application/json', '{"a":1}'], ['application/json', 'x'.repeat(2 * 1024 * 1024)]] as const) {
      const response = await mock.client.request('test', 'DELETE', '/customers/C-1', { rawBody: body, headers: { 'content-type': type } });
      expect(response.status, type).toBe(400);
      expect(response.body).toMatchObject({ code: 'validation-failed', errors: [{ in: 'body', pointer: '', message: 'must be absent: this operation takes no request body' }] });
    }
    expect((await mock.client.request('test', 'DELETE', '/customers/C-1')).status).toBe(404);
  });
});
