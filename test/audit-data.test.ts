// The audit flow's records and QA's data actions: seeded audits and history serve as the contract says; a fixture
// cannot carry the mock's own outbox; an export taken mid-flow imports again whole, and its undelivered messages
// are then delivered.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCustomer, createInstallation } from './support/fixtures.js';
import { eventually, listFlow, plannedAudit, setStatus } from './support/audit-flow.js';
import { type StartedMock, startMock } from './support/start-mock.js';
import { testToken } from './support/test-keys.js';

let mock: StartedMock;
beforeEach(async () => {
  mock = await startMock({ delivery: { retry: { baseDelayMs: 5, maxDelayMs: 20 } } });
});
afterEach(() => mock.close());

const fixtures = (test: Record<string, unknown[]>) => ({ format: 'cubit-core-mock/fixtures-1', environments: { test } });

describe('audits in fixtures and snapshots', () => {
  it('seeds audits sent without a status as planned, and history entries numbered in file order', async () => {
    const customer = createCustomer();
    const installation = createInstallation({ customerId: customer.customerId });
    const audit = { auditId: 'AUD-S1', installationId: installation.installationId, kind: 'periodic', title: 'Seeded' };
    const stored = { ...audit, auditId: 'AUD-S2', status: 'in_progress', statusChangedAt: '2026-05-02T09:00:00.000Z', createdAt: '2026-05-01T08:00:00.000Z', updatedAt: '2026-05-02T09:00:00.000Z', version: 2 };
    const entry = { changeId: '3f1c9a52-8d7e-4b1a-9c3d-2e5f6a7b8c9d', auditId: 'AUD-S2', from: 'planned', to: 'in_progress', changedAt: '2026-05-02T09:00:00.000Z', changedBy: 'qa@example.no' };
    const seeded = await mock.admin.request('POST', '/data/seed', { body: fixtures({ customers: [customer], installations: [installation], audits: [audit, stored], 'audit-history': [entry] }) });
    expect(seeded.status).toBe(200);
    expect(seeded.body).toMatchObject({ environments: { test: { customers: 1, installations: 1, audits: 2 } } });
    const token = await testToken('test');
    expect((await mock.client.request('test', 'GET', '/audits/AUD-S1', { token })).body).toMatchObject({ status: 'planned', statusChangedAt: null, version: 1 });
    expect((await mock.client.request('test', 'GET', '/audits/AUD-S2/history', { token })).body).toMatchObject({ total: 1, items: [entry] });
    // The seeded history goes on: the next change is entry 2.
    expect((await setStatus(mock, token, 'AUD-S2', 'completed')).status).toBe(200);
    expect((await mock.client.request('test', 'GET', '/audits/AUD-S2/history', { token })).body).toMatchObject({ total: 2 });
  });

  it('refuses history naming an audit that does not exist, and a fixture carrying the outbox', async () => {
    const entry = { changeId: '3f1c9a52-8d7e-4b1a-9c3d-2e5f6a7b8c9d', auditId: 'AUD-NONE', from: 'planned', to: 'in_progress', changedAt: '2026-05-02T09:00:00.000Z', changedBy: 'qa@example.no' };
    const refused = await mock.admin.request('POST', '/data/seed', { body: fixtures({ 'audit-history': [entry], outbox: [{ messageId: 'x' }] }) });
    expect(refused.status).toBe(422);
    const rules = (refused.body as { errors: { pointer: string; message: string }[] }).errors.map((e) => `${e.pointer} ${e.message}`);
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/environments\/test\/outbox .*only a snapshot \(importSnapshot\) may carry it/),
        expect.stringMatching(/^\/environments\/test\/audit-history\/0\/auditId .*names no record of audits in test/),
      ]),
    );
  });

  it('exports mid-flow and imports whole: history, outbox and deliveries back, undelivered messages then delivered', async () => {
    await mock.admin.request('POST', '/fault-rules', { body: { environment: 'test', operationId: 'lanternNotification', fault: { type: 'close' } } });
    const { auditId, token } = await plannedAudit(mock);
    await setStatus(mock, token, auditId, 'in_progress');
    await eventually('the Archive message delivered and Lantern failing', async () => {
      const outbox = await listFlow(mock, '/outbox');
      const lantern = outbox.items.find((row) => row.subscription === 'lantern');
      return outbox.items.some((row) => row.subscription === 'archive' && row.state === 'delivered') && (lantern?.deliveryCount as number) >= 1 ? true : undefined;
    });
    const exported = await mock.admin.request('GET', '/data/snapshot?environment=test');
    await mock.admin.request('DELETE', '/fault-rules');
    await mock.admin.request('POST', '/data/reset', { body: { environment: 'test' } });
    expect((await listFlow(mock, '/outbox')).total).toBe(0);
    const imported = await mock.admin.request('PUT', '/data/snapshot?environment=test', { rawBody: exported.text, headers: { 'content-type': 'application/json' } });
    expect(imported.status).toBe(200);
    expect((await mock.client.request('test', 'GET', `/audits/${auditId}/history`, { token })).body).toMatchObject({ total: 1 });
    await eventually('the imported pending message delivered', async () => {
      const outbox = await listFlow(mock, '/outbox');
      return outbox.total === 2 && outbox.items.every((row) => row.state === 'delivered') ? true : undefined;
    });
    expect((await listFlow(mock, '/archive/cases')).total).toBe(1);
    expect((await listFlow(mock, '/lantern/notifications')).total).toBe(1);
    const again = await mock.admin.request('GET', '/data/snapshot?environment=test');
    expect(Object.keys((JSON.parse(again.text) as { environments: { test: Record<string, object> } }).environments.test).sort()).toEqual(
      ['archive-cases', 'audit-history', 'audits', 'customers', 'deliveries', 'installations', 'lantern-notifications', 'outbox'],
    );
  });
});
