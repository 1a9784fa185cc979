// What the request journal keeps of a request: credential headers and query parameters redacted by name, the
// configured secrets (API keys, the admin key, ...) replaced wherever they occur, and only then long values cut.
import type { JournalEntry, RecordedRequest } from './request-journal.js';

/** What a redacted value, or a secret inside a value, is replaced with. */
export const redactedMarker = '[redacted]';

/** Request header fields whose whole value is redacted (by lower-case name). */
export const redactedHeaderNames: readonly string[] = ['x-api-key', 'x-admin-key', 'authorization', 'cookie', 'proxy-authorization'];

/**
 * Query parameter names that look like credentials; their whole value (each value, when repeated) is redacted.
 * A name matches case-insensitively and with `-` and `_` ignored: `API-Key`, `apiKey` and `api_key` all do.
 */
export const credentialQueryNames: readonly string[] = [
  'api_key', 'apikey', 'key', 'token', 'access_token', 'id_token', 'refresh_token', 'secret', 'client_secret',
  'password', 'passwd', 'pwd', 'signature', 'sig', 'auth', 'authorization', 'credential', 'credentials', 'jwt',
  'session', 'sessionid', 'x-api-key', 'x-admin-key',
];

/** Secrets shorter than this are ignored: replacing every "ab" in the journal would redact everything. */
export const minSecretLength = 4;

const normalizeName = (name: string): string => name.toLowerCase().replace(/[-_]/g, '');
const credentialNames = new Set(credentialQueryNames.map(normalizeName));

