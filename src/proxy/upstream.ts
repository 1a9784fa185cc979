// Forwards one request to the upstream and reads its whole answer (up to the body bound). The request goes as
// it came, under the upstream's base path (`https://host/api` + `/test/customers`), with the upstream's Host and
// without hop-by-hop fields; keep-alive connections are reused. Failures are typed: unreachable (refused, reset,
// unknown host, TLS), timeout (no answer within the limit), or an answer too large to judge.
import { Agent as HttpAgent, type IncomingHttpHeaders, type OutgoingHttpHeaders, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { readBounded } from './bounded-body.js';

export interface UpstreamAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type UpstreamFailure = 'unreachable' | 'timeout' | 'too-large';

export class UpstreamError extends Error {
  override name = 'UpstreamError';

  constructor(
    readonly failure: UpstreamFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface ForwardedRequest {
  method: string;
  /** Path and query as the client sent them. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Upstream {
  /** The base URL, without credentials or a trailing slash: what `Location` headers are compared with. */
  base: string;
  forward(request: ForwardedRequest): Promise<UpstreamAnswer>;
  close(): void;
}

/** Fields that belong to one connection, never forwarded (RFC 9110 §7.6.1), and those the proxy sets itself. */
const hopByHop = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'expect', 'host', 'content-length']);

/** The header fields without hop-by-hop ones (and any the Connection field names). */
export function endToEnd(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const named = new Set(String(headers.connection ?? '').split(',').map((name) => name.trim().toLowerCase()));
  return Object.fromEntries(Object.entries(headers).filter(([name, value]) => value !== undefined && !hopByHop.has(name) && !named.has(name)));
}

export function createUpstream(baseUrl: string, options: { timeoutMs: number; bodyLimit: number }): Upstream {
  const url = new URL(baseUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`The upstream must be an http: or https: URL, not ${url.protocol}`);
  const basePath = url.pathname.replace(/\/+$/, '');
  const secure = url.protocol === 'https:';
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const send = secure ? httpsRequest : httpRequest;
  const auth = url.username === '' ? undefined : `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;

  const forward = (request: ForwardedRequest): Promise<UpstreamAnswer> =>
    new Promise((resolve, reject) => {
      const headers = endToEnd(request.headers);
      headers.host = url.host;
      if (request.body.length > 0 || request.headers['content-length'] !== undefined || request.headers['transfer-encoding'] !== undefined) headers['content-length'] = String(request.body.length);
      const outgoing = send({ protocol: url.protocol, hostname: url.hostname, port: url.port, method: request.method, path: `${basePath}${request.url}`, headers, agent, auth, maxHeaderSize: 64 * 1024 }, (answer) => {
        readBounded(answer, options.bodyLimit).then(
          (body) => {
            if (body.overflow) {
              outgoing.destroy();
              reject(new UpstreamError('too-large', `the upstream's answer is larger than the proxy's limit of ${options.bodyLimit} bytes`));
            } else resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: body.bytes });
          },
          (error: Error) => reject(new UpstreamError('unreachable', `the upstream's answer broke off: ${error.message}`)),
        );
      });
      outgoing.setTimeout(options.timeoutMs, () => outgoing.destroy(new UpstreamError('timeout', `the upstream did not answer within ${options.timeoutMs} ms`)));
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        reject(error instanceof UpstreamError ? error : new UpstreamError('unreachable', `the upstream cannot be reached: ${error.code ?? error.message}`));
      });
      outgoing.end(request.body);
    });

  return { base: `${url.protocol}//${url.host}${basePath}`, forward, close: () => agent.destroy() };
}
