// What the fuzz suite demands of each answer to a broken request: the status the documents give it (that of its
// first fault, in their order of precedence), a 4xx the operation documents, never a 5xx; problem+json valid against the schema of that response (checked
// with Ajv on the spec model's schema, and by Prism's validator, which also checks the required headers); and,
// for a 400 `validation-failed`, a violation in the part of the request that was broken.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ResponseValidator } from '../../src/contract/response-validator.js';
import type { JsonSchema } from '../../contract-tests/lib/spec-model.js';
import type { FuzzCase } from './fuzz-cases.js';
import type { RequestFault } from './fuzz-request.js';
import type { FuzzTarget } from './fuzz-spec.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false, logger: false }));
const compiled = new WeakMap<object, ValidateFunction>();

function schemaErrors(schema: JsonSchema, value: unknown): string[] {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? e.keyword}`);
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Everything wrong with the answer to a fuzz case; empty when it is as the documents say. */
export function judgeAnswer(target: FuzzTarget, fuzzCase: FuzzCase, faults: RequestFault[], answer: Answer, validator: ResponseValidator): string[] {
  const wrong: string[] = [];
  const { status } = answer;
  const { operation } = target;
  const documented = operation.responses.find((r) => r.status === String(status));
  if (status >= 500) wrong.push(`a server error (${status})`);
  else if (status < 400) wrong.push(`the broken request was accepted (${status})`);
  if (!documented) wrong.push(`${status} is not a status ${operation.operationId} documents (${operation.responses.map((r) => r.status).join(', ')})`);
  const expected = faults[0]?.status;
  if (status !== expected) wrong.push(`expected ${expected} (${faults[0]?.reason}), got ${status}`);

  const contentType = String(answer.headers['content-type'] ?? '');
  if (!contentType.startsWith('application/problem+json')) wrong.push(`content type "${contentType}", not application/problem+json`);
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    wrong.push(`the body is not JSON: ${answer.text.slice(0, 200)}`);
  }
  if (documented?.schema && body !== undefined) wrong.push(...schemaErrors(documented.schema, body).map((e) => `the body breaks the ${status} schema: ${e}`));
  const check = validator.check({ request: { method: operation.method, path: fuzzCase.url.slice(target.prefix.length) }, response: { status, headers: answer.headers, body } });
  if (check.operationId !== operation.operationId) wrong.push(`the answer was judged as ${check.operationId ?? 'no operation'}'s, not ${operation.operationId}'s`);
  wrong.push(...check.violations.map((v) => `Prism: ${v.message}${v.path ? ` (${v.path.join('.')})` : ''}`));

  const problem = body as { code?: unknown; errors?: { in?: unknown }[] } | undefined;
  const parts = faults.flatMap((f) => (f.part ? [f.part as string] : []));
  if (problem?.code === 'validation-failed' && parts.length > 0 && !problem.errors?.some((e) => parts.includes(String(e.in)))) {
    wrong.push(`validation-failed names no violation in the ${parts.join(' or ')}: ${JSON.stringify(problem.errors)}`);
  }
  if (wrong.length > 0) wrong.push(`answer: ${status} ${answer.text.slice(0, 500)}`);
  return wrong;
}
