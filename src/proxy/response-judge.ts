// Judges an upstream's answer with the contract suite's own response validator (contract/response-validator.ts:
// documented status, exact media type, required headers, body schema; a problem+json 404/405 where no operation
// matches), and says where each violation is: a JSON Pointer into the body, `/header/<name>` or the status.
// The body is decoded (Content-Encoding) and read as JSON when its media type says JSON.
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { ResponseValidator, ResponseViolation } from '../contract/response-validator.js';
import { escapePointer } from '../http/parameter-decoding.js';
import { parsePointer, resolvePointer } from '../admin/request-journal.js';
import type { Finding, ViolationPart } from './proxy-violation.js';

export interface JudgedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body's bytes as they came (still Content-Encoded). */
  body: Buffer;
}

export interface JudgedExchange {
  method: string;
  /** The path under the environment, with the query. */
  relativeUrl: string;
  underServer: boolean;
}

const required = /^(?:.* )?must have required property '([^']*)'$/;
const additional = /^(?:.* )?must NOT have additional properties; found '([^']*)'$/;
const undocumentedStatus = /^Unable to match the returned status code with those defined in the document: (.*)$/;

const headerText = (headers: JudgedResponse['headers'], name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};

function decode(body: Buffer, encoding: string | undefined, limit: number): Buffer {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return gunzipSync(body, { maxOutputLength: limit });
    case 'deflate':
      return inflateSync(body, { maxOutputLength: limit });
    case 'br':
      return brotliDecompressSync(body, { maxOutputLength: limit });
    default:
      return body;
  }
}

const pointerOf = (segments: readonly string[]): string => segments.map((s) => `/${escapePointer(s)}`).join('');

/** Where a validator's violation is, and its rule without the where (the pointer says it). */
function locate(violation: ResponseViolation, status: number): { in: ViolationPart; pointer: string; rule: string } {
  const { message } = violation;
  const missing = required.exec(message)?.[1];
  const unknown = additional.exec(message)?.[1];
  const [part, ...segments] = violation.path ?? [];
  if (part === 'body') {
    const member = missing ?? unknown;
    const pointer = pointerOf(member === undefined ? segments : [...segments, member]);
    const rule = missing !== undefined ? 'is required' : unknown !== undefined ? 'is not a documented property' : message.replace(/^Response body (?:property \S+ )?/, '');
    return { in: 'body', pointer, rule };
  }
  if (part === 'header') {
    const name = segments[0] ?? missing ?? '';
    return { in: 'header', pointer: `/header/${escapePointer(name.toLowerCase())}`, rule: missing === undefined ? message.replace(/^Response header (?:parameter \S+ )?/, '') : 'is required' };
  }
  // The validator's own violations, and Prism's without a path, by what they say.
  const statusList = undocumentedStatus.exec(message)?.[1];
  if (statusList !== undefined) return { in: 'status', pointer: '', rule: `${status} is not a status this operation documents (${statusList.split(',').join(', ')})` };
  if (/matches no operation, yet the answer is|which GET does not document/.test(message)) return { in: 'status', pointer: '', rule: message.replace(/^\S+ \S+ (?=matches)/, '') };
  if (/media type|^content type/.test(message)) return { in: 'header', pointer: '/header/content-type', rule: message };
  if (message === '405 without an Allow header') return { in: 'header', pointer: '/header/allow', rule: 'is required on a 405' };
  if (message.startsWith('the spec documents no body')) return { in: 'body', pointer: '', rule: message };
  const problemMember = /^body(\/\S*)? (.*)$/.exec(message);
  if (problemMember) {
    const base = problemMember[1] ?? '';
    const rule = problemMember[2] ?? '';
    const name = required.exec(rule)?.[1];
    return { in: 'body', pointer: name === undefined ? base : `${base}/${escapePointer(name)}`, rule: name === undefined ? rule : 'is required' };
  }
  return { in: 'status', pointer: '', rule: message };
}

export function createResponseJudge(validator: ResponseValidator, bodyLimit: number): (exchange: JudgedExchange, response: JudgedResponse) => { operationId: string | undefined; findings: Finding[] } {
  return (exchange, response) => {
    const findings: Finding[] = [];
    const contentType = headerText(response.headers, 'content-type') ?? '';
    let text = '';
    try {
      text = decode(response.body, headerText(response.headers, 'content-encoding'), bodyLimit).toString('utf8');
    } catch {
      findings.push({ direction: 'response', in: 'body', pointer: '', rule: `the body cannot be decoded as its Content-Encoding (${headerText(response.headers, 'content-encoding') ?? ''}) says` });
    }
    let body: unknown = exchange.method === 'HEAD' || text === '' ? undefined : text;
    if (typeof body === 'string' && /json/i.test(contentType)) {
      try {
        body = JSON.parse(text);
      } catch {
        findings.push({ direction: 'response', in: 'body', pointer: '', rule: `is not valid JSON, although the content type is ${contentType}`, payload: { text } });
      }
    }
    const checked = validator.check({ request: { method: exchange.method, path: exchange.relativeUrl, underServer: exchange.underServer }, response: { status: response.status, headers: response.headers, body } });
    for (const violation of checked.violations) {
      const where = locate(violation, response.status);
      findings.push({ direction: 'response', ...where, payload: payloadOf(where, body, text, response.headers) });
    }
    return { operationId: checked.operationId, findings };
  };
}

/** The offending value: the body member (or the object that lacks it), the header's value, or the body as text. */
function payloadOf(where: { in: ViolationPart; pointer: string }, body: unknown, text: string, headers: JudgedResponse['headers']): Finding['payload'] {
  if (where.in === 'header') {
    const value = headerText(headers, (parsePointer(where.pointer) ?? [])[1] ?? '');
    return value === undefined ? undefined : { text: value };
  }
  if (where.in === 'body' && where.pointer !== '' && body !== undefined && typeof body !== 'string') {
    const tokens = parsePointer(where.pointer) ?? [];
    const member = resolvePointer(body, tokens) ?? resolvePointer(body, tokens.slice(0, -1));
    return member === undefined ? undefined : { value: member.value };
  }
  return text === '' ? undefined : { text };
}
