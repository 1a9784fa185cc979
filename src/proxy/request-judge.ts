// Judges a request against the spec as the mock would, without Fastify: the route (environment, path, method),
// the security header's presence (never its value), the header parameters, the body's media type and JSON, and
// then the path, query and body with the mock's own ValidatorFactory (the same schema views, parameter syntax,
// enforced formats and messages as the mock's 400). Every violation is reported, not just the first; each also
// in the shape of the mock's 400 `errors`, for the proxy's strict mode.
import type { IncomingHttpHeaders } from 'node:http';
import { parsePointer, resolvePointer } from '../admin/request-journal.js';
import { isCredentialQueryName, redactedHeaderNames, redactedMarker } from '../admin/redaction.js';
import { ApiError, type Violation } from '../errors/api-error.js';
import { bodyText, parseJsonBody } from '../http/json-request-body.js';
import { ValidatorFactory } from '../http/request-validation.js';
import { formatsUsed } from '../spec/enforced-formats.js';
import type { LoadedSpec } from '../spec/load-spec.js';
import type { Operation } from '../spec/operations.js';
import { headerParameters } from './header-parameters.js';
import { type Route, operationRouter } from './operation-router.js';
import type { Finding } from './proxy-violation.js';

export interface JudgedRequest {
  method: string;
  /** The URL as it arrived: path and query, percent-encoded. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface RequestJudgement {
  route: Route;
  operationId: string | null;
  /** The path under the environment, with the query (`/customers?limit=5`): what the response validator routes. */
  relativeUrl: string;
  /** Whether the path starts with one of the spec's environments. */
  underServer: boolean;
  findings: Finding[];
  /** The findings as the mock's 400 lists violations ({ in, pointer, message }). */
  errors: Violation[];
}

const malformedPath = 'has a malformed percent-encoding: every % must be followed by two hexadecimal digits of valid UTF-8';
const mediaType = /^[a-z0-9!#$&^_.+-]{1,64}\/[a-z0-9!#$&^_.+-]{1,64}$/;

type Found = { finding: Finding; error: Violation };

const headerValue = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
};

/** A header's value as a payload: a credential header's never. */
const headerPayload = (name: string, value: string | undefined): Finding['payload'] =>
  value === undefined ? undefined : { text: redactedHeaderNames.includes(name.toLowerCase()) ? redactedMarker : value };

function found(part: Violation['in'], pointer: string, rule: string, payload?: Finding['payload']): Found {
  const where = part === 'body' ? pointer : `/${part}${pointer}`;
  return { finding: { direction: 'request', in: part, pointer: where, rule, payload }, error: { in: part, pointer, message: rule } };
}

function routeFinding(rule: string): Found {
  return { finding: { direction: 'request', in: 'route', pointer: '', rule }, error: { in: 'path', pointer: '', message: rule } };
}

/** The query as Fastify hands it to the validator: one value per name, a list for a name given more than once. */
function parseQuery(rawQuery: string): Record<string, string | string[]> {
  const query = Object.create(null) as Record<string, string | string[]>;
  for (const [name, value] of new URLSearchParams(rawQuery)) {
    const previous = query[name];
    query[name] = previous === undefined ? value : [...([] as string[]).concat(previous), value];
  }
  return query;
}

function decodeParams(raw: Record<string, string>): Record<string, string> | undefined {
  try {
    return Object.fromEntries(Object.entries(raw).map(([name, value]) => [name, decodeURIComponent(value)]));
  } catch {
    return undefined;
  }
}

/** The credentials the operation's security asks for: present, in the right header (their values are not judged). */
function securityFindings(operation: Operation, headers: IncomingHttpHeaders): Found[] {
  if (operation.bearer) {
    const authorization = headerValue(headers, 'authorization');
    if (authorization === undefined || authorization === '') return [found('header', '/Authorization', 'is required: this operation is secured by a bearer token (Authorization: Bearer <token>)')];
    if (!/^bearer +\S/i.test(authorization)) return [found('header', '/Authorization', 'must carry a bearer token: Authorization: Bearer <token>', headerPayload('authorization', authorization))];
    return [];
  }
  if (operation.security.length === 0) return [];
  if (operation.security.some((scheme) => (headerValue(headers, scheme.header) ?? '') !== '')) return [];
  const names = operation.security.map((scheme) => scheme.header).join(' or ');
  return [found('header', `/${operation.security[0]?.header ?? ''}`, `is required: this operation is secured by an API key in the ${names} header`)];
}

type Body = { kind: 'absent' } | { kind: 'json'; value: unknown } | { kind: 'refused' };

