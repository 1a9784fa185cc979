// Positive, read from each list operation's x-cubit-list-order: every page is ordered by the field it names,
// ascending, as its collation compares strings (`binary`: by UTF-16 code unit, which for ASCII ids is byte
// order). With writes allowed, items whose ids differ only in characters that collations disagree on (`-`,
// digits, case, `_`) are created first, and must be listed in exactly that order.
import { describe } from 'vitest';
import { contractContext } from '../lib/contract-context.js';
import { contractTest } from '../lib/contract-test.js';
import { listItems } from '../lib/list-pages.js';

const ctx = await contractContext();

/** Characters that a locale collation orders differently from byte order: byte order is - 0 B _ a. */
const suffixes = ['a', 'B', '_', '-', '0'];
const collations: Record<string, (a: string, b: string) => boolean> = { binary: (a, b) => a < b };

for (const resource of ctx.resources.resources) {
  const { list, listItemsField, upsert, idField } = resource;
  const order = list?.listOrder;
  if (!list || !order || !listItemsField) continue;
  const before = collations[order.collation];
  describe(`${list.operationId}: order`, () => {
    contractTest(ctx, `every page is ordered by ${order.by} (${order.collation}), ascending`, { writes: false, pairs: [{ operationId: list.operationId, status: 200 }] }, async () => {
      if (!before) return ctx.client.fail(list.operationId, 200, [`x-cubit-list-order names the collation ${order.collation}, which the suite does not know`], `  GET ${list.path}`);
      const problems: string[] = [];
      for (let page = 0; page < 5; page++) {
        const query = { limit: '50', offset: String(page * 50) };
        const items = ((await ctx.client.send({ operation: list, query }, { status: 200 })).body as Record<string, Record<string, unknown>[]>)[listItemsField] ?? [];
        const keys = items.map((item) => String(item[order.by]));
        keys.forEach((key, i) => i > 0 && !before(keys[i - 1] as string, key) && problems.push(`page at offset ${page * 50}: ${keys[i - 1] ?? ''} comes before ${key}`));
        if (items.length < 50) break;
      }
      if (problems.length > 0) ctx.client.fail(list.operationId, 200, problems.slice(0, 5), `  GET ${list.path}?limit=50`);
    });

    contractTest(ctx, `items whose ${idField}s differ in ${suffixes.join(' ')} are listed in ${order.collation} order`, { writes: true, pairs: [{ operationId: list.operationId, status: 200 }] }, async () => {
      const scenario = ctx.scenario();
      const stem = scenario.freshId('order');
      const ids: string[] = [];
      for (const suffix of suffixes) {
        const body = { ...scenario.exampleBody(resource), [idField]: `${stem}${suffix}` };
        await scenario.createReferences(resource, body);
        await ctx.client.send({ operation: upsert, body }, { status: resource.createdStatus });
        ids.push(`${stem}${suffix}`);
      }
      const fetchPage = async (query: Record<string, string>) => (await ctx.client.send({ operation: list, query }, { status: 200 })).body;
      const listed: string[] = [];
      for await (const item of listItems(list, listItemsField, fetchPage)) if (ids.includes(String(item[idField]))) listed.push(String(item[idField]));
      const expected = [...ids].sort((a, b) => (before?.(a, b) ? -1 : 1));
      if (listed.join() !== expected.join()) ctx.client.fail(list.operationId, 200, [`listed ${listed.join(', ')}; ${order.collation} order is ${expected.join(', ')}`], `  GET ${list.path} (every page)`);
    });
  });
}
