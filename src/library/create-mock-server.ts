// The mock as a library, for integrators' test suites (vitest, jest, node:test): one call starts it on a free port
// of 127.0.0.1 with its state in memory, and the handle gives its URLs, its keys, and the admin API's data actions.
//
//   const mock = await createMockServer();
//   await mock.seed(fixtures);                                    // or mock.seed() for the default fixtures
//   await fetch(`${mock.baseUrl('test')}/customers`, { headers: { 'X-API-Key': mock.keys.test } });
//   await mock.stop();
import type { AddressInfo } from 'node:net';
import { buildApp } from '../app.js';
import { devAdminKey, devApiKeys, devJwtSecret } from '../config.js';
import { mintDevToken } from '../http/dev-token.js';

export interface MockServerOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** A data file to keep the state in (it survives the server); default: memory only. */
  dataFile?: string;
  /** The OpenAPI document to serve; default the Cubit Core contract the package ships. */
  spec?: string;
  /** The API keys, the admin key and the bearer tokens' HS256 secret; default the development ones. */
  keys?: Partial<MockServerKeys>;
  /** Pino log level; default silent. */
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

export interface MockServerKeys {
  test: string;
  prod: string;
  /** X-Admin-Key of the admin API under /__admin. */
  admin: string;
  /** The HS256 secret the bearer tokens of the audit operations are signed with. */
  jwtSecret: string;
}

/** What each environment a data action touched holds after it: collection → number of records. */
export interface DataSummary {
  environments: Record<string, Record<string, number>>;
  durationMs: number;
}

/** A fixture file's content: `{ format: 'cubit-core-mock/fixtures-1', environments: { test: { customers: [...] } } }`. */
export type Fixtures = Record<string, unknown>;

export interface MockServer {
  /** The server's origin, e.g. http://127.0.0.1:39217. */
  url: string;
  /** An environment's base URL, e.g. http://127.0.0.1:39217/test. */
  baseUrl(environment: string): string;
  keys: MockServerKeys;
  /** A bearer token for the audit operations of an environment (default test), valid for an hour. */
  token(subject: string, environment?: string): Promise<string>;
  /** Empties every environment, or the one named. */
  reset(environment?: string): Promise<DataSummary>;
  /** Loads fixtures (default: the package's default fixtures), replacing what the environments they name hold. */
  seed(fixtures?: Fixtures, options?: { environment?: string; mode?: 'replace' | 'merge' }): Promise<DataSummary>;
  /** Stops the server and releases the data file. */
  stop(): Promise<void>;
}

/** The error a data action answers with, as the admin API's problem+json tells it. */
export class MockServerError extends Error {
  override name = 'MockServerError';
  constructor(
    message: string,
    readonly status: number,
    readonly problem: unknown,
  ) {
    super(message);
  }
}

export async function createMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const keys: MockServerKeys = { test: devApiKeys.test, prod: devApiKeys.prod, admin: devAdminKey, jwtSecret: devJwtSecret, ...options.keys };
  const app = await buildApp({
    spec: options.spec,
    apiKeys: { test: keys.test, prod: keys.prod },
    adminKey: keys.admin,
    jwt: { secret: keys.jwtSecret },
    dataFile: options.dataFile,
    // A test suite sends refused credentials on purpose, all from one address.
    authFailureLimit: false,
    logger: { level: options.logLevel ?? 'silent' },
  });
  try {
    await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  } catch (error) {
    await app.close();
    throw error;
  }
  const { port } = app.server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const admin = async (path: string, body?: unknown, query: Record<string, string | undefined> = {}): Promise<DataSummary> => {
    const search = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined)).toString();
    const answer = await app.inject({
      method: 'POST',
      url: `/__admin${path}${search ? `?${search}` : ''}`,
      headers: { 'x-admin-key': keys.admin, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
    const parsed = JSON.parse(answer.body) as unknown;
    if (answer.statusCode !== 200) throw new MockServerError(`${path}: ${answer.statusCode} ${(parsed as { detail?: string }).detail ?? answer.body}`, answer.statusCode, parsed);
    return parsed as DataSummary;
  };

  return {
    url,
    baseUrl: (environment) => `${url}/${environment}`,
    keys,
    token: (subject, environment = 'test') => mintDevToken({ subject, environment, expiresIn: '1h', secret: keys.jwtSecret }),
    reset: (environment) => admin('/data/reset', environment === undefined ? {} : { environment }),
    seed: (fixtures, seedOptions = {}) => admin('/data/seed', fixtures, seedOptions),
    stop: () => app.close(),
  };
}