/** The body as the mock's parser reads it: its media type (415), its charset and JSON (malformed-json). */
function readBody(operation: Operation, request: JudgedRequest, out: Found[]): Body {
  const contentType = headerValue(request.headers, 'content-type');
  if (!operation.bodySchema) {
    if (request.method !== 'GET' && request.method !== 'HEAD' && request.body.length > 0) out.push(found('body', '', 'must be absent: this operation takes no request body'));
    return { kind: 'absent' };
  }
  if (contentType === undefined && request.body.length === 0) return { kind: 'absent' };
  const sent = contentType?.split(';')[0]?.trim().toLowerCase();
  if (sent !== 'application/json') {
    const what = sent === undefined || sent === '' ? 'The request has a body but no Content-Type' : mediaType.test(sent) ? `Content-Type ${sent} is not supported` : 'The Content-Type header is not a media type';
    out.push(found('header', '/Content-Type', `${what}; send the body as application/json.`, headerPayload('content-type', contentType)));
    return { kind: 'refused' };
  }
  try {
    return { kind: 'json', value: parseJsonBody(bodyText(request.body, contentType)) };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    out.push(found('body', '', error.detail, { text: request.body.toString('utf8') }));
    return { kind: 'refused' };
  }
}

/** The offending value of a violation the validator named: the member itself, or the object that lacks it. */
function payloadOf(violation: Violation, parts: { params: Record<string, string>; query: Record<string, unknown>; body: unknown; headers: IncomingHttpHeaders }): Finding['payload'] {
  const tokens = parsePointer(violation.pointer) ?? [];
  if (violation.in === 'body') {
    const member = resolvePointer(parts.body, tokens) ?? resolvePointer(parts.body, tokens.slice(0, -1));
    return member === undefined ? undefined : { value: member.value };
  }
  const name = tokens[0] ?? '';
  if (violation.in === 'query') return Object.hasOwn(parts.query, name) ? { value: isCredentialQueryName(name) ? redactedMarker : parts.query[name] } : undefined;
  if (violation.in === 'path') return Object.hasOwn(parts.params, name) ? { value: parts.params[name] } : undefined;
  return headerPayload(name, headerValue(parts.headers, name));
}

export function createRequestJudge(spec: LoadedSpec): (request: JudgedRequest) => RequestJudgement {
  const route = operationRouter(spec.environments, spec.operations);
  const headers = headerParameters(spec.dereferenced);
  const schemas = [...spec.operations.flatMap((op) => [op.pathSchema, op.querySchema, op.bodySchema]), ...[...headers.values()].map((h) => h.schema)];
  const factory = new ValidatorFactory(spec.parameterSyntax, { enforced: spec.enforcedFormats, used: formatsUsed(schemas) });
  const validators = new Map(spec.operations.map((op) => [op.operationId, factory.forOperation(op)]));
  const headerValidators = new Map([...headers].map(([operationId, h]) => [operationId, { names: h.names, validate: factory.bodyValidator(h.schema) }]));
  const prefixes = spec.environments.map((environment) => `/${environment}`).join(' or ');

  return (request) => {
    const queryAt = request.url.indexOf('?');
    const rawPath = queryAt < 0 ? request.url : request.url.slice(0, queryAt);
    const rawQuery = queryAt < 0 ? '' : request.url.slice(queryAt + 1);
    const routed = route(request.method, rawPath);
    const judged = (operationId: string | null, relativePath: string, list: Found[]): RequestJudgement => ({
      route: routed,
      operationId,
      relativeUrl: `${relativePath}${queryAt < 0 ? '' : request.url.slice(queryAt)}`,
      underServer: routed.kind !== 'no-environment',
      findings: list.map((f) => f.finding),
      errors: list.map((f) => f.error),
    });
    switch (routed.kind) {
      case 'no-environment':
        return judged(null, rawPath, [routeFinding(`is under no environment of the spec: its paths start with ${prefixes}`)]);
      case 'no-operation':
        return judged(null, routed.relativePath, [routeFinding('matches no operation of the spec')]);
      case 'method-not-allowed':
        return judged(null, routed.relativePath, [routeFinding(`${request.method} is not allowed on this path; allowed: ${routed.allowed.join(', ')}`)]);
      case 'operation':
        break;
    }
    const { operation } = routed;
    const out: Found[] = [...securityFindings(operation, request.headers)];
    const headerCheck = headerValidators.get(operation.operationId);
    if (headerCheck) {
      const values = Object.fromEntries(headerCheck.names.flatMap((name) => {
        const value = headerValue(request.headers, name);
        return value === undefined ? [] : [[name, value]];
      }));
      for (const v of headerCheck.validate(values)) out.push(found('header', v.pointer, v.message, payloadOf({ ...v, in: 'header' }, { params: {}, query: {}, body: undefined, headers: request.headers })));
    }
    const params = decodeParams(routed.rawParams);
    if (!params) out.push(found('path', '', malformedPath));
    const body = readBody(operation, request, out);
    const query = parseQuery(rawQuery);
    const parts = { params: params ?? {}, query, body: body.kind === 'json' ? body.value : undefined, headers: request.headers };
    try {
      validators.get(operation.operationId)?.({ params: params ?? routed.rawParams, query, body: parts.body });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      for (const v of error.options.errors ?? []) {
        // A body already refused (media type, JSON) is not judged again; a malformed path is named once.
        if (v.in === 'body' && body.kind === 'refused') continue;
        if (v.in === 'path' && !params) continue;
        out.push(found(v.in, v.pointer, v.message, payloadOf(v, parts)));
      }
    }
    return judged(operation.operationId, routed.relativePath, out);
  };
}
