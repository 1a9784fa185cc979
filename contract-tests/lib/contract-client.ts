// The one way tests talk to the target. Every answer is judged against the spec by Prism's validator (status
// documented, content type, required headers, body schema) and against what the test expected; any violation
// fails the test with the request that caused it (API key and bearer token redacted) and is recorded, as redacted,
// for the run's report.
// Answers that meet the contract are recorded as coverage of their (operation, status) pair.
import { expect } from 'vitest';
import type { ContractTarget } from './contract-target.js';
import { clip, redact } from './redaction.js';
import type { ResourceModel } from './resources.js';
import type { ResponseValidator } from '../../src/contract/response-validator.js';
import { appendRecord } from './run-records.js';
import type { RunNamespace } from './run-namespace.js';
import type { SpecOperation } from './spec-model.js';

export type KeyChoice = 'valid' | 'none' | 'wrong';

export interface ContractRequest {
  operation: SpecOperation;
  pathParams?: Record<string, string>;
  query?: Record<string, string>;
  /** A JSON body, sent as application/json. */
  body?: unknown;
  /** A body sent as is, with its own content type. */
  raw?: { text: string; contentType: string };
  /** Which credential to send: the operation's API key, or its bearer token; default: the target's. */
  key?: KeyChoice;
  /** More header fields to send. */
  headers?: Record<string, string>;
}

export interface Expectation {
  /** The status (or one of the statuses) the spec says this request gets. */
  status: number | readonly number[];
  /** For a validation failure: the problem's `errors` must name this part of the request and pointer. */
  violation?: { in: string; pointer: string };
  /** Further checks of a response with the expected status; each returns what is wrong (empty: nothing). */
  checks?: ((response: ContractResponse) => string[])[];
}

export interface ContractResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  text: string;
}

interface Sent {
  method: string;
  /** Path relative to the base URL, with the query string. */
  path: string;
  headers: Record<string, string>;
  payload: string | undefined;
  operationId: string | undefined;
  requestBody: unknown;
  key: KeyChoice;
  /** What the key choice applied to, for the request's description: `API key`, `bearer token`. */
  credential: string;
}

export function expandPath(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`No value for path parameter ${name} of ${template}`);
    return encodeURIComponent(value);
  });
}

function problemViolations(body: unknown, wanted: NonNullable<Expectation['violation']>): string[] {
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(errors)) return [`the problem has no \`errors\` list; expected one naming ${wanted.in} ${wanted.pointer || '(root)'}`];
  const named = errors.some((e: { in?: unknown; pointer?: unknown }) => e.in === wanted.in && e.pointer === wanted.pointer);
  return named ? [] : [`the problem's \`errors\` do not name ${wanted.in} ${wanted.pointer || '(root)'}: ${clip(JSON.stringify(errors), 400)}`];
}

export class ContractClient {
  readonly wrongKey: string;
  /** A token that is no JWT at all, as `wrong` sends it to bearer-secured operations. */
  readonly wrongToken: string;

  constructor(
    private readonly target: ContractTarget,
    private readonly validator: ResponseValidator,
    private readonly resources: ResourceModel,
    private readonly namespace: RunNamespace,
    /** The key headers sent with sendPath: those of the spec's secured operations. */
    private readonly apiKeyHeaders: string[],
  ) {
    this.wrongKey = `contract-wrong-key-${target.runId}`;
    this.wrongToken = `contract-wrong-token-${target.runId}`;
  }

  /** The secrets no message or report may show. */
  private get secrets(): string[] {
    return [this.target.apiKey, ...(this.target.bearerToken === undefined ? [] : [this.target.bearerToken])];
  }

  /** The Authorization header for a bearer-secured operation, as the key choice says. */
  private bearerHeader(key: KeyChoice): string | undefined {
    if (key === 'none') return undefined;
    return `Bearer ${key === 'wrong' ? this.wrongToken : (this.target.bearerToken ?? '')}`;
  }

  /** Sends a request to an operation and fails unless the answer meets the contract and the expectation. */
  async send(request: ContractRequest, expectation: Expectation): Promise<ContractResponse> {
    const { operation } = request;
    const query = new URLSearchParams(request.query ?? {}).toString();
    const path = `${expandPath(operation.path, request.pathParams)}${query ? `?${query}` : ''}`;
    const headers: Record<string, string> = { ...request.headers };
    const key = request.key ?? 'valid';
    const keyValue = key === 'valid' ? this.target.apiKey : key === 'wrong' ? this.wrongKey : undefined;
    for (const header of operation.apiKeyHeaders) if (keyValue !== undefined) headers[header] = keyValue;
    const authorization = operation.bearer ? this.bearerHeader(key) : undefined;
    if (authorization !== undefined) headers.authorization = authorization;
    let payload: string | undefined;
    if (request.raw) {
      payload = request.raw.text;
      headers['Content-Type'] = request.raw.contentType;
    } else if (request.body !== undefined) {
      payload = JSON.stringify(request.body);
      headers['Content-Type'] = 'application/json';
    }
    const credential = operation.bearer ? 'bearer token' : 'API key';
    return this.exchange({ method: operation.method, path, headers, payload, operationId: operation.operationId, requestBody: request.body, key, credential }, expectation);
  }

