// State survives a restart, a 2xx means the change is in the data file, and bad data files stop startup untouched.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { createCustomer, createInstallation, updateCustomer } from './support/fixtures.js';
import { MockClient } from './support/mock-client.js';
import { dataFiles, durableState } from './support/durable-state.js';
import { type StartedMock, startMock } from './support/start-mock.js';
import { withTempDir } from './support/temp-dir.js';
import { testKeys } from './support/test-keys.js';

let mock: StartedMock | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

describe('durability', () => {
  it('keeps everything across a restart on the same data file, environments apart', async () => {
    mock = await startMock();
    await mock.client.request('test', 'POST', '/customers', { body: createCustomer() });
    await mock.client.request('test', 'POST', '/customers', { body: updateCustomer() });
    await mock.client.request('test', 'POST', '/installations', { body: createInstallation() });
    await mock.client.request('prod', 'POST', '/customers', { body: createCustomer({ customerId: 'PROD-1', name: 'Prod Only AS' }) });
    const before = await mock.client.request('test', 'GET', '/customers/CUST-10001');

    await mock.restart();
    expect((await mock.client.request('test', 'GET', '/customers/CUST-10001')).body).toEqual(before.body);
    expect((await mock.client.request('test', 'GET', '/installations/INST-20001')).status).toBe(200);
    expect((await mock.client.request('prod', 'GET', '/customers/PROD-1')).body).toMatchObject({ name: 'Prod Only AS' });
    expect((await mock.client.request('test', 'GET', '/customers/PROD-1')).status).toBe(404);
    expect((await mock.client.request('prod', 'GET', '/customers/CUST-10001')).status).toBe(404);
    expect((await mock.client.request('prod', 'GET', '/installations')).body).toMatchObject({ total: 0 });
  });

  it('has the change on disk when the 2xx arrives, and folds it into the data file on close', async () => {
    mock = await startMock();
    await mock.client.request('test', 'POST', '/customers', { body: createCustomer() });
    expect((await durableState(mock.dataFile)).test?.customers?.['CUST-10001']).toMatchObject({ name: createCustomer().name, version: 1 });
    await mock.client.request('test', 'DELETE', '/customers/CUST-10001');
    expect((await durableState(mock.dataFile)).test?.customers).toEqual({});
    await mock.client.request('prod', 'POST', '/customers', { body: createCustomer() });
    await mock.app.close();
    const onDisk = JSON.parse(await readFile(mock.dataFile, 'utf8')) as { environments: Record<string, Record<string, object>> };
    expect(Object.keys(onDisk.environments.prod?.customers ?? {})).toEqual(['CUST-10001']);
    expect(Object.keys(await dataFiles(mock.dataFile))).toEqual(['data.json']);
  });

  it('keeps every acknowledged write when many arrive at once', async () => {
    mock = await startMock();
    const writes = Array.from({ length: 50 }, (_, i) =>
      mock!.client.request('test', 'POST', '/customers', { body: createCustomer({ customerId: `BULK-${i}` }) }),
    );
    const responses = await Promise.all(writes);
    expect(responses.every((r) => r.status === 201)).toBe(true);
    expect(Object.keys((await durableState(mock.dataFile)).test?.customers ?? {})).toHaveLength(50);
  });

  it('writes nothing with no data file (in-memory mode)', async () => {
    const app = await buildApp({ apiKeys: testKeys });
    const response = await (await MockClient.inject(app)).request('test', 'POST', '/customers', { body: createCustomer() });
    expect(response.status).toBe(201);
    await app.close();
    const again = await buildApp({ apiKeys: testKeys });
    expect((await (await MockClient.inject(again)).request('test', 'GET', '/customers/CUST-10001')).status).toBe(404);
    await again.close();
  });
});

describe('a data file that cannot be used', () => {
  const cases: [string, string][] = [
    ['not JSON', '{"format": "cubit-core-mock/1", "environments": {'],
    ['empty', ''],
    ['null', 'null'],
    ['an array', '[]'],
    ['another format', '{"customers": []}'],
    ['a record that is not an object', '{"format":"cubit-core-mock/1","environments":{"test":{"customers":{"A":5}}}}'],
  ];
  for (const [what, content] of cases) {
    it(`stops startup when the file is ${what}, naming the file and leaving it byte-for-byte unchanged`, async () => {
      const temp = await withTempDir();
      const dataFile = join(temp.dir, 'data.json');
      await writeFile(dataFile, content);
      await expect(buildApp({ apiKeys: testKeys, dataFile })).rejects.toThrow(`Cannot use the data file ${dataFile}`);
      expect(await readFile(dataFile, 'utf8')).toBe(content);
      await temp.remove();
    });
  }
});
