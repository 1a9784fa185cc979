// A request as the fuzz suite sends it, with its credentials; how it goes on the wire; and whether the spec
// allows it at all, judged apart from how it was made, so that a mutation that happens to be valid is not sent.
import { expandPath } from '../../contract-tests/lib/contract-client.js';
import { maxUrlLength } from '../../src/http/request-limits.js';
import type { BaseRequest, FuzzTarget } from './fuzz-spec.js';

export interface FuzzRequest {
  pathParams: Record<string, string>;
  /** Path segments sent as they are, not percent-encoded (a broken percent-encoding), by parameter name. */
  encodedPath?: Record<string, string>;
  /** In order; a name may repeat. */
  query: [string, string][];
  /** By lower-case name. */
  headers: Record<string, string>;
  /** The body's bytes (text when it is UTF-8); undefined: none. */
  body: string | Buffer | undefined;
}

export interface FuzzCredentials {
  /** The value each credential header must have, by lower-case name (`x-api-key`, `x-admin-key`). */
  keys: Record<string, string>;
  /** Keys the mock knows that are the wrong ones here: another environment's, the admin key, the API keys. */
  knownKeys: string[];
  /** A valid bearer token for the environment fuzzed. */
  token: string;
  /** Tokens the mock must refuse, by what is wrong with them. */
  badTokens: { label: string; token: string }[];
}

export const jsonContentType = 'application/json';

/** The request a base stands for, with valid credentials and, for a body, its Content-Type. */
export function validRequest(target: FuzzTarget, base: BaseRequest, credentials: FuzzCredentials): FuzzRequest {
  const headers: Record<string, string> = {};
  for (const header of target.operation.apiKeyHeaders) headers[header.toLowerCase()] = credentials.keys[header.toLowerCase()] as string;
  if (target.operation.bearer) headers.authorization = `Bearer ${credentials.token}`;
  let body: string | undefined;
  if (base.body !== undefined) {
    body = JSON.stringify(base.body);
    headers['content-type'] = jsonContentType;
  }
  return { pathParams: { ...base.pathParams }, query: base.query.map(([name, value]) => [name, value]), headers, body };
}

export function urlOf(target: FuzzTarget, request: FuzzRequest): string {
  const search = request.query.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
  const path = target.operation.path.replace(/\{([^}]+)\}/g, (segment, name: string) => request.encodedPath?.[name] ?? expandPath(segment, request.pathParams));
  return `${target.prefix}${path}${search ? `?${search}` : ''}`;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** application/json, in UTF-8 if a charset is named: the only body the documents take. */
export function isJsonContentType(value: string | undefined): boolean {
  const match = /^\s*application\/json\s*(?:;\s*charset\s*=\s*"?(utf-?8)"?\s*)?$/i.exec(value ?? '');
  return match !== null;
}

/**
 * One reason the documents refuse a request: the status they give it, and for a 400 `validation-failed` the part
 * of the request its violation is in.
 */
export interface RequestFault {
  status: number;
  part: 'path' | 'query' | 'header' | 'body' | undefined;
  reason: string;
}

const fault = (status: number, reason: string, part?: RequestFault['part']): RequestFault => ({ status, part, reason });

/** The body as a JSON value, or why it is refused before validation (415, 413, 400 malformed-json). */
function readBody(target: FuzzTarget, request: FuzzRequest): { value: unknown } | RequestFault {
  const bytes = typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : (request.body as Buffer);
  if (!isJsonContentType(request.headers['content-type'])) return fault(415, 'the body is not application/json in UTF-8');
  if (target.bodyLimit !== undefined && bytes.length > target.bodyLimit) return fault(413, `the body is over ${target.bodyLimit} bytes`);
  try {
    return { value: JSON.parse(utf8.decode(bytes)) };
  } catch {
    return fault(400, 'the body is not JSON in UTF-8');
  }
}

function parameterFaults(target: FuzzTarget, request: FuzzRequest): RequestFault[] {
  const faults: RequestFault[] = [];
  const { parameters } = target.operation;
  for (const parameter of parameters.filter((p) => p.in === 'path')) {
    const encoded = request.encodedPath?.[parameter.name];
    const value = encoded === undefined ? request.pathParams[parameter.name] : decodeURIComponent(encoded);
    if (value === undefined || !target.checker.acceptsParameter(parameter.schema, value)) faults.push(fault(400, `path ${parameter.name}`, 'path'));
  }
  const seen = new Set<string>();
  for (const [name, value] of request.query) {
    const parameter = parameters.find((p) => p.in === 'query' && p.name === name);
    if (!parameter || seen.has(name) || !target.checker.acceptsParameter(parameter.schema, value)) faults.push(fault(400, `query ${name}`, 'query'));
    seen.add(name);
  }
  for (const parameter of parameters) if (parameter.in === 'query' && parameter.required && !seen.has(parameter.name)) faults.push(fault(400, `query ${parameter.name} missing`, 'query'));
  for (const header of target.headerParameters) {
    const value = request.headers[header.name];
    if (value === undefined ? header.required : !target.checker.accepts(header.schema, value.trim())) faults.push(fault(400, `header ${header.name}`, 'header'));
  }
  return faults;
}

function credentialFaults(target: FuzzTarget, request: FuzzRequest, credentials: FuzzCredentials): RequestFault[] {
  const faults: RequestFault[] = [];
  for (const header of target.operation.apiKeyHeaders.map((h) => h.toLowerCase())) if (request.headers[header] !== credentials.keys[header]) faults.push(fault(401, header));
  if (target.operation.bearer && request.headers.authorization !== `Bearer ${credentials.token}`) faults.push(fault(401, 'authorization'));
  return faults;
}

/**
 * Why the documents refuse the request, judged in their order of precedence (x-cubit-error-precedence): the path's
 * percent-encoding, the URL's length, the credentials, the body's media type, size and JSON, then validation of the whole request. Empty when
 * the request is valid; the first fault's status is the one the request must get.
 */
export function requestFaults(target: FuzzTarget, request: FuzzRequest, credentials: FuzzCredentials): RequestFault[] {
  for (const [name, segment] of Object.entries(request.encodedPath ?? {})) {
    try {
      decodeURIComponent(segment);
    } catch {
      return [fault(400, `the path parameter ${name} has a broken percent-encoding`)];
    }
  }
  if (urlOf(target, request).length > maxUrlLength) return [fault(414, `the URL is over ${maxUrlLength} bytes`)];
  const credential = credentialFaults(target, request, credentials);
  if (credential.length > 0) return credential;
  const body = target.operation.body;
  let value: unknown;
  if (request.body !== undefined && body) {
    const read = readBody(target, request);
    if ('status' in read) return [read];
    value = read.value;
  }
  const faults = parameterFaults(target, request);
  if (body && request.body === undefined && body.required) faults.push(fault(400, 'the required body is missing', 'body'));
  if (body && request.body !== undefined && !target.checker.accepts(body.requestSchema, value)) faults.push(fault(400, 'the body breaks its schema', 'body'));
  return faults;
}
