// Forwarding a message to a real receiver: the id goes as Idempotency-Key; a 2xx passes; any other answer fails,
// described by at most 2000 characters of its body with control characters made spaces; no answer in time fails.
// A failure names the receiver without the credentials its URL may carry.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { forwardMessage } from './webhook-forwarding.js';

let close: (() => Promise<void>) | undefined;
afterEach(() => close?.());

async function receiver(handle: (request: IncomingMessage, response: ServerResponse, body: string) => void): Promise<string> {
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => handle(request, response, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => new Promise((resolve) => server.closeAllConnections() ?? server.close(() => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/in`;
}

const signal = () => new AbortController().signal;

describe('forwardMessage', () => {
  it('POSTs the message as JSON with its id as Idempotency-Key, and passes on a 2xx', async () => {
    let seen: { key: unknown; type: unknown; body: string } | undefined;
    const url = await receiver((request, response, body) => {
      seen = { key: request.headers['idempotency-key'], type: request.headers['content-type'], body };
      response.writeHead(202).end('{"caseNumber":"2026/1"}');
    });
    await expect(forwardMessage({ url, timeoutMs: 2000 }, 'Archive', 'm-1', { a: 1 }, signal())).resolves.toEqual({ status: 202 });
    expect(seen).toEqual({ key: 'm-1', type: 'application/json', body: '{"a":1}' });
  });

  it('fails on any other answer, keeping 2000 characters of its body, control characters made spaces', async () => {
    const url = await receiver((_, response) => response.writeHead(500).end(`line one\nline\u0007two${'x'.repeat(10_000)}`));
    const failure = forwardMessage({ url, timeoutMs: 2000 }, 'Archive', 'm-1', {}, signal());
    await expect(failure).rejects.toThrow(/^Archive at http:\/\/127\.0\.0\.1:\d+\/in answered 500: line one line twox+$/);
    const message = await failure.then(() => '', (error: Error) => error.message);
    expect(message.length).toBeLessThan(2100);
  });

  it("names the receiver's URL without the credentials in it: a credential-like query parameter, a user and password", async () => {
    const url = await receiver((_, response) => response.writeHead(503).end());
    await expect(forwardMessage({ url: `${url}?Token=secret-for-tests-only&case=1`, timeoutMs: 2000 }, 'Archive', 'm-1', {}, signal())).rejects.toThrow(
      /^Archive at http:\/\/127\.0\.0\.1:\d+\/in\?Token=\[redacted\]&case=1 answered 503$/,
    );
    const withUser = forwardMessage({ url: url.replace('http://', 'http://archive:secret-for-tests-only@'), timeoutMs: 2000 }, 'Archive', 'm-1', {}, signal());
    const message = await withUser.then(() => '', (error: Error) => error.message);
    expect(message).toMatch(/^Archive at http:\/\/\[redacted\]@127\.0\.0\.1:\d+\/in could not be reached: /);
    expect(message).not.toContain('secret-for-tests-only');
  });

  it('fails when the receiver does not answer in time, or cannot be reached', async () => {
    const url = await receiver(() => undefined);
    await expect(forwardMessage({ url, timeoutMs: 100 }, 'Lantern', 'm-1', {}, signal())).rejects.toThrow(/could not be reached: no answer within 100 ms/);
    await expect(forwardMessage({ url: 'http://127.0.0.1:9/', timeoutMs: 500 }, 'Lantern', 'm-1', {}, signal())).rejects.toThrow(/Lantern at http:\/\/127\.0\.0\.1:9\/ could not be reached/);
  });
});
