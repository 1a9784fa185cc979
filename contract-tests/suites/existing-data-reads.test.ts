// Positive, read-only mode: on a target the run may not write to, each resource is listed and the first item
// listed is read back with its get operation, which must answer 200 with the same item. With writes allowed the
// lifecycle tests read what they create, so these are skipped (with that reason).
import { describe } from 'vitest';
import { contractContext } from '../lib/contract-context.js';
import { contractTest, leaveOut } from '../lib/contract-test.js';
import { bodyEquals } from '../lib/json-difference.js';

const ctx = await contractContext();

for (const resource of ctx.resources.resources) {
  const { list, get, listItemsField } = resource;
  if (!list || !get || !listItemsField) continue;
  const pairs = [
    { operationId: list.operationId, status: 200 },
    { operationId: get.operationId, status: 200 },
  ];
  const name = `${list.operationId} → 200, then ${get.operationId} of the first item listed → 200, the same item`;
  const skip = ctx.target.writesAllowed ? 'writes are allowed, so the lifecycle tests read the data they create' : undefined;
  describe(`${resource.name}: existing data`, () => {
    contractTest(ctx, name, { writes: false, pairs, skip }, async (test) => {
      const page = await ctx.client.send({ operation: list }, { status: 200 });
      const first = ((page.body as Record<string, unknown>)[listItemsField] as Record<string, unknown>[] | undefined)?.[0];
      if (!first) return leaveOut(ctx, test, `the target has no ${resource.name} to read`, [{ operationId: get.operationId, status: 200 }]);
      const id = { [resource.idField]: String(first[resource.idField]) };
      await ctx.client.send({ operation: get, pathParams: id }, { status: 200, checks: [bodyEquals(first, `${get.operationId} differs from the item ${list.operationId} listed`)] });
    });
  });
}
