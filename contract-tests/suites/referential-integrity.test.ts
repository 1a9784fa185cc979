// Negative, stateful, derived from the references between resources (a body field named like another
// resource's id): a resource that is still referenced cannot be deleted (409, and it stays; once its dependents
// are gone it can be), and a reference to a resource that does not exist is refused (422, nothing stored) —
// each where the spec documents that status.
import { describe } from 'vitest';
import { contractContext } from '../lib/contract-context.js';
import { contractTest } from '../lib/contract-test.js';
import { dependentsOf } from '../lib/resources.js';
import { documents, successStatuses } from '../lib/spec-model.js';

const ctx = await contractContext();

for (const resource of ctx.resources.resources) {
  const { delete: remove, get } = resource;
  for (const dependent of dependentsOf(ctx.resources, resource)) {
    const reference = dependent.references.find((r) => r.resource === resource.name);
    if (!remove || !reference || !documents(remove, 409)) continue;
    const dependentDelete = dependent.delete;
    describe(`${remove.operationId}: still referenced`, () => {
      const pairs = [{ operationId: remove.operationId, status: 409 }];
      contractTest(ctx, `an item of ${resource.name} still referenced by an item of ${dependent.name} → 409 and it stays; deletable once that is gone`, { writes: true, pairs }, async () => {
        const scenario = ctx.scenario();
        const created = await scenario.create(dependent);
        const id = { [resource.idField]: created.body[reference.field] as string };
        await ctx.client.send({ operation: remove, pathParams: id }, { status: 409 });
        if (get) await ctx.client.send({ operation: get, pathParams: id }, { status: 200 });
        if (dependentDelete) {
          await ctx.client.send({ operation: dependentDelete, pathParams: { [dependent.idField]: created.id } }, { status: successStatuses(dependentDelete) });
          await ctx.client.send({ operation: remove, pathParams: id }, { status: successStatuses(remove) });
        }
      });
    });
  }
}

for (const resource of ctx.resources.resources) {
  const { upsert, get } = resource;
  if (!documents(upsert, 422)) continue;
  describe(`${upsert.operationId}: dangling references`, () => {
    for (const reference of resource.references) {
      const pairs = [{ operationId: upsert.operationId, status: 422 }];
      contractTest(ctx, `${reference.field} naming no item of ${reference.resource} → 422, nothing stored`, { writes: true, pairs }, async () => {
        const scenario = ctx.scenario();
        const body = { ...scenario.exampleBody(resource), [reference.field]: scenario.freshId('missing') };
        await scenario.createReferences({ ...resource, references: resource.references.filter((r) => r !== reference) }, body);
        await ctx.client.send({ operation: upsert, body }, { status: 422 });
        if (get) await ctx.client.send({ operation: get, pathParams: { [resource.idField]: body[resource.idField] as string } }, { status: 404 });
      });
    }
  });
}
