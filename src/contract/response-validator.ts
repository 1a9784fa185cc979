// Judges an HTTP exchange against the spec with Prism's validator (@stoplight/prism-http): the status must be
// documented for the operation, and the content type, required headers and body must match the response.
// Prism matches media types loosely (application/json passes where application/problem+json is documented), so
// the media type is also checked exactly here, and a body where the spec documents none is a violation.
// Responses no operation serves (an unknown path, a method the path lacks) must be problem+json Problems.
// Shared by the contract suite (contract-tests/), the tests' clients (test/) and the validation proxy (src/proxy/).
import { createRequire } from 'node:module';
import SwaggerParser from '@apidevtools/swagger-parser';
// The operations module alone: the package's index also loads the example generator (faker), seconds on a busy machine.
import { getHttpOperationsFromSpec } from '@stoplight/prism-http/dist/utils/operations.js';
import { validateOutput } from '@stoplight/prism-http/dist/validator/index.js';
import type { IHttpOperation, IHttpOperationResponse } from '@stoplight/types';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { OpenAPIV3_1 } from 'openapi-types';

const require = createRequire(import.meta.url);
type Route = (options: { resources: IHttpOperation[]; input: unknown }) => { _tag: 'Left' | 'Right'; right?: IHttpOperation };
const route = (require('@stoplight/prism-http/dist/router') as { default: Route }).default;
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

export interface Exchange {
  request: {
    method: string;
    /** Path relative to the environment's base URL, with the query string. */
    path: string;
    /** False when the URL falls under none of the spec's servers (e.g. an unknown environment): no operation can match. */
    underServer?: boolean;
  };
  response: { status: number; headers: Record<string, string | string[] | undefined>; body: unknown };
}

export interface ResponseViolation {
  message: string;
  path?: string[];
}

export interface ResponseCheck {
  /** The operationId of the operation the request was routed to; undefined when none matches. */
  operationId: string | undefined;
  violations: ResponseViolation[];
}

export interface ResponseValidator {
  validate(exchange: Exchange): ResponseViolation[];
  /** Like validate, and also names the operation the request was routed to. */
  check(exchange: Exchange): ResponseCheck;
  operations: IHttpOperation[];
}

function stringHeaders(headers: Exchange['response']['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

/** The received media type must be one the spec documents for the status, exactly; no body where none is documented. */
function mediaTypeViolations(documented: IHttpOperationResponse, response: Exchange['response']): ResponseViolation[] {
  const hasBody = response.body !== undefined && response.body !== '';
  const mediaTypes = (documented.contents ?? []).map((content) => content.mediaType.toLowerCase());
  if (!hasBody) return [];
  if (mediaTypes.length === 0) return [{ message: `the spec documents no body for ${documented.code}, yet the answer has one` }];
  const received = (stringHeaders(response.headers)['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaTypes.includes(received) ? [] : [{ message: `content type "${received}" is not the documented ${mediaTypes.join(' or ')}` }];
}

export async function createResponseValidator(specFile: string): Promise<ResponseValidator> {
  const operations = await getHttpOperationsFromSpec(specFile);
  const document = (await SwaggerParser.dereference(specFile)) as OpenAPIV3_1.Document;
  const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
  const problemSchema = document.components?.schemas?.Problem as object;
  const isProblem = ajv.compile(problemSchema);

  function validateUnrouted({ request, response }: Exchange): ResponseViolation[] {
    const violations: ResponseViolation[] = [];
    const contentType = stringHeaders(response.headers)['content-type'] ?? '';
    if (![404, 405].includes(response.status)) {
      violations.push({ message: `${request.method} ${request.path} matches no operation, yet the answer is ${response.status} (expected 404 or 405)` });
    }
    if (response.status === 405 && !stringHeaders(response.headers).allow) violations.push({ message: '405 without an Allow header' });
    if (request.method !== 'HEAD') {
      if (!contentType.startsWith('application/problem+json')) violations.push({ message: `content type "${contentType}" is not application/problem+json` });
      if (!isProblem(response.body)) {
        for (const e of isProblem.errors ?? []) violations.push({ message: `body${e.instancePath} ${e.message ?? ''}`.trim() });
      }
    }
    return violations;
  }

  function check(exchange: Exchange): ResponseCheck {
    const { request, response } = exchange;
    const url = new URL(request.path, 'http://contract.invalid');
    const method = request.method === 'HEAD' ? 'get' : request.method.toLowerCase();
    const routed = route({ resources: operations, input: { method, url: { path: url.pathname, query: {} }, headers: {} } });
    if (request.underServer === false || routed._tag === 'Left' || !routed.right) return { operationId: undefined, violations: validateUnrouted(exchange) };
    const operation = routed.right;
    const operationId = operation.iid;
    if (request.method === 'HEAD') {
      const documented = operation.responses.some((r) => r.code === String(response.status));
      return { operationId, violations: documented ? [] : [{ message: `HEAD ${request.path} answered ${response.status}, which GET does not document` }] };
    }
    const result = validateOutput({
      resource: operation,
      element: { statusCode: response.status, headers: stringHeaders(response.headers), body: response.body },
    }) as { _tag: 'Left' | 'Right'; left?: { message: string; path?: string[]; severity: number }[] };
    // Severity 1 is Prism's warning for an undocumented non-2xx status: for a contract that is a violation too.
    const violations: ResponseViolation[] = result._tag === 'Left' ? (result.left ?? []).map(({ message, path }) => ({ message, path })) : [];
    const documented = operation.responses.find((r) => r.code === String(response.status));
    const prismSawMediaType = violations.some((v) => v.message.includes('media type'));
    if (documented && !prismSawMediaType) violations.push(...mediaTypeViolations(documented, response));
    return { operationId, violations };
  }

  return { operations, check, validate: (exchange) => check(exchange).violations };
}
