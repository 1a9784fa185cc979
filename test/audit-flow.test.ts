// The audit flow end to end: SetStatus as one transaction (status, history, lastAuditDate, outbox), then the bus
// delivering to the Archive and Lantern, with retries, dead letters and replays, every message valid against its
// webhook. Deliveries are waited for by polling the admin API, never by sleeping a fixed time.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually, listFlow, plannedAudit, setStatus, webhookValidators } from './support/audit-flow.js';
import { type StartedMock, startMock } from './support/start-mock.js';

let mock: StartedMock;
beforeEach(async () => {
  mock = await startMock({ delivery: { retry: { baseDelayMs: 5, maxDelayMs: 20 }, maxDeliveryCount: 4 } });
});
afterEach(() => mock.close());

const allDelivered = async (count: number) => {
  const outbox = await listFlow(mock, '/outbox');
  return outbox.total === count && outbox.items.every((row) => row.state !== 'pending') ? outbox : undefined;
};

describe('setAuditStatus', () => {
  it('changes the status, records who did it, sets lastAuditDate on completion, and sends one message to each receiver', async () => {
    const { auditId, installationId, token } = await plannedAudit(mock);
    const started = await setStatus(mock, token, auditId, 'in_progress');
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: 'in_progress', version: 2 });
    expect(started.headers.etag).toBe('"2"');
    const before = await mock.client.request('test', 'GET', `/installations/${installationId}`);
    expect(before.body).toMatchObject({ lastAuditDate: null });

    const completed = await setStatus(mock, token, auditId, 'completed', { comment: 'No deviations found.' });
    expect(completed.status).toBe(200);
    const changedAt = (completed.body as { statusChangedAt: string }).statusChangedAt;
    const installation = await mock.client.request('test', 'GET', `/installations/${installationId}`);
    expect(installation.body).toMatchObject({ lastAuditDate: changedAt.slice(0, 10), version: 2 });

    const history = await mock.client.request('test', 'GET', `/audits/${auditId}/history`, { token });
    const entries = (history.body as { items: Record<string, unknown>[] }).items;
    expect(entries.map((e) => [e.from, e.to, e.changedBy, e.comment])).toEqual([
      ['planned', 'in_progress', 'kari.nordmann@kontroll.example', undefined],
      ['in_progress', 'completed', 'kari.nordmann@kontroll.example', 'No deviations found.'],
    ]);

    await eventually('every message delivered', () => allDelivered(4));
    const completion = entries[1]?.changeId as string;
    const cases = await listFlow(mock, '/archive/cases', { correlationId: completion });
    const notifications = await listFlow(mock, '/lantern/notifications', { correlationId: completion });
    expect([cases.total, notifications.total]).toEqual([1, 1]);
    const outbox = await listFlow(mock, '/outbox', { correlationId: completion });
    expect(outbox.items.map((row) => row.subscription).sort()).toEqual(['archive', 'lantern']);
    const validators = await webhookValidators();
    for (const row of outbox.items) {
      const webhook = row.subscription === 'archive' ? 'archiveSaveCase' : 'lanternNotification';
      expect(validators[webhook]?.(row.body), webhook).toEqual([]);
      expect(row.body).toMatchObject({ correlationId: completion, messageId: row.messageId });
    }
    expect(cases.items[0]).toMatchObject({ case: { externalId: `cubit-core:test:audit:${auditId}`, status: 'B' }, registryEntry: { comment: 'No deviations found.', changedBy: 'kari.nordmann@kontroll.example' } });
    expect(notifications.items[0]).toMatchObject({ recipient: { channel: 'email', address: 'ola.hansen@fjordkraft-eiendom.example' }, audit: { from: 'in_progress', to: 'completed' } });
  });

  it('refuses a forbidden transition with 409 naming the allowed ones, and changes and sends nothing', async () => {
    const { auditId, token } = await plannedAudit(mock);
    const refused = await setStatus(mock, token, auditId, 'completed');
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'transition-not-allowed', transition: { from: 'planned', to: 'completed', allowed: ['in_progress', 'cancelled'] } });
    const audit = await mock.client.request('test', 'GET', `/audits/${auditId}`, { token });
    expect(audit.body).toMatchObject({ status: 'planned', version: 1, statusChangedAt: null });
    expect((await listFlow(mock, '/outbox')).total).toBe(0);
    const history = await mock.client.request('test', 'GET', `/audits/${auditId}/history`, { token });
    expect(history.body).toMatchObject({ total: 0 });
  });

  it('serialises concurrent changes of one audit: one wins, the other is 409, and the history has one entry', async () => {
    const { auditId, token } = await plannedAudit(mock);
    const answers = await Promise.all([setStatus(mock, token, auditId, 'in_progress'), setStatus(mock, token, auditId, 'in_progress')]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const history = await mock.client.request('test', 'GET', `/audits/${auditId}/history`, { token });
    expect(history.body).toMatchObject({ total: 1 });
    expect((await listFlow(mock, '/outbox')).total).toBe(2);
  });

  it('makes a change against a stale If-Match a 412, and one against the current version a 200', async () => {
    const { auditId, token } = await plannedAudit(mock);
    expect((await setStatus(mock, token, auditId, 'in_progress', { headers: { 'if-match': '"1"' } })).status).toBe(200);
    const stale = await setStatus(mock, token, auditId, 'completed', { headers: { 'if-match': '"1"' } });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'version-mismatch' });
    const malformed = await setStatus(mock, token, auditId, 'completed', { headers: { 'if-match': 'W/"2"' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ errors: [{ in: 'header', pointer: '/If-Match' }] });
    expect((await setStatus(mock, token, auditId, 'completed', { headers: { 'if-match': '"2"' } })).status).toBe(200);
  });

  it('refuses to delete an installation that has audits (409), and deletes it once they are gone', async () => {
    const { auditId, installationId, token } = await plannedAudit(mock);
    await setStatus(mock, token, auditId, 'in_progress');
    const blocked = await mock.client.request('test', 'DELETE', `/installations/${installationId}`);
    expect(blocked.status).toBe(409);
    expect(blocked.body).toMatchObject({ code: 'installation-has-audits', blockedBy: { resource: 'audits', total: 1, ids: [auditId] } });
    expect((await mock.client.request('test', 'DELETE', `/audits/${auditId}`, { token })).status).toBe(204);
    expect((await mock.client.request('test', 'GET', `/audits/${auditId}/history`, { token })).status).toBe(404);
    expect((await mock.client.request('test', 'DELETE', `/installations/${installationId}`)).status).toBe(204);
  });
});

