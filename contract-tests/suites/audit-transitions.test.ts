// The status machine, from the spec's transition table (x-cubit-transitions): every allowed change answers with
// the new status, the next version and its ETag, and appends one history entry; a sample of forbidden ones (a
// status to itself, a final status to the initial one, a step skipped) is a 409 naming exactly the table's allowed
// changes, with nothing changed; reaching the status that dates the referenced resource sets that date; a change
// with the current ETag in If-Match is made, one against a stale If-Match is a 412 that changes nothing, and one of
// an audit that does not exist a 404.
import { describe, expect } from 'vitest';
import type { ContractResponse } from '../lib/contract-client.js';
import { contractContext } from '../lib/contract-context.js';
import { contractTest } from '../lib/contract-test.js';
import type { Scenario } from '../lib/scenario.js';
import { lastDateField, statusMachine, walkTo } from '../lib/status-machine.js';
import { changeBody, itemParams, type WalkedItem, walkNewItem } from '../lib/status-walk.js';
import { documents } from '../lib/spec-model.js';

const ctx = await contractContext();
const machine = await statusMachine(ctx.spec, ctx.resources);

if (machine) {
  const { table, change, statusField, resource, history, dated } = machine;
  const idOf = (id: string) => itemParams(machine, id);
  const body = (status: string) => changeBody(machine, status);
  /** Whether the spec documents an ETag on the change's answer, which then must be the new version. */
  const tagged = change.responses.find((r) => r.status === '200')?.requiredHeaders.includes('etag') ?? false;

  /** A new item, walked to `status` through allowed changes. */
  const itemAt = (scenario: Scenario, status: string): Promise<WalkedItem> => walkNewItem(ctx.client, machine, scenario, walkTo(table, status));

  const historyOf = async (id: string) => {
    if (!history) return undefined;
    const response = await ctx.client.send({ operation: history, pathParams: idOf(id), query: { limit: '200' } }, { status: 200 });
    return (response.body as { items: Record<string, unknown>[] }).items;
  };

  /** The item's version as its get answers, and its history's length: what a refused change must leave as it was. */
  const stateOf = async (id: string) => {
    const read = resource.get ? await ctx.client.send({ operation: resource.get, pathParams: idOf(id) }, { status: 200 }) : undefined;
    return { version: (read?.body as { version?: unknown } | undefined)?.version, entries: (await historyOf(id))?.length };
  };
  const versionOf = (response: ContractResponse) => (response.body as { version: number }).version;

  describe(`${change.operationId}: allowed transitions`, () => {
    for (const [from, targets] of Object.entries(table.allowed)) {
      for (const to of targets) {
        contractTest(ctx, `${from} → ${to}: 200, the new status and version, one more history entry`, { writes: true, pairs: [{ operationId: change.operationId, status: 200 }] }, async () => {
          const { id, last } = await itemAt(ctx.scenario(), from);
          const before = last.body as { version: number };
          const entries = (await historyOf(id))?.length;
          const changed = await ctx.client.send({ operation: change, pathParams: idOf(id), body: body(to) }, { status: 200 });
          const after = changed.body as Record<string, unknown>;
          expect(after[statusField]).toBe(to);
          expect(after.version).toBe(before.version + 1);
          if (tagged) expect(changed.headers.etag).toBe(`"${before.version + 1}"`);
          const now = await historyOf(id);
          if (now && entries !== undefined) {
            expect(now.length).toBe(entries + 1);
            expect(now.at(-1)).toMatchObject({ from, to, changedBy: expect.any(String) as unknown, changedAt: expect.any(String) as unknown });
          }
        });
      }
    }
  });

  // A sample of forbidden changes: each status to itself, each final status back to the initial one, and from the
  // initial status every status its allowed ones lead to but it does not (a step skipped).
  const forbidden = new Set<string>();
  for (const status of table.statuses) forbidden.add(`${status}>${status}`);
  for (const [status, targets] of Object.entries(table.allowed)) if (targets.length === 0) forbidden.add(`${status}>${table.initial}`);
  for (const next of table.allowed[table.initial] ?? []) {
    for (const skipped of table.allowed[next] ?? []) if (!(table.allowed[table.initial] ?? []).includes(skipped) && skipped !== table.initial) forbidden.add(`${table.initial}>${skipped}`);
  }
  if (documents(change, 409)) {
    describe(`${change.operationId}: forbidden transitions`, () => {
      for (const pair of forbidden) {
        const [from, to] = pair.split('>') as [string, string];
        contractTest(ctx, `${from} → ${to}: 409 naming the allowed ones, nothing changed`, { writes: true, pairs: [{ operationId: change.operationId, status: 409 }] }, async () => {
          const { id, last } = await itemAt(ctx.scenario(), from);
          const before = await stateOf(id);
          expect(before.version).toBe(versionOf(last));
          const refused = await ctx.client.send({ operation: change, pathParams: idOf(id), body: body(to) }, { status: 409 });
          expect(refused.body).toMatchObject({ code: 'transition-not-allowed', transition: { from, to, allowed: table.allowed[from] } });
          expect(await stateOf(id)).toEqual(before);
        });
      }
    });
  }

  describe(`${change.operationId}: state of the data`, () => {
    if (dated && table.setsLastAuditDate) {
      const status = table.setsLastAuditDate;
      contractTest(ctx, `reaching ${status} sets the ${dated.name} item's ${lastDateField} to the change's date`, { writes: true, pairs: [{ operationId: change.operationId, status: 200 }] }, async () => {
        const scenario = ctx.scenario();
        const { last } = await itemAt(scenario, status);
        const audit = last.body as Record<string, unknown>;
        const reference = resource.references.find((r) => r.resource === dated.name);
        const datedId = audit[reference?.field ?? ''] as string;
        const read = await ctx.client.send({ operation: dated.get ?? change, pathParams: { [dated.idField]: datedId } }, { status: 200 });
        expect((read.body as Record<string, unknown>)[lastDateField]).toBe(String(audit.statusChangedAt).slice(0, 10));
      });
    }
    // Both changes go from the same status, one step after the initial one: the stale one differs only in its tag.
    const step = table.allowed[table.initial]?.[0] as string;
    const next = table.allowed[step]?.[0] ?? step;
    contractTest(ctx, `a change with the current ETag in If-Match → 200`, { writes: true, pairs: [{ operationId: change.operationId, status: 200 }] }, async () => {
      const { id, last } = await itemAt(ctx.scenario(), step);
      const current = last.headers.etag ?? `"${versionOf(last)}"`;
      const changed = await ctx.client.send({ operation: change, pathParams: idOf(id), body: body(next), headers: { 'If-Match': current } }, { status: 200 });
      expect((changed.body as Record<string, unknown>)[statusField]).toBe(next);
    });
    if (documents(change, 412)) {
      contractTest(ctx, 'a change against a stale If-Match → 412, and nothing changes', { writes: true, pairs: [{ operationId: change.operationId, status: 412 }] }, async () => {
        const scenario = ctx.scenario();
        const created = await scenario.create(resource);
        const stale = created.response.headers.etag ?? `"${versionOf(created.response)}"`;
        await ctx.client.send({ operation: change, pathParams: idOf(created.id), body: body(step) }, { status: 200 });
        const before = await stateOf(created.id);
        const refused = await ctx.client.send({ operation: change, pathParams: idOf(created.id), body: body(next), headers: { 'If-Match': stale } }, { status: 412 });
        expect(refused.body).toMatchObject({ code: 'version-mismatch' });
        expect(await stateOf(created.id)).toEqual(before);
      });
    }
    if (documents(change, 404)) {
      contractTest(ctx, `a change of an item that does not exist → 404`, { writes: true, pairs: [{ operationId: change.operationId, status: 404 }] }, async () => {
        const scenario = ctx.scenario();
        await ctx.client.send({ operation: change, pathParams: idOf(scenario.freshId('missing')), body: body(table.allowed[table.initial]?.[0] ?? table.initial) }, { status: 404 });
      });
    }
  });
}
