// The secrets of one exchange: the configured ones (`redact`), and every credential the request carried, in a
// credential header (Authorization, X-API-Key, X-Admin-Key, ...) or a credential-like query parameter (api_key,
// token, ..., any case). All are replaced wherever they appear in what the proxy records of the exchange, so an
// upstream that echoes a key or a token in its answer cannot put it in a log line, the report or JUnit. The rules
// are the mock's own (admin/redaction.ts for the names, log-serializers.ts for URLs).
import type { IncomingHttpHeaders } from 'node:http';
import { isCredentialQueryName, redactedHeaderNames, SecretRedactor } from '../admin/redaction.js';
import { redactUrl } from '../log-serializers.js';

export interface ExchangeSecrets {
  redactor: SecretRedactor;
  /** The request's path and query with credential-like query values and every secret replaced. */
  path: string;
}

/** A credential header's value, and the credentials inside it (`Bearer <token>`: the token too). */
function credentialsIn(value: string): string[] {
  const space = value.indexOf(' ');
  return space < 0 ? [value] : [value, value.slice(space + 1).trim()];
}

function queryCredentials(url: string): string[] {
  const at = url.indexOf('?');
  if (at < 0) return [];
  const found: string[] = [];
  try {
    for (const [name, value] of new URLSearchParams(url.slice(at + 1))) if (isCredentialQueryName(name)) found.push(value);
  } catch {
    // A query URLSearchParams cannot read has no credential it could name.
  }
  return found;
}

export function exchangeSecrets(url: string, headers: IncomingHttpHeaders, configured: readonly string[]): ExchangeSecrets {
  const secrets = [...configured, ...queryCredentials(url)];
  for (const name of redactedHeaderNames) {
    const value = headers[name];
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) secrets.push(...credentialsIn(one));
  }
  const redactor = new SecretRedactor(secrets);
  return { redactor, path: redactUrl(url, redactor) };
}
