// A proxy in front of a working mock that breaks the contract on purpose, and records every request it passes
// on with the credentials it carried (API key, bearer token), to show that the contract suite reports each break
// (and what it sends in read-only mode).
import { createServer, type IncomingHttpHeaders, type IncomingMessage, request as httpRequest, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Which requests a break applies to, by method and path (with the environment prefix, e.g. `/test/customers`). */
export type RequestMatcher = (method: string, path: string) => boolean;

export interface Breaks {
  /** Removes a (required) field from every object in the JSON answers to matching requests. */
  dropField?: { field: string; when: RequestMatcher };
  /** Answers 200 where the mock answers 201 (a create), for matching requests. */
  createdAs200?: RequestMatcher;
  /**
   * Lets a request without credentials through: adds the valid API key to one without an API key, and the valid
   * bearer token (when the target was given one) to one without an Authorization header, on its way to the mock.
   */
  acceptMissingKey?: boolean;
  /** Labels problem+json answers to matching requests as plain application/json. */
  problemAsJson?: RequestMatcher;
}

export type Credential = 'valid' | 'wrong' | 'none';

export interface ProxiedRequest {
  method: string;
  path: string;
  /** Which API key the request arrived with. */
  key: Credential;
  /** Which bearer token it arrived with (`wrong`: any other Authorization, or one when the target knows none). */
  token: Credential;
}

/** The credentials the mock behind the proxy accepts. */
export interface ValidCredentials {
  key: string;
  token?: string;
}

export interface BrokenTarget {
  /** The proxy's origin; append the environment, e.g. `${origin}/test`. */
  origin: string;
  requests: ProxiedRequest[];
  close(): Promise<void>;
}

function dropField(value: unknown, field: string): unknown {
  if (Array.isArray(value)) return value.map((item) => dropField(item, field));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([name]) => name !== field).map(([name, item]) => [name, dropField(item, field)]));
}

/** Forwards a request as it came (its Host header too, as a transparent proxy does) and reads the whole answer. */
function forward(upstreamOrigin: string, method: string, path: string, headers: Record<string, string>, body: Buffer): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  const { hostname, port } = new URL(upstreamOrigin);
  return new Promise((resolve, reject) => {
    const upstream = httpRequest({ hostname, port, method, path, headers: { ...headers, 'content-length': String(body.length) } }, (response) => {
      readBody(response).then((text) => resolve({ status: response.statusCode ?? 502, headers: response.headers, body: text }), reject);
    });
    upstream.on('error', reject);
    upstream.end(body);
  });
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startBrokenTarget(upstreamOrigin: string, valid: ValidCredentials, breaks: Breaks = {}): Promise<BrokenTarget> {
  const requests: ProxiedRequest[] = [];
  const handle = async (request: IncomingMessage, reply: ServerResponse): Promise<void> => {
    const body = await readBody(request);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string' && !['connection', 'content-length', 'transfer-encoding'].includes(name)) headers[name] = value;
    const given = headers['x-api-key'];
    const authorization = headers.authorization;
    const method = request.method ?? 'GET';
    const path = (request.url ?? '/').split('?')[0] as string;
    const key = given === undefined ? 'none' : given === valid.key ? 'valid' : 'wrong';
    const token = authorization === undefined ? 'none' : valid.token !== undefined && authorization === `Bearer ${valid.token}` ? 'valid' : 'wrong';
    requests.push({ method, path: request.url ?? '/', key, token });
    if (breaks.acceptMissingKey && given === undefined) headers['x-api-key'] = valid.key;
    if (breaks.acceptMissingKey && authorization === undefined && valid.token !== undefined) headers.authorization = `Bearer ${valid.token}`;

    const upstream = await forward(upstreamOrigin, method, request.url ?? '/', headers, body);
    let status = upstream.status;
    let text = upstream.body.toString('utf8');
    if (breaks.createdAs200?.(method, path) && status === 201) status = 200;
    const contentType = String(upstream.headers['content-type'] ?? '');
    if (breaks.dropField?.when(method, path) && contentType.includes('json') && text) text = JSON.stringify(dropField(JSON.parse(text), breaks.dropField.field));
    const out: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(upstream.headers)) {
      if (value !== undefined && !['content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(name)) out[name] = value;
    }
    if (breaks.problemAsJson?.(method, path) && contentType.startsWith('application/problem+json')) out['content-type'] = 'application/json; charset=utf-8';
    reply.writeHead(status, out).end(text);
  };
  // Large heads pass through to the mock, which is the one to answer them (431).
  const server = createServer({ maxHeaderSize: 64 * 1024 }, (request, reply) => {
    handle(request, reply).catch((error: Error) => reply.writeHead(502).end(error.message));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
