// The console's session: the admin key (kept in this tab's sessionStorage only, so a reload does not ask again and
// closing the tab forgets it) and what issueClientCredentials handed out for each environment (kept in memory only).
// Every call to the mock goes through here, so no view ever handles a key.
import { type Answer, type Query, RequestFailed, request, withQuery } from './http.js';

const storageKey = 'cubit-core-mock.console.admin-key';
const subject = 'qa-console';
/** Credentials are fetched again when their bearer token has less than this left. */
const renewBeforeMs = 60_000;

export interface EnvironmentCredentials {
  environment: string;
  baseUrl: string;
  apiKeyHeader: string;
  apiKey: string;
  bearerToken: string | null;
  bearerTokenExpiresAt: string | null;
  bearerTokenUnavailable?: string;
}

interface CallOptions {
  query?: Query;
  body?: unknown;
}

export class Session {
  private constructor(
    private readonly adminKey: string,
    private credentials: Map<string, EnvironmentCredentials>,
  ) {}

  /** Opens a session with this admin key: refused with the mock's 401 when the key is wrong. */
  static async open(adminKey: string): Promise<Session> {
    const credentials = await fetchCredentials(adminKey);
    sessionStorage.setItem(storageKey, adminKey);
    return new Session(adminKey, credentials);
  }

  /** The session this tab opened before a reload, if its key still works. */
  static async resume(): Promise<Session | undefined> {
    const adminKey = sessionStorage.getItem(storageKey);
    if (adminKey === null) return undefined;
    try {
      return await Session.open(adminKey);
    } catch (error) {
      if (error instanceof RequestFailed && error.status === 401) sessionStorage.removeItem(storageKey);
      return undefined;
    }
  }

  close(): void {
    sessionStorage.removeItem(storageKey);
    this.credentials = new Map();
  }

  get environments(): string[] {
    return [...this.credentials.keys()];
  }

  /** Why audits cannot be changed from the console in this environment, if they cannot. */
  bearerUnavailable(environment: string): string | undefined {
    return this.credentials.get(environment)?.bearerTokenUnavailable;
  }

  admin<T>(method: string, path: string, options: CallOptions = {}): Promise<Answer<T>> {
    return request<T>(withQuery(`/__admin${path}`, options.query), { method, headers: { 'x-admin-key': this.adminKey }, body: options.body });
  }

  /** A raw admin request (a file upload with progress), with the admin key. */
  adminXhr(method: string, path: string, query: Query): XMLHttpRequest {
    const xhr = new XMLHttpRequest();
    xhr.open(method, withQuery(`/__admin${path}`, query));
    xhr.setRequestHeader('x-admin-key', this.adminKey);
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('content-type', 'application/json');
    return xhr;
  }

  /** A request to an environment of the main API: with its API key, or its bearer token for the audit operations. */
  async api<T>(environment: string, method: string, path: string, options: CallOptions & { bearer?: boolean } = {}): Promise<Answer<T>> {
    const credentials = await this.credentialsFor(environment, options.bearer === true);
    const headers: Record<string, string> = {};
    if (options.bearer) {
      if (credentials.bearerToken === null) throw new RequestFailed(0, { title: 'No bearer token', detail: credentials.bearerTokenUnavailable });
      headers.authorization = `Bearer ${credentials.bearerToken}`;
    } else {
      headers[credentials.apiKeyHeader] = credentials.apiKey;
    }
    return request<T>(withQuery(`${new URL(credentials.baseUrl).pathname}${path}`, options.query), { method, headers, body: options.body });
  }

  private async credentialsFor(environment: string, bearer: boolean): Promise<EnvironmentCredentials> {
    let credentials = this.credentials.get(environment);
    const expiresAt = credentials?.bearerTokenExpiresAt ? Date.parse(credentials.bearerTokenExpiresAt) : Number.POSITIVE_INFINITY;
    if (bearer && expiresAt - Date.now() < renewBeforeMs) {
      this.credentials = await fetchCredentials(this.adminKey);
      credentials = this.credentials.get(environment);
    }
    if (!credentials) throw new RequestFailed(0, { title: 'Unknown environment', detail: `The mock has no environment ${environment}.` });
    return credentials;
  }
}

async function fetchCredentials(adminKey: string): Promise<Map<string, EnvironmentCredentials>> {
  const { body } = await request<{ environments: EnvironmentCredentials[] }>('/__admin/client-credentials', {
    method: 'POST',
    headers: { 'x-admin-key': adminKey },
    body: { subject, expiresInSeconds: 3600 },
  });
  return new Map(body.environments.map((credentials) => [credentials.environment, credentials]));
}
