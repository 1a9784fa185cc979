// What the log says of a request: Fastify's usual fields, with the URL redacted first. A credential-like query
// parameter (`api_key`, `token`, …, any case) has its value replaced, and a configured key or token anywhere in the
// URL (a path segment, any query value, percent-encoded or not) is replaced too, so that no log line carries one.
import type { FastifyRequest } from 'fastify';
import { SecretRedactor, isCredentialQueryName, redactedMarker } from './admin/redaction.js';

function decodedName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

/** The URL with credential query values and every configured secret replaced. */
export function redactUrl(url: string, redactor: SecretRedactor): string {
  const at = url.indexOf('?');
  const path = redactor.redactEncoded(at < 0 ? url : url.slice(0, at));
  if (at < 0) return path;
  const pairs = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals < 0 ? pair : pair.slice(0, equals);
      if (equals >= 0 && isCredentialQueryName(decodedName(name))) return `${redactor.redactEncoded(name)}=${redactedMarker}`;
      return redactor.redactEncoded(pair);
    });
  return `${path}?${pairs.join('&')}`;
}

/** The serializer of the `req` field of request log lines. */
export function requestLogSerializer(secrets: readonly string[]): (request: FastifyRequest) => Record<string, unknown> {
  const redactor = new SecretRedactor(secrets);
  return (request) => ({
    method: request.method,
    url: redactUrl(request.url, redactor),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket.remotePort,
  });
}
