// The base URL a client reached the mock at: scheme, host and any path prefix of a proxy in front of it. Every
// URL the mock hands out (a Location, the servers of the served spec) starts with it, so that the mock works on
// any port and behind a reverse proxy. The Host header gives the host; with trustProxy, a proxy's Forwarded or
// X-Forwarded-Proto/-Host/-Prefix headers win. Every value is checked for its shape first, and one that does
// not have it is ignored: a header never gets into a URL as it was sent.
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyRequest } from 'fastify';

const hostShape = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})?)*|\[[0-9A-Fa-f:.]{2,45}\])(?::[0-9]{1,5})?$/;
const prefixShape = /^(?:\/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)+$/;

export interface BaseSource {
  headers: IncomingHttpHeaders;
  /** The listener's own address, for a request without a usable Host header (HTTP/1.0). */
  localAddress: string;
  /** True when the connection is TLS. */
  encrypted: boolean;
}

const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim();
const unquote = (value: string): string => (value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value);

/** The first element of an RFC 7239 Forwarded header, as its parameters. */
function forwarded(header: string | undefined): Record<string, string> {
  const element = first(header);
  if (!element) return {};
  const pairs = element.split(';').map((pair) => pair.split('=').map((part) => part.trim()));
  return Object.fromEntries(pairs.filter((pair): pair is [string, string] => pair.length === 2).map(([name, value]) => [name.toLowerCase(), unquote(value)]));
}

const valid = (value: string | undefined, shape: RegExp, max: number): string | undefined => (value && value.length <= max && shape.test(value) ? value : undefined);
const validProto = (value: string | undefined): string | undefined => (value === 'http' || value === 'https' ? value : undefined);

/** `scheme://host[:port][/prefix]`, without a trailing slash. */
export function requestBase({ headers, localAddress, encrypted }: BaseSource, trustProxy: boolean): string {
  let proto = encrypted ? 'https' : 'http';
  let host = valid(first(headers.host), hostShape, 255) ?? localAddress;
  let prefix = '';
  if (trustProxy) {
    const standard = forwarded(first(headers.forwarded));
    proto = validProto(standard.proto?.toLowerCase()) ?? validProto(first(headers['x-forwarded-proto'])?.toLowerCase()) ?? proto;
    host = valid(standard.host, hostShape, 255) ?? valid(first(headers['x-forwarded-host']), hostShape, 255) ?? host;
    const path = valid(first(headers['x-forwarded-prefix'])?.replace(/\/+$/, ''), prefixShape, 512);
    if (path && !path.split('/').some((segment) => segment === '.' || segment === '..')) prefix = path;
  }
  return `${proto}://${host}${prefix}`;
}

/** requestBase of a Fastify request. */
export function baseOf(request: FastifyRequest, trustProxy: boolean): string {
  const { localAddress = '127.0.0.1', localPort } = request.socket;
  const address = localAddress.includes(':') ? `[${localAddress}]` : localAddress;
  const encrypted = (request.socket as { encrypted?: boolean }).encrypted === true;
  return requestBase({ headers: request.headers, localAddress: localPort ? `${address}:${localPort}` : address, encrypted }, trustProxy);
}
