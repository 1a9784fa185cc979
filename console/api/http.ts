// One HTTP exchange with the mock: JSON in, JSON out, and every refusal as a RequestFailed carrying the
// problem+json the mock answered (or, when it did not answer, why not).

export interface Violation {
  in: string;
  pointer: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: Violation[];
  [member: string]: unknown;
}

export class RequestFailed extends Error {
  override name = 'RequestFailed';

  constructor(
    /** The status answered; 0 when the mock did not answer. */
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

export interface Answer<T> {
  status: number;
  body: T;
  headers: Headers;
}

export type Query = Record<string, string | number | boolean | undefined>;

export function withQuery(path: string, query: Query = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== '') search.set(name, String(value));
  const text = search.toString();
  return text === '' ? path : `${path}?${text}`;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export async function request<T>(url: string, init: { method: string; headers?: Record<string, string>; body?: unknown }): Promise<Answer<T>> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...init.headers };
  let body: string | undefined;
  if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  let response: Response;
  try {
    response = await fetch(url, { method: init.method, headers, body, cache: 'no-store', credentials: 'omit' });
  } catch (error) {
    throw new RequestFailed(0, { title: 'The mock did not answer', detail: `${init.method} ${url}: ${(error as Error).message}. Is the mock still running?` });
  }
  const answered = await readBody(response);
  if (!response.ok) {
    const problem: Problem = typeof answered === 'object' && answered !== null ? (answered as Problem) : { title: response.statusText, detail: typeof answered === 'string' ? answered : undefined };
    throw new RequestFailed(response.status, { status: response.status, ...problem });
  }
  return { status: response.status, body: answered as T, headers: response.headers };
}
