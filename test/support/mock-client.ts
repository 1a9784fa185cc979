// A client for the mock that checks every response it receives against the spec with Prism's validator.
// Two transports: Fastify's inject (no socket) and real HTTP to a listener on 127.0.0.1, port 0.
import type { FastifyInstance } from 'fastify';
import { defaultSpecFile } from '../../src/app.js';
import { createResponseValidator, type ResponseValidator } from '../../src/contract/response-validator.js';
import { type Environment, testKeys } from './test-keys.js';

export interface MockResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  text: string;
}

export interface RequestOptions {
  /** The X-API-Key to send; defaults to the environment's key, null sends none. */
  key?: string | null;
  /** A bearer token to send (Authorization: Bearer …), for the audit operations; then no API key is sent by default. */
  token?: string;
  body?: unknown;
  /** A raw body sent as is (with the given headers). */
  rawBody?: string;
  headers?: Record<string, string>;
}

export type Transport = (method: string, url: string, headers: Record<string, string>, payload: string | undefined) => Promise<Omit<MockResponse, 'body'>>;

/** Requests through Fastify's inject: no socket. */
export const injectTransport =
  (app: FastifyInstance): Transport =>
  async (method, url, headers, payload) => {
    const response = await app.inject({ method: method as never, url, headers, payload });
    const received = Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name, typeof value === 'number' ? String(value) : value]));
    return { status: response.statusCode, headers: received, text: response.body };
  };

/** Requests over real HTTP to a base URL. */
export const httpTransport =
  (baseUrl: string): Transport =>
  async (method, url, headers, payload) => {
    const response = await fetch(`${baseUrl}${url}`, { method, headers, body: payload });
    return { status: response.status, headers: Object.fromEntries(response.headers), text: await response.text() };
  };

let validatorPromise: Promise<ResponseValidator> | undefined;
export const sharedValidator = (): Promise<ResponseValidator> => (validatorPromise ??= createResponseValidator(defaultSpecFile));

export class MockClient {
  private constructor(
    private readonly transport: Transport,
    private readonly validator: ResponseValidator,
  ) {}

  static async inject(app: FastifyInstance): Promise<MockClient> {
    return new MockClient(injectTransport(app), await sharedValidator());
  }

  static async http(baseUrl: string): Promise<MockClient> {
    return new MockClient(httpTransport(baseUrl), await sharedValidator());
  }

  /** Sends a request to `/{environment}{path}` and fails the test if the answer breaks the contract. */
  async request(environment: string, method: string, path: string, options: RequestOptions = {}): Promise<MockResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    const key = options.key === undefined ? (options.token === undefined ? testKeys[environment as Environment] : null) : options.key;
    if (key !== null && key !== undefined) headers['x-api-key'] = key;
    let payload = options.rawBody;
    if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const raw = await this.transport(method, `/${environment}${path}`, headers, payload);
    const contentType = String(raw.headers['content-type'] ?? '');
    const body: unknown = raw.text && contentType.includes('json') ? JSON.parse(raw.text) : raw.text || undefined;
    const response = { ...raw, body };
    const underServer = environment in testKeys;
    const violations = this.validator.validate({ request: { method, path, underServer }, response });
    if (violations.length > 0) {
      const list = violations.map((v) => `  - ${v.message}${v.path ? ` (${v.path.join('.')})` : ''}`).join('\n');
      throw new Error(`${method} /${environment}${path} → ${raw.status} breaks the contract:\n${list}\nbody: ${raw.text.slice(0, 500)}`);
    }
    return response;
  }
}