  /** Sends a GET (or other bodyless request) to a path relative to the base URL, e.g. one taken from a Location header. */
  async sendPath(method: string, path: string, expectation: Expectation, key: KeyChoice = 'valid'): Promise<ContractResponse> {
    const headers: Record<string, string> = {};
    const keyValue = key === 'valid' ? this.target.apiKey : key === 'wrong' ? this.wrongKey : undefined;
    if (keyValue !== undefined) for (const header of this.apiKeyHeaders) headers[header] = keyValue;
    // The path may belong to a bearer-secured operation: the token goes too (an API-key operation ignores it).
    const authorization = this.target.bearerToken === undefined ? undefined : this.bearerHeader(key);
    if (authorization !== undefined) headers.authorization = authorization;
    const credential = this.target.bearerToken === undefined ? 'API key' : 'API key or bearer token';
    return this.exchange({ method, path, headers, payload: undefined, operationId: undefined, requestBody: undefined, key, credential }, expectation);
  }

  private async exchange(sent: Sent, expectation: Expectation): Promise<ContractResponse> {
    const url = `${this.target.baseUrl}${sent.path}`;
    // Redirects are not followed: an undocumented 3xx is itself a violation.
    const raw = await fetch(url, { method: sent.method, headers: sent.headers, body: sent.payload, redirect: 'manual' });
    const text = await raw.text();
    const headers = Object.fromEntries(raw.headers);
    const contentType = headers['content-type'] ?? '';
    const problems: string[] = [];
    let body: unknown = text === '' ? undefined : text;
    if (text !== '' && /json/.test(contentType)) {
      try {
        body = JSON.parse(text);
      } catch {
        problems.push(`the body is not valid JSON although the content type is ${contentType}`);
      }
    }
    const response = { status: raw.status, headers, body, text };
    this.recordCreation(sent, response);

    const checked = this.validator.check({ request: { method: sent.method, path: sent.path }, response });
    problems.push(...checked.violations.map((v) => `${v.message}${v.path?.length ? ` (at ${v.path.join('.')})` : ''}`));
    const wanted = typeof expectation.status === 'number' ? [expectation.status] : expectation.status;
    if (!wanted.includes(response.status)) problems.unshift(`expected status ${wanted.join(' or ')}, got ${response.status}`);
    else {
      if (expectation.violation) problems.push(...problemViolations(body, expectation.violation));
      for (const check of expectation.checks ?? []) problems.push(...check(response));
    }

    const test = expect.getState().currentTestName ?? '(outside a test)';
    if (problems.length === 0) {
      if (checked.operationId) appendRecord(this.target.runDir, { type: 'hit', operationId: checked.operationId, status: response.status, test });
      return response;
    }
    const requestText = this.describeRequest(sent, url);
    const operationId = sent.operationId ?? checked.operationId;
    // A problem may quote the answer, and a target may echo the credentials it was sent.
    const shown = problems.map((problem) => redact(problem, this.secrets));
    appendRecord(this.target.runDir, { type: 'violation', test, operationId, expected: [...wanted], status: response.status, violations: shown, request: requestText });
    const responseText = `${response.status} ${contentType}\n  ${clip(text)}`;
    const message = [`${sent.method} ${sent.path} → ${response.status} breaks the contract:`, ...shown.map((p) => `  - ${p}`), 'request:', requestText, 'response:', `  ${responseText}`].join('\n');
    throw new Error(redact(message, this.secrets));
  }

  /** Fails the test with a violation that no single answer shows (e.g. an item missing from a list), and records it. */
  fail(operationId: string, expectedStatus: number, problems: string[], context: string): never {
    const test = expect.getState().currentTestName ?? '(outside a test)';
    const shown = problems.map((problem) => redact(problem, this.secrets));
    const shownContext = redact(context, this.secrets);
    appendRecord(this.target.runDir, { type: 'violation', test, operationId, expected: [expectedStatus], status: expectedStatus, violations: shown, request: shownContext });
    throw new Error([`${operationId} breaks the contract:`, ...shown.map((p) => `  - ${p}`), shownContext].join('\n'));
  }

  private recordCreation(sent: Sent, response: { status: number; body: unknown }): void {
    const resource = sent.operationId ? this.resources.createdBy(sent.operationId) : undefined;
    if (!resource || response.status < 200 || response.status > 299) return;
    const fromResponse = (response.body as Record<string, unknown> | undefined)?.[resource.idField];
    const fromRequest = (sent.requestBody as Record<string, unknown> | undefined)?.[resource.idField];
    for (const id of new Set([fromResponse, fromRequest])) {
      // Only ids in the run's namespace are ever deleted: never something the run did not create.
      if (this.namespace.owns(id)) appendRecord(this.target.runDir, { type: 'created', resource: resource.name, id: id as string });
    }
  }

  private describeRequest(sent: Sent, url: string): string {
    const lines = [`  ${sent.method} ${clip(url, 300)}`];
    for (const [name, value] of Object.entries(sent.headers)) {
      const isKey = value === this.target.apiKey || value === this.wrongKey;
      const isToken = name === 'authorization' && /^Bearer /.test(value);
      lines.push(`  ${name}: ${isKey ? `[redacted ${sent.key} key]` : isToken ? `Bearer [redacted ${sent.key} token]` : clip(value, 200)}`);
    }
    if (sent.key === 'none') lines.push(`  (no ${sent.credential} sent)`);
    if (sent.payload !== undefined) lines.push(`  ${clip(sent.payload)}`);
    return redact(lines.join('\n'), this.secrets);
  }
}
