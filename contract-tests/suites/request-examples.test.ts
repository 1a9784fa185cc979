// Positive: each named request example of each upsert is sent (ids moved into the run's namespace). The first
// example creates (the documented create status, with Location); each later one replaces a resource created from
// the example before it (the other documented 2xx). The answer is the stored resource: what was sent, plus the
// server-owned fields.
// The named examples of the other operations with a body (a status change) are sent to an item that exists. For
// the change of the spec's status machine, that item is first walked through allowed changes to the nearest status
// from which the example's status is allowed (a completion needs an audit in progress). The answer shows each
// field of the example that its schema has.
import { describe } from 'vitest';
import type { ContractResponse } from '../lib/contract-client.js';
import { contractContext } from '../lib/contract-context.js';
import { contractTest } from '../lib/contract-test.js';
import { bodyEquals, jsonDifferences } from '../lib/json-difference.js';
import type { Scenario } from '../lib/scenario.js';
import { type JsonSchema, type SpecOperation, successStatuses } from '../lib/spec-model.js';
import { statusMachine, walkToward } from '../lib/status-machine.js';
import { walkNewItem } from '../lib/status-walk.js';

const ctx = await contractContext();
const machine = await statusMachine(ctx.spec, ctx.resources);

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

/** A response check: every field of `sent` that the answer's schema declares comes back equal. */
function showsFields(sent: Record<string, unknown>, schema: JsonSchema | undefined): (response: ContractResponse) => string[] {
  const declared = Object.keys(schema?.properties ?? {});
  const pick = (value: unknown) => Object.fromEntries(Object.entries((value ?? {}) as Record<string, unknown>).filter(([name]) => declared.includes(name) && name in sent));
  return (response) => jsonDifferences(pick(sent), pick(response.body)).map((difference) => `the answer does not show the example's field: ${difference}`);
}

/** Path parameters naming items that exist: the status machine's item walked as given, any other one ensured. */
async function existingItems(operation: SpecOperation, scenario: Scenario, walk: string[] | undefined): Promise<Record<string, string>> {
  const params: Record<string, string> = {};
  for (const parameter of operation.parameters.filter((p) => p.in === 'path')) {
    const resource = ctx.resources.byIdField(parameter.name);
    if (!resource) throw new Error(`${operation.operationId}: cannot make a ${parameter.name} that exists: no resource has that id`);
    params[parameter.name] = machine && walk && resource === machine.resource ? (await walkNewItem(ctx.client, machine, scenario, walk)).id : await scenario.ensure(resource);
  }
  return params;
}

for (const operation of ctx.spec.operations.filter((op) => op.body && !ctx.resources.createdBy(op.operationId))) {
  const statuses = successStatuses(operation);
  const schema = operation.responses.find((r) => statuses.includes(Number(r.status)))?.schema;
  describe(`${operation.operationId}: named request examples`, () => {
    for (const example of operation.body?.examples ?? []) {
      const sent = example.value as Record<string, unknown>;
      const walk = machine && operation === machine.change ? walkToward(machine.table, String(sent[machine.statusField])) : undefined;
      const item = machine && walk ? `an item of ${machine.resource.name} in status ${walk.at(-1) ?? machine.table.initial}` : 'items that exist';
      const pairs = statuses.map((status) => ({ operationId: operation.operationId, status }));
      contractTest(ctx, `example ${example.name} sent to ${item} → ${statuses.join(' or ')}, the fields it sets`, { writes: true, pairs }, async () => {
        const scenario = ctx.scenario();
        const pathParams = await existingItems(operation, scenario, walk);
        const body = scenario.rewrite(sent);
        await ctx.client.send({ operation, pathParams, body }, { status: statuses, checks: [showsFields(body, schema)] });
      });
    }
  });
}
