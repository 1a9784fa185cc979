// The messages a status change sends are part of the contract: the spec's webhooks. After a change, the target
// must have sent exactly one message per webhook, each valid against that webhook's request body schema, each
// carrying the change's id (its history entry's changeId) as correlationId. The suite reads them where the mock
// shows them (its admin API's outbox); a real deployment's messages cannot be seen from here, so against one
// these tests are skipped unless CONTRACT_ADMIN_URL and CONTRACT_ADMIN_KEY name such an API. Webhooks are not
// (operation, status) pairs of the target, so they are not counted in the coverage table.
import type { OpenAPIV3_1 } from 'openapi-types';
import { describe, expect } from 'vitest';
import { contractContext } from '../lib/contract-context.js';
import { contractTest } from '../lib/contract-test.js';
import { redact } from '../lib/redaction.js';
import { schemaErrors } from '../lib/schema-check.js';
import { type JsonSchema, loadDereferenced } from '../lib/spec-model.js';
import { statusMachine, walkTo } from '../lib/status-machine.js';
import { itemParams, walkNewItem } from '../lib/status-walk.js';

const ctx = await contractContext();
const machine = await statusMachine(ctx.spec, ctx.resources);
const document = await loadDereferenced(ctx.spec.file);
const webhooks = Object.entries(document.webhooks ?? {}).flatMap(([name, item]) => {
  const post = (item as OpenAPIV3_1.PathItemObject).post;
  const schema = (post?.requestBody as OpenAPIV3_1.RequestBodyObject | undefined)?.content['application/json']?.schema as JsonSchema | undefined;
  return schema ? [{ name: post?.operationId ?? name, schema }] : [];
});
const { adminUrl, adminKey } = ctx.target;

/** The outbox rows of one change, once the target shows as many as there are webhooks (or the deadline passes). */
async function messagesOf(correlationId: string): Promise<{ body: unknown }[]> {
  const environment = /\/([^/]+)$/.exec(ctx.target.baseUrl)?.[1] ?? '';
  const url = `${adminUrl ?? ''}/outbox?${new URLSearchParams({ environment, correlationId, limit: '50' }).toString()}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const response = await fetch(url, { headers: { 'x-admin-key': adminKey ?? '' } });
    if (!response.ok) throw new Error(redact(`GET ${url} answered ${response.status}: ${await response.text()}`, [adminKey ?? '']));
    const { items } = (await response.json()) as { items: { body: unknown }[] };
    if (items.length >= webhooks.length || Date.now() > deadline) return items;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

if (machine && webhooks.length > 0 && machine.history) {
  const { table, change, history } = machine;
  const skip = adminUrl === undefined || adminKey === undefined ? 'the target shows no messages: set CONTRACT_ADMIN_URL and CONTRACT_ADMIN_KEY to read them' : undefined;
  describe(`${change.operationId}: the messages it sends (${webhooks.map((w) => w.name).join(', ')})`, () => {
    const to = table.allowed[table.initial]?.[0] as string;
    contractTest(ctx, `${table.initial} → ${to}: one message per webhook, each valid against it, with the change's id`, { writes: true, pairs: [], skip }, async () => {
      const walked = await walkNewItem(ctx.client, machine, ctx.scenario(), walkTo(table, to));
      const entries = (await ctx.client.send({ operation: history, pathParams: itemParams(machine, walked.id) }, { status: 200 })).body as { items: { changeId: string }[] };
      const changeId = entries.items.at(-1)?.changeId as string;
      const messages = await messagesOf(changeId);
      expect(messages.length, 'messages sent for the change').toBe(webhooks.length);
      const matched = messages.map(({ body }) => {
        const accepting = webhooks.filter((webhook) => schemaErrors(webhook.schema, body).length === 0).map((webhook) => webhook.name);
        const why = webhooks.map((webhook) => `${webhook.name}: ${schemaErrors(webhook.schema, body).slice(0, 5).join('; ')}`).join(' | ');
        expect(accepting.length, `a message valid against exactly one webhook (${why})`).toBe(1);
        expect(body).toMatchObject({ correlationId: changeId });
        return accepting[0];
      });
      expect(matched.sort()).toEqual(webhooks.map((w) => w.name).sort());
    });
  });
}