export function isCredentialQueryName(name: string): boolean {
  return credentialNames.has(normalizeName(name));
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A literal text as a pattern whose %XX escapes match with hex digits in either case (`%2f` as well as `%2F`). */
const literalPattern = (literal: string): string =>
  escapeRegExp(literal).replace(/%([0-9A-F])([0-9A-F])/g, (_, high: string, low: string) => `%${hexPattern(high)}${hexPattern(low)}`);
const hexPattern = (digit: string): string => (/[A-F]/.test(digit) ? `[${digit}${digit.toLowerCase()}]` : digit);

/** Decodes each well-formed run of %XX escapes, leaving malformed ones as they are (decodeURIComponent would throw). */
function decodeLoosely(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/**
 * Replaces each configured secret with `[redacted]` in one linear pass: the secret as it is, percent-encoded
 * (`encodeURIComponent`, hex in either case), form-encoded (`+` for a space) and escaped as in a JSON string,
 * whichever of these differ. Secrets shorter than `minSecretLength` characters, and empty ones, are ignored.
 */
export class SecretRedactor {
  private readonly pattern: RegExp | undefined;
  private readonly patternIgnoringCase: RegExp | undefined;

  constructor(secrets: readonly string[]) {
    const patterns = new Map<string, number>();
    for (const secret of secrets) {
      if (secret.length < minSecretLength) continue;
      const encoded = encodeURIComponent(secret);
      for (const literal of [secret, encoded, encoded.replace(/%20/g, '+'), JSON.stringify(secret).slice(1, -1)]) {
        patterns.set(literalPattern(literal), literal.length);
      }
    }
    // Longest first, so that where one secret contains another the whole of the longer one is replaced.
    const ordered = [...patterns].sort((a, b) => b[1] - a[1]).map(([pattern]) => pattern);
    this.pattern = ordered.length > 0 ? new RegExp(ordered.join('|'), 'g') : undefined;
    this.patternIgnoringCase = ordered.length > 0 ? new RegExp(ordered.join('|'), 'gi') : undefined;
  }

  /** The text with every secret replaced; the same string when it holds none. */
  redact(text: string): string {
    return this.pattern === undefined ? text : text.replace(this.pattern, redactedMarker);
  }

  /** The text with every secret replaced, in any case: for header names, which arrive lower-cased. */
  redactIgnoringCase(text: string): string {
    return this.patternIgnoringCase === undefined ? text : text.replace(this.patternIgnoringCase, redactedMarker);
  }

  /**
   * A path (or other percent-encoded text) with every secret replaced. A secret that is still there once the
   * text is decoded (spelled with escapes `encodeURIComponent` would not use, such as `%41` for `A`) is caught
   * too: the text is then recorded decoded, with the secret replaced.
   */
  redactEncoded(text: string): string {
    const redacted = this.redact(text);
    if (!redacted.includes('%')) return redacted;
    const decoded = decodeLoosely(redacted);
    const decodedRedacted = this.redact(decoded);
    return decodedRedacted === decoded ? redacted : decodedRedacted;
  }
}

/**
 * The text cut to at most `max` characters, and whether it was cut. The cut never splits a surrogate pair,
 * and a cut text is copied so that it does not keep the (possibly much larger) original alive in memory.
 */
export function cut(text: string, max: number): { text: string; truncated: boolean } {
  if (text.length <= max) return { text, truncated: false };
  const end = isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max;
  return { text: Buffer.from(text.slice(0, end), 'utf16le').toString('utf16le'), truncated: true };
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

/** Longest value of a header field in an entry, and of a query parameter; longer is cut after redaction. */
export const maxHeaderValueChars = 16384;
export const maxQueryValueChars = 8192;
/** Values kept of a query parameter given more than once; any further ones are left out. */
export const maxQueryValues = 100;

const redactedHeaders = new Set(redactedHeaderNames);

/**
 * The header fields by lower-case name, a field given as a list (or under names differing in case) joined
 * with ", "; credential fields `[redacted]` whole, secrets replaced in the others (and in names).
 */
export function redactHeaders(headers: Readonly<Record<string, string | string[] | undefined>>, redactor: SecretRedactor): Record<string, string> {
  const fields = new Map<string, string>();
  for (const [rawName, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const name = rawName.toLowerCase();
    const text = redactedHeaders.has(name) ? redactedMarker : redactor.redact(typeof value === 'string' ? value : value.join(', '));
    const key = redactor.redactIgnoringCase(name);
    const previous = fields.get(key);
    fields.set(key, previous === undefined ? text : `${previous}, ${text}`);
  }
  return Object.freeze(Object.fromEntries([...fields].map(([name, text]) => [name, cut(text, maxHeaderValueChars).text])));
}

/**
 * The parameters of a raw (percent-encoded) query string, decoded as URLSearchParams does; one given more
 * than once is a list, in order. Credential-like names are `[redacted]` (each value), secrets replaced in
 * the other values and in names.
 */
export function redactQuery(rawQuery: string, redactor: SecretRedactor): Record<string, string | string[]> {
  if (rawQuery === '') return Object.freeze({});
  const parameters = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(rawQuery)) {
    const key = redactor.redact(name);
    const values = parameters.get(key) ?? [];
    if (values.length < maxQueryValues) values.push(isCredentialQueryName(name) ? redactedMarker : cut(redactor.redact(value), maxQueryValueChars).text);
    parameters.set(key, values);
  }
  for (const values of parameters.values()) Object.freeze(values);
  return Object.freeze(Object.fromEntries([...parameters].map(([name, values]) => [name, values.length === 1 ? (values[0] ?? '') : values])));
}

/** Longest requestBody and responseBody in an entry; longer is cut (after redaction) and flagged truncated. */
export const maxEntryBodyChars = 8192;
const maxPathChars = 8192;
const maxMethodChars = 32;

/**
 * A request's entry, every secret and credential redacted before anything is cut (so that a cut never leaves
 * the start of a secret), and its whole request body, redacted, for the bodyPointer filter.
 */
export function journalEntry(id: string, request: RecordedRequest, redactor: SecretRedactor): { entry: JournalEntry; requestBody: string | undefined } {
  const time = Number.isNaN(request.time.getTime()) ? new Date() : request.time;
  const queryStart = request.url.indexOf('?');
  const requestBody = request.body === undefined ? undefined : redactor.redact(request.body);
  const shownRequestBody = shown(requestBody);
  const shownResponseBody = shown(request.responseBody === undefined ? undefined : redactor.redact(request.responseBody));
  const entry: JournalEntry = Object.freeze({
    id,
    time: time.toISOString(),
    environment: request.environment,
    operationId: request.operationId,
    method: request.method.toUpperCase().slice(0, maxMethodChars),
    path: cut(redactor.redactEncoded(queryStart < 0 ? request.url : request.url.slice(0, queryStart)), maxPathChars).text,
    query: redactQuery(queryStart < 0 ? '' : request.url.slice(queryStart + 1), redactor),
    requestHeaders: redactHeaders(request.headers, redactor),
    requestBody: shownRequestBody.text,
    requestBodyTruncated: shownRequestBody.truncated,
    status: request.status,
    outcome: request.outcome,
    latencyMs: Number.isFinite(request.latencyMs) ? Math.round(Math.max(0, request.latencyMs) * 10) / 10 : 0,
    responseBody: shownResponseBody.text,
    responseBodyTruncated: shownResponseBody.truncated,
    faultRuleId: request.faultRuleId,
  });
  return { entry, requestBody };
}

/** A (redacted) body as an entry shows it: cut after maxEntryBodyChars, null when there was none. */
function shown(body: string | undefined): { text: string | null; truncated: boolean } {
  return body === undefined ? { text: null, truncated: false } : cut(body, maxEntryBodyChars);
}
