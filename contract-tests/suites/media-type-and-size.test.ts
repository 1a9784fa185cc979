// Negative, for every operation that takes a JSON body: a valid body sent with another content type → 415, and a
// JSON body one byte over the documented size limit → 413 (each only where the spec documents that status). The
// limit is read from the 413 response's description (e.g. "larger than 1 MiB").
import { describe } from 'vitest';
import { contractContext } from '../lib/contract-context.js';
import { contractTest } from '../lib/contract-test.js';
import { freshPathParams } from '../lib/request-parts.js';
import { bodySizeLimit } from '../lib/documented-size.js';
import { documents } from '../lib/spec-model.js';

const ctx = await contractContext();

for (const operation of ctx.spec.operations.filter((op) => op.body)) {
  const resource = ctx.resources.createdBy(operation.operationId);
  describe(`${operation.operationId}: media type and size`, () => {
    if (documents(operation, 415)) {
      contractTest(ctx, 'a valid body sent as text/plain → 415', { writes: true, pairs: [{ operationId: operation.operationId, status: 415 }] }, async () => {
        const scenario = ctx.scenario();
        const body = resource ? scenario.exampleBody(resource) : {};
        await ctx.client.send({ operation, pathParams: freshPathParams(operation, scenario), raw: { text: JSON.stringify(body), contentType: 'text/plain' } }, { status: 415 });
      });
    }
    const limit = bodySizeLimit(operation);
    if (limit !== undefined) {
      contractTest(ctx, `a JSON body of ${limit + 1} bytes (the limit + 1) → 413`, { writes: true, pairs: [{ operationId: operation.operationId, status: 413 }] }, async () => {
        const scenario = ctx.scenario();
        const prefix = '{"contractPadding":"';
        const text = `${prefix}${'x'.repeat(limit + 1 - prefix.length - 2)}"}`;
        await ctx.client.send({ operation, pathParams: freshPathParams(operation, scenario), raw: { text, contentType: 'application/json' } }, { status: 413 });
      });
    }
  });
}
