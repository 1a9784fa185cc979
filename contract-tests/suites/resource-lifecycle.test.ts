// Positive, stateful: for each resource, one sequence through its operations, each answer checked against the
// spec and against what came before: create → get (and the Location) → update → repeat the update (nothing
// changes) → get → the list contains it → delete → get 404 → delete 404.
import { describe } from 'vitest';
import { contractContext } from '../lib/contract-context.js';
import { contractTest, type Pair } from '../lib/contract-test.js';
import { bodyEquals } from '../lib/json-difference.js';
import { listItems } from '../lib/list-pages.js';
import type { Resource } from '../lib/resources.js';
import { successStatuses } from '../lib/spec-model.js';

const ctx = await contractContext();

/** The list's query filters that the resource's references fill in (e.g. installations by customerId). */
function listFilter(resource: Resource, body: Record<string, unknown>): Record<string, string> {
  const filter: Record<string, string> = {};
  for (const reference of resource.references) {
    const value = body[reference.field];
    if (typeof value === 'string' && resource.list?.parameters.some((p) => p.in === 'query' && p.name === reference.field)) filter[reference.field] = value;
  }
  return filter;
}

/** A path from a Location header, relative to the base URL; undefined when it points elsewhere. */
function locationPath(location: string | undefined): string | undefined {
  if (!location) return undefined;
  const absolute = new URL(location, `${ctx.target.baseUrl}/`).href;
  return absolute.startsWith(`${ctx.target.baseUrl}/`) ? absolute.slice(ctx.target.baseUrl.length) : undefined;
}

for (const resource of ctx.resources.resources) {
  const { get, delete: remove, list, listItemsField, upsert } = resource;
  if (!get || !remove || !list || !listItemsField) continue;
  const op = (operationId: string, status: number): Pair => ({ operationId, status });
  const deleted = successStatuses(remove)[0] ?? 204;
  const updated = resource.updatedStatus ?? resource.createdStatus;
  const serverOwned = Object.keys(upsert.body?.serverOwned ?? {});
  const pairs = [op(upsert.operationId, resource.createdStatus), op(upsert.operationId, updated), op(get.operationId, 200), op(list.operationId, 200), op(remove.operationId, deleted), op(get.operationId, 404), op(remove.operationId, 404)];

  describe(`${resource.name}: lifecycle`, () => {
    contractTest(ctx, `create → get → update → get → list contains → delete → get 404 → delete 404`, { writes: true, pairs }, async () => {
      const scenario = ctx.scenario();
      const created = await scenario.create(resource, 0);
      const id = { [resource.idField]: created.id };
      const locationTarget = locationPath(created.response.headers.location);
      await ctx.client.send({ operation: get, pathParams: id }, { status: 200, checks: [bodyEquals(created.response.body, 'GET after create differs from the create answer')] });
      const location = created.response.headers.location;
      if (location !== undefined) {
        if (!locationTarget) return ctx.client.fail(upsert.operationId, resource.createdStatus, [`the Location ${location} is not under the base URL ${ctx.target.baseUrl}`], `  POST ${upsert.path}`);
        await ctx.client.sendPath('GET', locationTarget, { status: 200, checks: [bodyEquals(created.response.body, `GET of the Location ${location} differs from the create answer`)] });
      }

      const update = scenario.exampleBody(resource, 1);
      const first = await ctx.client.send({ operation: upsert, body: update }, { status: updated, checks: [bodyEquals(update, 'the update answer differs from the body sent', serverOwned)] });
      await ctx.client.send({ operation: upsert, body: update }, { status: updated, checks: [bodyEquals(first.body, 'repeating the same update changed the stored resource')] });
      await ctx.client.send({ operation: get, pathParams: id }, { status: 200, checks: [bodyEquals(first.body, 'GET after update differs from the update answer')] });

      const fetchPage = async (query: Record<string, string>) => (await ctx.client.send({ operation: list, query }, { status: 200 })).body;
      const filter = listFilter(resource, update);
      const find = async (): Promise<Record<string, unknown> | undefined> => {
        for await (const item of listItems(list, listItemsField, fetchPage, filter)) if (item[resource.idField] === created.id) return item;
        return undefined;
      };
      // Offset paging can skip an item when other tests delete items on earlier pages meanwhile: look twice.
      const listed = (await find()) ?? (await find());
      const query = `  GET ${list.path}${Object.keys(filter).length ? `?${new URLSearchParams(filter).toString()}` : ''} (every page)`;
      if (!listed) return ctx.client.fail(list.operationId, 200, [`the list does not contain ${resource.idField} ${created.id}, created before`], query);
      const differences = bodyEquals(first.body, 'the listed item differs from GET')({ body: listed });
      if (differences.length > 0) ctx.client.fail(list.operationId, 200, differences, query);

      await ctx.client.send({ operation: remove, pathParams: id }, { status: deleted });
      await ctx.client.send({ operation: get, pathParams: id }, { status: 404 });
      await ctx.client.send({ operation: remove, pathParams: id }, { status: 404 });
    });
  });
}
