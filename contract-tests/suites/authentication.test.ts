// Auth, generated from the spec's security: every secured operation, sent with no credential and with a wrong one
// (an API key, or a bearer token where a bearer scheme secures it), answers 401 (problem+json with the documented
// WWW-Authenticate header, whose scheme is the one the operation takes). With writes allowed the request is
// otherwise valid (an example body), so only the key can be the reason; in read-only mode write operations get
// an empty body instead, so that a target that ignored the key still could not store anything.
import { describe } from 'vitest';
import type { ContractResponse, KeyChoice } from '../lib/contract-client.js';
import { contractContext } from '../lib/contract-context.js';
import { contractTest } from '../lib/contract-test.js';
import { freshPathParams, requiredQuery } from '../lib/request-parts.js';

const ctx = await contractContext();
const keyCases: { key: KeyChoice; label: string }[] = [
  { key: 'none', label: 'no API key' },
  { key: 'wrong', label: 'a wrong API key' },
];
const tokenCases: { key: KeyChoice; label: string }[] = [
  { key: 'none', label: 'no bearer token' },
  { key: 'wrong', label: 'a token that is no JWT' },
];

/** The challenge must name the scheme the operation takes. */
const challenges = (scheme: string) => (response: ContractResponse) =>
  (response.headers['www-authenticate'] ?? '').toLowerCase().startsWith(scheme.toLowerCase()) ? [] : [`WWW-Authenticate does not start with ${scheme}: ${response.headers['www-authenticate'] ?? '(none)'}`];

for (const operation of ctx.spec.operations.filter((op) => op.apiKeyHeaders.length > 0 || op.bearer)) {
  const resource = ctx.resources.createdBy(operation.operationId);
  const cases = operation.bearer ? tokenCases : keyCases;
  const checks = operation.bearer ? [challenges('Bearer')] : [];
  describe(`${operation.operationId}: authentication`, () => {
    for (const { key, label } of cases) {
      contractTest(ctx, `${label} → 401`, { writes: false, pairs: [{ operationId: operation.operationId, status: 401 }] }, async () => {
        const scenario = ctx.scenario();
        let body: unknown;
        if (operation.body) body = ctx.target.writesAllowed && resource ? scenario.exampleBody(resource) : {};
        await ctx.client.send({ operation, key, pathParams: freshPathParams(operation, scenario), query: requiredQuery(operation), body }, { status: 401, checks });
      });
    }
  });
}
