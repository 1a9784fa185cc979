// The run's preflight: before any test, the global setup sends one GET of the spec's first list operation with
// the API key. A target the suite cannot talk to (not running, a key it does not accept, a base URL without the
// environment segment, something else answering) stops the run with one message that says why, instead of
// hundreds of failed tests that all say the same thing. The messages never contain the key.
import { clip, redact } from './redaction.js';
import type { SpecModel, SpecOperation } from './spec-model.js';

export interface PreflightRequest {
  /** The environment's base URL, without a trailing slash. */
  baseUrl: string;
  apiKey: string;
  /** The spec's operations, one of which the preflight sends. */
  spec: Pick<SpecModel, 'operations'>;
  /** The spec's environment names (see spec-environments.ts): a base URL must end with one of them. */
  environments: string[];
  /** What the messages call the base URL and the key: the settings they came from. */
  names?: { baseUrl: string; apiKey: string };
  /** How long to wait for the whole answer. */
  timeoutMs?: number;
}

export type PreflightResult = { ok: true } | { ok: false; message: string };

const settingNames = { baseUrl: 'CONTRACT_BASE_URL', apiKey: 'CONTRACT_API_KEY' };
const stopped = 'No test was run.';

/**
 * The operation the preflight sends: the first GET that needs no path parameter and no required query parameter
 * and documents a 200 (a list, such as `GET /customers`), preferring one that requires an API key, so that the
 * answer also tells whether the key is accepted. Undefined when the spec has none: there is nothing to send.
 */
export function preflightOperation(spec: Pick<SpecModel, 'operations'>): SpecOperation | undefined {
  const candidates = spec.operations.filter(
    (op) => op.method === 'GET' && !op.path.includes('{') && !op.parameters.some((p) => p.in === 'path' || p.required) && op.responses.some((r) => r.status === '200'),
  );
  return candidates.find((op) => op.apiKeyHeaders.length > 0) ?? candidates[0];
}

/** Why a request got no answer, from fetch's error and its causes: `connect ECONNREFUSED 127.0.0.1:4010`. */
export function connectionFailure(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: unknown } | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
  let innermost = error;
  while (innermost instanceof Error && innermost.cause !== undefined) innermost = innermost.cause;
  const { message, code, errors } = innermost as { message?: unknown; code?: unknown; errors?: unknown };
  // A host with several addresses fails with an AggregateError that has no message of its own.
  const nested = Array.isArray(errors) ? errors.map((e: { message?: unknown }) => String(e.message)).join('; ') : '';
  const text = (typeof message === 'string' && message) || nested || (typeof code === 'string' && code) || String(innermost);
  return typeof code === 'string' && !text.includes(code) ? `${text} (${code})` : text;
}

const headerList = (headers: string[]): string => (headers.length === 1 ? `the ${headers[0]} header` : `the headers ${headers.join(', ')}`);

function isJson(contentType: string, text: string): boolean {
  if (!/json/i.test(contentType)) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function notFound(request: PreflightRequest, url: string, names: { baseUrl: string }): string {
  const { baseUrl, environments } = request;
  const parsed = new URL(baseUrl);
  const lastSegment = parsed.pathname.split('/').pop() ?? '';
  if (environments.length > 0 && !environments.includes(lastSegment)) {
    const endings = environments.map((e) => `/${e}`).join(' or ');
    const prefix = parsed.pathname.replace(/\/+$/, '');
    const example = `${parsed.origin}/${environments[0]}${prefix ? ` (or ${baseUrl}/${environments[0]}, if ${prefix} is part of the target's address)` : ''}`;
    return `GET ${url} answered 404: the base URL probably lacks the environment segment. ${names.baseUrl} must end with ${endings} (the spec's \`environment\` server variable), e.g. ${example}.`;
  }
  return `GET ${url} answered 404: the target does not serve the spec's list operation under ${baseUrl}. Is ${names.baseUrl} the base URL of an implementation of the spec?`;
}

/** Sends the preflight request and says whether the run can go on, or what stops it. */
export async function runPreflight(request: PreflightRequest): Promise<PreflightResult> {
  const { baseUrl, apiKey, spec, names = settingNames, timeoutMs = 10_000 } = request;
  const operation = preflightOperation(spec);
  if (!operation) return { ok: true };
  const url = `${baseUrl}${operation.path}`;
  const stop = (why: string): PreflightResult => ({ ok: false, message: redact(`Contract preflight: ${why} ${stopped}`, [apiKey]) });

  let status: number;
  let contentType: string;
  let location: string | null;
  let text: string;
  try {
    const headers = Object.fromEntries(operation.apiKeyHeaders.map((header) => [header, apiKey]));
    const response = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    ({ status } = response);
    contentType = response.headers.get('content-type') ?? '';
    location = response.headers.get('location');
    text = await response.text();
  } catch (error) {
    return stop(`cannot connect to ${baseUrl}: ${connectionFailure(error, timeoutMs)}. Is the target running, and is ${names.baseUrl} right?`);
  }

  if (status >= 200 && status < 300 && isJson(contentType, text)) return { ok: true };
  if (status === 401) {
    if (operation.apiKeyHeaders.length === 0) return stop(`GET ${url} answered 401, although the spec says ${operation.operationId} needs no API key.`);
    const environments = request.environments.length > 1 ? ` (${request.environments.join(', ')}: each has its own)` : '';
    return stop(
      `GET ${url} answered 401: this environment does not accept the API key in ${names.apiKey}, sent in ${headerList(operation.apiKeyHeaders)}. ` +
        `It is a wrong key, or another environment's key${environments}.`,
    );
  }
  if (status === 404) return stop(notFound(request, url, names));
  const body = clip(text.replace(/\s+/g, ' ').trim(), 200) || '(empty body)';
  const redirect = location ? `, redirecting to ${location}` : '';
  return stop(
    `GET ${url} answered ${status} ${contentType || '(no content type)'}${redirect}: ${body}. The suite expected the list operation ${operation.operationId} to answer 200 with JSON.`,
  );
}
