// Positive: each named request example of each upsert is sent (ids moved into the run's namespace). The first
// example creates (the documented create status, with Location); each later one replaces a resource created from
// the example before it (the other documented 2xx). The answer is the stored resource: what was sent, plus the
// server-owned fields.
import { describe } from 'vitest';
import { contractContext } from '../lib/contract-context.js';
import { contractTest } from '../lib/contract-test.js';
import { bodyEquals } from '../lib/json-difference.js';

const ctx = await contractContext();

for (const resource of ctx.resources.resources) {
  const operation = resource.upsert;
  const examples = operation.body?.examples ?? [];
  const serverOwned = Object.keys(operation.body?.serverOwned ?? {});
  describe(`${operation.operationId}: named request examples`, () => {
    examples.forEach((example, index) => {
      const status = index === 0 ? resource.createdStatus : (resource.updatedStatus ?? resource.createdStatus);
      const after = index === 0 ? 'a new id' : `a resource created from example ${examples[index - 1]?.name ?? ''}`;
      contractTest(ctx, `example ${example.name} sent with ${after} → ${status}, the stored resource`, { writes: true, pairs: [{ operationId: operation.operationId, status }] }, async () => {
        const scenario = ctx.scenario();
        if (index > 0) await scenario.create(resource, index - 1);
        const body = scenario.exampleBody(resource, index);
        await scenario.createReferences(resource, body);
        await ctx.client.send({ operation, body }, { status, checks: [bodyEquals(body, 'the stored resource differs from the body sent', serverOwned)] });
      });
    });
  });
}
