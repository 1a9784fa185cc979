// Over HTTP: a write the disk refuses is answered 503 with Retry-After and is never seen by a reader; once the
// disk works again so do writes, without a restart. Requests pipelined on one connection take effect in order.
// A mock started read-only answers reads and refuses changes.
import type { AddressInfo } from 'node:net';
import { readdir } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, listFlow, plannedAudit, setStatus } from './support/audit-flow.js';
import { faultyDataFiles } from './support/faulty-data-files.js';
import { createCustomer } from './support/fixtures.js';
import { MockClient } from './support/mock-client.js';
import { rawExchange } from './support/raw-http.js';
import { type StartedMock, startMock } from './support/start-mock.js';
import { testKeys } from './support/test-keys.js';

let mock: StartedMock | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

describe('a write the disk refuses', () => {
  it('is 503 storage-unavailable with Retry-After, no concurrent reader sees it, and a later write succeeds once the disk recovers', async () => {
    const files = faultyDataFiles();
    mock = await startMock({ dataFiles: files });
    await mock.app.listen({ host: '127.0.0.1', port: 0 });
    const client = await MockClient.http(`http://127.0.0.1:${(mock.app.server.address() as AddressInfo).port}`);
    const customer = createCustomer({ customerId: 'CUST-DISKFULL' });
    files.fail('write', 'ENOSPC');
    // Readers on other connections ask for the record all the while the write is in flight.
    let writing = true;
    const seen: number[] = [];
    const readers = Array.from({ length: 8 }, async () => {
      while (writing) seen.push((await client.request('test', 'GET', '/customers/CUST-DISKFULL')).status);
    });
    const refused = await client.request('test', 'POST', '/customers', { body: customer });
    writing = false;
    await Promise.all(readers);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.body).toMatchObject({ code: 'storage-unavailable', detail: expect.stringContaining('the disk is full (ENOSPC)') as unknown });
    expect(JSON.stringify(refused.body)).not.toContain(mock.dir); // no path of the machine in an answer
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((status) => status === 404)).toBe(true);
    expect(files.failures.write).toBeGreaterThan(0);
    files.clear();
    expect((await client.request('test', 'POST', '/customers', { body: customer })).status).toBe(201);
    expect((await client.request('test', 'GET', '/customers/CUST-DISKFULL')).status).toBe(200);
    await mock.restart();
    expect((await mock.client.request('test', 'GET', '/customers/CUST-DISKFULL')).status).toBe(200);
  });
});

describe('a status change that is durable', () => {
  it('is answered 200 even when a write after it fails, and is neither repeated nor judged again', async () => {
    const files = faultyDataFiles();
    mock = await startMock({ dataFiles: files });
    const { auditId, token } = await plannedAudit(mock);
    // The change's own transaction is written; every write after it (the bus recording its deliveries) fails.
    files.fail('write', 'EIO', 1);
    const changed = await setStatus(mock, token, auditId, 'in_progress');
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body).toMatchObject({ status: 'in_progress', version: 2 });
    files.clear();
    const history = await mock.client.request('test', 'GET', `/audits/${auditId}/history`, { token });
    expect((history.body as { items: { to: string }[] }).items.map((entry) => entry.to)).toEqual(['in_progress']);
    await eventually('both messages delivered once the disk works', async () => {
      const outbox = await listFlow(mock as StartedMock, '/outbox');
      return outbox.total === 2 && outbox.items.every((row) => row.state === 'delivered') ? true : undefined;
    });
    await mock.restart();
    expect((await mock.client.request('test', 'GET', `/audits/${auditId}`, { token })).body).toMatchObject({ status: 'in_progress', version: 2 });
  });
});

describe('requests pipelined on one connection', () => {
  it('take effect in order: a GET right behind a POST sees the record the POST created', async () => {
    mock = await startMock();
    await mock.app.listen({ host: '127.0.0.1', port: 0 });
    const origin = `http://127.0.0.1:${(mock.app.server.address() as AddressInfo).port}`;
    const rounds = 20;
    let pipelined = '';
    for (let i = 0; i < rounds; i++) {
      const body = JSON.stringify(createCustomer({ customerId: `CUST-PIPE-${i}` }));
      pipelined += `POST /test/customers HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: ${testKeys.test}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
      pipelined += `GET /test/customers/CUST-PIPE-${i} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: ${testKeys.test}\r\n\r\n`;
    }
    pipelined += `GET /test/customers?limit=200 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: ${testKeys.test}\r\nConnection: close\r\n\r\n`;
    const answer = await rawExchange(origin, pipelined, { timeout: 15_000 });
    const statuses = [...answer.text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => m[1]);
    expect(statuses).toEqual([...Array.from({ length: rounds }, () => ['201', '200']).flat(), '200']);
  });
});

describe('--read-only', () => {
  it('answers reads from the data file, refuses every change with 503 read-only, and writes nothing', async () => {
    mock = await startMock();
    await mock.client.request('test', 'POST', '/customers', { body: createCustomer({ customerId: 'CUST-RO' }) });
    await mock.app.close();
    const before = (await readdir(mock.dir)).sort();
    const { buildApp } = await import('../src/app.js');
    const { testAdminKey } = await import('./support/admin-client.js');
    mock.app = await buildApp({ apiKeys: testKeys, dataFile: mock.dataFile, adminKey: testAdminKey, readOnly: true, authFailureLimit: false });
    const client = await MockClient.inject(mock.app);
    expect((await client.request('test', 'GET', '/customers/CUST-RO')).status).toBe(200);
    const refused = await client.request('test', 'POST', '/customers', { body: createCustomer({ customerId: 'CUST-RO-2' }) });
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ code: 'read-only' });
    expect(refused.headers['retry-after']).toBeUndefined();
    expect((await client.request('test', 'DELETE', '/customers/CUST-RO')).status).toBe(503);
    expect((await client.request('test', 'GET', '/customers/CUST-RO')).status).toBe(200);
    await mock.app.close();
    expect((await readdir(mock.dir)).sort()).toEqual(before);
  });
});
