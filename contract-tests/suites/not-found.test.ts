// Negative: every operation addressed by a resource id answers 404 for an id that does not exist (a fresh id in
// the run's namespace), when the spec documents 404 for it.
import { describe } from 'vitest';
import { contractContext } from '../lib/contract-context.js';
import { contractTest } from '../lib/contract-test.js';
import { freshPathParams, requiredQuery } from '../lib/request-parts.js';
import { documents } from '../lib/spec-model.js';

const ctx = await contractContext();

for (const operation of ctx.spec.operations) {
  const idParameters = operation.parameters.filter((p) => p.in === 'path' && ctx.resources.byIdField(p.name));
  if (idParameters.length === 0 || !documents(operation, 404) || operation.body) continue;
  describe(`${operation.operationId}: unknown id`, () => {
    contractTest(ctx, `${idParameters.map((p) => p.name).join(', ')} that does not exist → 404`, { writes: operation.writes, pairs: [{ operationId: operation.operationId, status: 404 }] }, async () => {
      await ctx.client.send({ operation, pathParams: freshPathParams(operation, ctx.scenario()), query: requiredQuery(operation) }, { status: 404 });
    });
  });
}
