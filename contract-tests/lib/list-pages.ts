// Walks a list operation page by page. Paging is recognised by integer query parameters named `limit` and
// `offset` (the spec's Limit and Offset parameters); a list without them is one page.
import type { SpecOperation } from './spec-model.js';

export type FetchPage = (query: Record<string, string>) => Promise<unknown>;

function integerParameter(list: SpecOperation, name: string): { maximum?: number } | undefined {
  const parameter = list.parameters.find((p) => p.in === 'query' && p.name === name && p.schema.type === 'integer');
  return parameter ? { maximum: typeof parameter.schema.maximum === 'number' ? parameter.schema.maximum : undefined } : undefined;
}

/** Yields the items of every page (up to maxPages pages), with `filter` added to each page's query. */
export async function* listItems(list: SpecOperation, itemsField: string, fetchPage: FetchPage, filter: Record<string, string> = {}, maxPages = 50): AsyncGenerator<Record<string, unknown>> {
  const limit = integerParameter(list, 'limit');
  const offset = integerParameter(list, 'offset');
  const pageSize = limit?.maximum ?? 100;
  for (let page = 0; page < maxPages; page++) {
    const query: Record<string, string> = { ...filter };
    if (limit && offset) Object.assign(query, { limit: String(pageSize), offset: String(page * pageSize) });
    const body = (await fetchPage(query)) as Record<string, unknown> | undefined;
    const items = body?.[itemsField];
    if (!Array.isArray(items)) return;
    for (const item of items) yield item as Record<string, unknown>;
    const total = typeof body?.total === 'number' ? body.total : undefined;
    if (!limit || !offset || items.length < pageSize || (total !== undefined && (page + 1) * pageSize >= total)) return;
  }
}
