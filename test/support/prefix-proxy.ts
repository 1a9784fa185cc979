// A path-prefix reverse proxy, as a deployment puts in front of a service: it serves `<prefix>/...` and forwards
// each request to the upstream without the prefix, and says where it was reached with X-Forwarded-Proto,
// X-Forwarded-Host and X-Forwarded-Prefix. Like nginx by default, it reads a request body in full before it
// forwards it, and streams the answer back. Requests outside the prefix get a plain 404.
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PrefixProxy {
  /** The proxy's origin and prefix, e.g. `http://127.0.0.1:40123/api`. */
  base: string;
  close(): Promise<void>;
}

export async function startPrefixProxy(upstreamOrigin: string, prefix: string): Promise<PrefixProxy> {
  const upstream = new URL(upstreamOrigin);
  // Large heads pass through, so that the mock is the one to answer them.
  const server = createServer({ maxHeaderSize: 64 * 1024 }, (request, reply) => {
    const url = request.url ?? '/';
    if (url !== prefix && !url.startsWith(`${prefix}/`) && !url.startsWith(`${prefix}?`)) {
      reply.writeHead(404, { 'content-type': 'text/plain' }).end('not behind this proxy');
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const headers: Record<string, string | string[] | undefined> = { ...request.headers };
      delete headers['transfer-encoding'];
      Object.assign(headers, { 'content-length': String(body.length), 'x-forwarded-proto': 'http', 'x-forwarded-host': request.headers.host ?? '', 'x-forwarded-prefix': prefix });
      const forwarded = httpRequest({ hostname: upstream.hostname, port: upstream.port, method: request.method, path: url.slice(prefix.length) || '/', headers }, (answer) => {
        reply.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(reply);
      });
      forwarded.on('error', () => reply.destroy());
      forwarded.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}${prefix}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
