// One request to a mock, with the test keys, as the torture scenarios make them: the answer, or why there was none.
// A request that never reached the mock (connection refused) is told apart from one whose fate is unknown (the
// connection broke after it was sent): only the first is certainly not applied.
import { testAdminKey } from '../../test/support/admin-client.js';
import { testKeys } from '../../test/support/test-keys.js';

export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface NoAnswer {
  status: undefined;
  /** True when the request certainly never reached the mock. */
  refused: boolean;
  error: string;
}

export interface CallOptions {
  body?: unknown;
  /** A bearer token (audit operations) instead of the API key. */
  token?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

const refusedCodes = new Set(['ECONNREFUSED', 'ENOENT', 'EADDRNOTAVAIL']);

export async function call(baseUrl: string, method: string, path: string, options: CallOptions = {}): Promise<Answer | NoAnswer> {
  const headers: Record<string, string> = { ...options.headers };
  if (path.startsWith('/__admin')) headers['x-admin-key'] = testAdminKey;
  else if (options.token) headers.authorization = `Bearer ${options.token}`;
  else headers['x-api-key'] = testKeys.test;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  try {
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body), signal: options.signal });
    const text = await response.text();
    let body: unknown = text;
    if (text && (response.headers.get('content-type') ?? '').includes('json')) body = JSON.parse(text) as unknown;
    return { status: response.status, headers: response.headers, body };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { status: undefined, refused: refusedCodes.has(cause?.code ?? ''), error: cause?.message ?? (error as Error).message };
  }
}

/** The `code` of a problem answer, if it is one. */
export const problemCode = (answer: Answer): string | undefined => (answer.body as { code?: string } | undefined)?.code;

/** The test environment as the running mock holds it: collection → id → record (admin API export). */
export type EnvironmentState = Record<string, Record<string, Record<string, unknown>>>;

export async function exportTest(baseUrl: string): Promise<EnvironmentState> {
  const answer = await call(baseUrl, 'GET', '/__admin/data/snapshot?environment=test');
  if (answer.status !== 200) throw new Error(`the snapshot export answered ${answer.status ?? answer.error}`);
  return (answer.body as { environments: { test?: EnvironmentState } }).environments.test ?? {};
}
