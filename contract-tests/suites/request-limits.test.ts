// Negative, for every operation that documents them: a URL over the length stated in its 414 response → 414,
// and header fields over the size stated in its 431 response → 431, both problem+json. The requests carry no
// API key, so a target that ignored the limit could still change nothing (it would answer 401, and fail).
import { describe } from 'vitest';
import { contractContext } from '../lib/contract-context.js';
import { contractTest } from '../lib/contract-test.js';
import { documentedSize } from '../lib/documented-size.js';
import { freshPathParams, requiredQuery } from '../lib/request-parts.js';
import { expandPath } from '../lib/contract-client.js';

const ctx = await contractContext();

/**
 * How far over a limit the requests go: a proxy in front of the target may shorten the path (a prefix proxy
 * strips its prefix) or add header fields (X-Forwarded-*), so a request just one byte over could arrive under it.
 */
const margin = 256;

for (const operation of ctx.spec.operations) {
  const urlLimit = documentedSize(operation, 414);
  const headLimit = documentedSize(operation, 431);
  if (urlLimit === undefined && headLimit === undefined) continue;
  describe(`${operation.operationId}: request limits`, () => {
    if (urlLimit !== undefined) {
      contractTest(ctx, `a URL ${margin} bytes longer than ${urlLimit} bytes → 414`, { writes: false, pairs: [{ operationId: operation.operationId, status: 414 }] }, async () => {
        const pathParams = freshPathParams(operation, ctx.scenario());
        const query = requiredQuery(operation);
        const base = new URL(ctx.target.baseUrl).pathname;
        const sent = `${base}${expandPath(operation.path, pathParams)}?${new URLSearchParams({ ...query, contractPadding: '' }).toString()}`;
        query.contractPadding = 'x'.repeat(Math.max(0, urlLimit + margin - sent.length));
        await ctx.client.send({ operation, key: 'none', pathParams, query }, { status: 414 });
      });
    }
    if (headLimit !== undefined) {
      contractTest(ctx, `header fields ${margin} bytes larger than ${headLimit} bytes → 431`, { writes: false, pairs: [{ operationId: operation.operationId, status: 431 }] }, async () => {
        const headers = { 'X-Contract-Padding': 'x'.repeat(headLimit + margin) };
        await ctx.client.send({ operation, key: 'none', pathParams: freshPathParams(operation, ctx.scenario()), query: requiredQuery(operation), headers }, { status: 431 });
      });
    }
  });
}