describe('delivery', () => {
  const rule = (body: Record<string, unknown>) => mock.admin.request('POST', '/fault-rules', { body: { environment: 'test', ...body } });

  it('saves one case when the Archive fails 3 times then recovers, after 4 attempts', async () => {
    expect((await rule({ operationId: 'archiveSaveCase', fault: { type: 'status', status: 500 }, times: 3 })).status).toBe(201);
    const { auditId, token } = await plannedAudit(mock);
    await setStatus(mock, token, auditId, 'in_progress');
    const outbox = await eventually('both messages settled', () => allDelivered(2));
    const archived = outbox.items.find((row) => row.subscription === 'archive') as Record<string, unknown>;
    expect(archived).toMatchObject({ state: 'delivered', deliveryCount: 4 });
    const attempts = await listFlow(mock, '/deliveries', { messageId: archived.messageId as string });
    expect(attempts.items.map((a) => [a.attempt, a.outcome])).toEqual([
      [1, 'failed'],
      [2, 'failed'],
      [3, 'failed'],
      [4, 'delivered'],
    ]);
    expect(attempts.items[0]?.error).toMatch(/Archive answered 500 \(fault rule fault-1\)/);
    expect((await listFlow(mock, '/archive/cases')).total).toBe(1);
  });

  it('dead-letters the Archive message after the max while Lantern gets its own, and delivers a replayed one once', async () => {
    const down = await rule({ operationId: 'archiveSaveCase', fault: { type: 'close' } });
    const { auditId, token } = await plannedAudit(mock);
    await setStatus(mock, token, auditId, 'in_progress');
    const dead = await eventually('the Archive message dead-lettered', async () => {
      const letters = await listFlow(mock, '/dead-letters');
      return letters.total === 1 ? letters.items[0] : undefined;
    });
    expect(dead).toMatchObject({ subscription: 'archive', state: 'dead-lettered', deliveryCount: 4, maxDeliveryCount: 4, deadLetterReason: 'MaxDeliveryCountExceeded' });
    expect(dead.lastError).toMatch(/closed the connection/);
    expect((await listFlow(mock, '/lantern/notifications')).total).toBe(1);
    expect((await listFlow(mock, '/archive/cases')).total).toBe(0);

    const early = await mock.admin.request('POST', `/dead-letters/${dead.messageId as string}/replay?environment=prod`);
    expect(early.status).toBe(404);
    await mock.admin.request('DELETE', `/fault-rules/${(down.body as { id: string }).id}`);
    const replayed = await mock.admin.request('POST', `/dead-letters/${dead.messageId as string}/replay?environment=test`);
    expect(replayed.status).toBe(200);
    expect(replayed.body).toMatchObject({ state: 'pending', deliveryCount: 0, replayCount: 1 });
    await eventually('the replay delivered', () => allDelivered(2));
    expect((await listFlow(mock, '/archive/cases')).total).toBe(1);
    const attempts = await listFlow(mock, '/deliveries', { messageId: dead.messageId as string });
    expect(attempts.items.map((a) => [a.replay, a.attempt, a.outcome])).toEqual([
      [0, 1, 'failed'],
      [0, 2, 'failed'],
      [0, 3, 'failed'],
      [0, 4, 'dead-lettered'],
      [1, 1, 'delivered'],
    ]);
    const again = await mock.admin.request('POST', `/dead-letters/${dead.messageId as string}/replay?environment=test`);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'not-dead-lettered' });
  });

  it('delivers after a restart what was committed but not yet delivered, each side effect once', async () => {
    // The Archive is slow: the change commits, then the mock stops before the delivery settles.
    await rule({ operationId: 'archiveSaveCase', fault: { type: 'latency', delayMs: 60_000 } });
    const { auditId, token } = await plannedAudit(mock);
    await setStatus(mock, token, auditId, 'in_progress');
    await eventually('Lantern delivered', async () => ((await listFlow(mock, '/lantern/notifications')).total === 1 ? true : undefined));
    await mock.restart(); // fault rules live in memory: the restarted mock has none
    await eventually('the Archive message delivered after the restart', () => allDelivered(2));
    expect((await listFlow(mock, '/archive/cases')).total).toBe(1);
    expect((await listFlow(mock, '/lantern/notifications')).total).toBe(1);
  });
});
