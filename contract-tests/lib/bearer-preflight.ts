// The preflight's second request, for a spec whose operations a bearer scheme secures: once the API key's
// preflight passed, one GET of the first such list operation with the bearer token. A token the target refuses
// (expired, signed with another key, issued for another environment) stops the run with one message that names
// the setting, never the token, instead of every bearer-secured test failing with the same 401. Any other answer
// is left to the tests to judge.
import { connectionFailure, type PreflightResult } from './preflight.js';
import { redact } from './redaction.js';
import type { SpecModel, SpecOperation } from './spec-model.js';

export interface BearerPreflightRequest {
  /** The environment's base URL, without a trailing slash. */
  baseUrl: string;
  bearerToken: string;
  spec: Pick<SpecModel, 'operations'>;
  /** What the message calls the token: the setting it came from. */
  tokenName?: string;
  timeoutMs?: number;
}

/** The first bearer-secured GET that needs no path parameter and no required query parameter and documents a 200. */
export function bearerPreflightOperation(spec: Pick<SpecModel, 'operations'>): SpecOperation | undefined {
  return spec.operations.find(
    (op) => op.bearer && op.method === 'GET' && !op.path.includes('{') && !op.parameters.some((p) => p.in === 'path' || p.required) && op.responses.some((r) => r.status === '200'),
  );
}

export async function runBearerPreflight(request: BearerPreflightRequest): Promise<PreflightResult> {
  const { baseUrl, bearerToken, spec, tokenName = 'CONTRACT_BEARER_TOKEN', timeoutMs = 10_000 } = request;
  const operation = bearerPreflightOperation(spec);
  if (!operation) return { ok: true };
  const url = `${baseUrl}${operation.path}`;
  const stop = (why: string): PreflightResult => ({ ok: false, message: redact(`Contract preflight: ${why} No test was run.`, [bearerToken]) });
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${bearerToken}` }, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
  } catch (error) {
    return stop(`cannot connect to ${baseUrl}: ${connectionFailure(error, timeoutMs)}.`);
  }
  if (response.status !== 401) return { ok: true };
  const challenge = response.headers.get('www-authenticate');
  return stop(
    `GET ${url} answered 401${challenge ? ` (WWW-Authenticate: ${challenge})` : ''}: this environment does not accept the bearer token in ${tokenName}, ` +
      `sent in the Authorization header to ${operation.operationId}. It is expired or not yet valid, signed with another key, or issued for another environment (its aud).`,
  );
}
