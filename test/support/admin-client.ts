// A client for the admin API (/__admin) that checks every answer against the admin document with Prism's
// validator, as MockClient does for the contract. Over Fastify's inject, or real HTTP.
import type { FastifyInstance } from 'fastify';
import { defaultAdminSpecFile } from '../../src/admin/admin-api.js';
import { createResponseValidator, type ResponseValidator } from '../../src/contract/response-validator.js';
import { httpTransport, injectTransport, type MockResponse, type Transport } from './mock-client.js';

import { testAdminKey } from '../../contract-tests/lib/fake-credentials.js';

/** Obviously fake; the tests' admin key. */
export { testAdminKey };

let validatorPromise: Promise<ResponseValidator> | undefined;
const adminValidator = (): Promise<ResponseValidator> => (validatorPromise ??= createResponseValidator(defaultAdminSpecFile));

export interface AdminRequestOptions {
  /** The X-Admin-Key to send; defaults to the tests' admin key, null sends none. */
  key?: string | null;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

export class AdminClient {
  private constructor(
    private readonly transport: Transport,
    private readonly validator: ResponseValidator,
  ) {}

  static async inject(app: FastifyInstance): Promise<AdminClient> {
    return new AdminClient(injectTransport(app), await adminValidator());
  }

  static async http(baseUrl: string): Promise<AdminClient> {
    return new AdminClient(httpTransport(baseUrl), await adminValidator());
  }

  /** Sends a request to `/__admin{path}` and fails the test if the answer breaks the admin document. */
  async request(method: string, path: string, options: AdminRequestOptions = {}): Promise<MockResponse> {
    const headers: Record<string, string> = { ...options.headers };
    const key = options.key === undefined ? testAdminKey : options.key;
    if (key !== null) headers['x-admin-key'] = key;
    let payload = options.rawBody;
    if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const raw = await this.transport(method, `/__admin${path}`, headers, payload);
    const contentType = String(raw.headers['content-type'] ?? '');
    const body: unknown = raw.text && contentType.includes('json') ? JSON.parse(raw.text) : raw.text || undefined;
    const response = { ...raw, body };
    const violations = this.validator.validate({ request: { method, path }, response });
    if (violations.length > 0) {
      const list = violations.map((v) => `  - ${v.message}${v.path ? ` (${v.path.join('.')})` : ''}`).join('\n');
      throw new Error(`${method} /__admin${path} → ${raw.status} breaks the admin document:\n${list}\nbody: ${raw.text.slice(0, 500)}`);
    }
    return response;
  }
}
