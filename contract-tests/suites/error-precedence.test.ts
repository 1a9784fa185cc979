// Negative, read from the document's x-cubit-error-precedence: for each operation, one request that breaks
// every rule the suite can break for it at once (a URL over the limit, no credential, a body of the wrong media
// type, too large, not JSON, an unknown query parameter, an id that does not exist), then the same request
// with the first-ranked rule mended, and so on: each answer must be the problem of the first rule still
// broken. And a path that does not exist, or a method the path lacks, is 404 or 405 even without a key. The
// credential left out is the one the operation's security names: its API key, or its bearer token.
import { describe } from 'vitest';
import { type ContractRequest, type ContractResponse, expandPath } from '../lib/contract-client.js';
import { contractContext } from '../lib/contract-context.js';
import { contractTest } from '../lib/contract-test.js';
import { bodySizeLimit, documentedSize } from '../lib/documented-size.js';
import { unknownParameterName } from '../lib/parameter-violations.js';
import { freshPathParams, requiredQuery } from '../lib/request-parts.js';
import type { SpecOperation } from '../lib/spec-model.js';

const ctx = await contractContext();
const precedence = ctx.spec.errorPrecedence;
const rank = (code: string): number => precedence.findIndex((group) => group.includes(code));

/** The documented status that carries this problem code for the operation. */
const statusOf = (operation: SpecOperation, code: string): number | undefined => {
  const entry = Object.entries(operation.problemCodes).find(([, codes]) => codes.includes(code));
  return entry ? Number(entry[0]) : undefined;
};

/** The rules the suite can break for this operation, as the problem codes they give, in the document's order. */
function breakableRules(operation: SpecOperation): string[] {
  const codes: string[] = [];
  const documents = (code: string) => statusOf(operation, code) !== undefined;
  if (documents('uri-too-long') && documentedSize(operation, 414) !== undefined) codes.push('uri-too-long');
  if ((operation.apiKeyHeaders.length > 0 || operation.bearer) && documents('unauthorized')) codes.push('unauthorized');
  if (operation.body && documents('unsupported-media-type')) codes.push('unsupported-media-type');
  if (operation.body && documents('payload-too-large') && bodySizeLimit(operation) !== undefined) codes.push('payload-too-large');
  if (operation.body && documents('malformed-json')) codes.push('malformed-json');
  if (documents('validation-failed')) codes.push('validation-failed');
  const notFound = (operation.problemCodes['404'] ?? []).find((code) => code !== 'not-found');
  if (!operation.body && notFound && operation.parameters.some((p) => p.in === 'path' && ctx.resources.byIdField(p.name))) codes.push(notFound);
  return codes.filter((code) => rank(code) >= 0).sort((a, b) => rank(a) - rank(b));
}

function request(operation: SpecOperation, broken: Set<string>): ContractRequest {
  const scenario = ctx.scenario();
  const query: Record<string, string> = requiredQuery(operation);
  if (broken.has('validation-failed')) query[unknownParameterName] = '1';
  if (broken.has('uri-too-long')) query.contractPadding = 'x'.repeat((documentedSize(operation, 414) ?? 0) + 256);
  const built: ContractRequest = { operation, pathParams: freshPathParams(operation, scenario), query, key: broken.has('unauthorized') ? 'none' : 'valid' };
  const oversized = `{"contractPadding":"${'x'.repeat((bodySizeLimit(operation) ?? 0) + 1)}`;
  if (broken.has('unsupported-media-type')) built.raw = { text: broken.has('payload-too-large') ? oversized : '{', contentType: 'text/plain' };
  else if (broken.has('payload-too-large')) built.raw = { text: oversized, contentType: 'application/json' };
  else if (broken.has('malformed-json')) built.raw = { text: '{', contentType: 'application/json' };
  else if (operation.body) {
    const resource = ctx.resources.createdBy(operation.operationId);
    built.body = resource ? scenario.exampleBody(resource) : {};
  }
  return built;
}

const codeIs =
  (...codes: string[]) =>
  (response: ContractResponse): string[] => {
    const code = (response.body as { code?: unknown } | undefined)?.code;
    return codes.includes(String(code)) ? [] : [`the problem's code is ${JSON.stringify(code)}, where x-cubit-error-precedence puts ${codes.join(' or ')} first`];
  };

for (const operation of ctx.spec.operations) {
  const rules = breakableRules(operation);
  if (precedence.length === 0 || rules.length < 2) continue;
  describe(`${operation.operationId}: error precedence`, () => {
    rules.forEach((code, index) => {
      const broken = rules.slice(index);
      const status = statusOf(operation, code) as number;
      contractTest(ctx, `${broken.join(' + ')} → ${status} ${code}`, { writes: operation.writes, pairs: [{ operationId: operation.operationId, status }] }, async () => {
        await ctx.client.send(request(operation, new Set(broken)), { status, checks: [codeIs(code)] });
      });
    });
  });
}

const pathLevel = precedence.find((group) => group.includes('not-found') && group.includes('method-not-allowed'));
const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
for (const path of pathLevel ? [...new Set(ctx.spec.operations.map((op) => op.path))] : []) {
  const served = ctx.spec.operations.filter((op) => op.path === path);
  const other = methods.find((method) => !served.some((op) => op.method === method)) as string;
  const sample = served[0] as SpecOperation;
  const without = `without ${sample.bearer ? 'a bearer token' : 'an API key'}`;
  describe(`${path}: error precedence`, () => {
    contractTest(ctx, `${other} ${without} → 405 method-not-allowed, before 401`, { writes: false, pairs: [] }, async () => {
      await ctx.client.sendPath(other, expandPath(path, freshPathParams(sample, ctx.scenario())), { status: 405, checks: [codeIs('method-not-allowed')] }, 'none');
    });
    contractTest(ctx, `a path under it that does not exist, ${without} → 404 not-found, before 401`, { writes: false, pairs: [] }, async () => {
      await ctx.client.sendPath('GET', `${expandPath(path, freshPathParams(sample, ctx.scenario()))}/contract-no-such/path`, { status: 404, checks: [codeIs('not-found')] }, 'none');
    });
  });
}
