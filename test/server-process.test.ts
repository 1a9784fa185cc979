// The mock as users run it: a real process, a real listener, signals, restarts and a corrupt data file.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCustomer, createInstallation } from './support/fixtures.js';
import { MockClient } from './support/mock-client.js';
import { runServer, startServer, useMockProcesses } from './support/mock-process.js';

const fixture = useMockProcesses();

describe('the mock process', () => {
  it('prints both base URLs, the docs URL and the keys source, and serves over HTTP', async () => {
    fixture.running = await startServer(['--data', join(fixture.dir, 'data.json')], { CUBIT_MOCK_TEST_API_KEY: 'cubit-mock-test-key' });
    const port = new URL(fixture.running.baseUrl).port;
    expect(fixture.running.stdout()).toContain(`test  http://127.0.0.1:${port}/test   X-API-Key: cubit-mock-test-key`);
    expect(fixture.running.stdout()).toContain(`prod  http://127.0.0.1:${port}/prod   X-API-Key: (from CUBIT_MOCK_PROD_API_KEY)`);
    expect(fixture.running.stdout()).toContain(`docs  http://127.0.0.1:${port}/docs`);
    const docs = await fetch(`${fixture.running.baseUrl}/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('Swagger UI');
  });

  it('keeps its data across a graceful restart and a kill -9', async () => {
    const dataFile = join(fixture.dir, 'data.json');
    fixture.running = await startServer(['--data', dataFile]);
    let client = await MockClient.http(fixture.running.baseUrl);
    expect((await client.request('test', 'POST', '/customers', { body: createCustomer() })).status).toBe(201);
    fixture.running.child.kill('SIGTERM');
    expect(await fixture.running.exited).toBe(0);

    fixture.running = await startServer(['--data', dataFile]);
    client = await MockClient.http(fixture.running.baseUrl);
    expect((await client.request('test', 'GET', '/customers/CUST-10001')).status).toBe(200);
    expect((await client.request('test', 'POST', '/installations', { body: createInstallation() })).status).toBe(201);
    fixture.running.child.kill('SIGKILL');
    await fixture.running.exited;

    fixture.running = await startServer(['--data', dataFile]);
    client = await MockClient.http(fixture.running.baseUrl);
    expect((await client.request('test', 'GET', '/installations/INST-20001')).status).toBe(200);
  });

  it('refuses to start on a corrupt data file: non-zero exit, the file named, the file unchanged', async () => {
    const dataFile = join(fixture.dir, 'data.json');
    const corrupt = '{"format":"cubit-core-mock/1","environments":{"test":';
    await writeFile(dataFile, corrupt);
    const run = runServer(['--port', '0', '--data', dataFile]);
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toContain(`Cannot use the data file ${dataFile}`);
    expect(run.stderr()).not.toMatch(/\n\s+at /);
    expect(await readFile(dataFile, 'utf8')).toBe(corrupt);
  });

  it('refuses to share a data file with another fixture.running mock', async () => {
    const dataFile = join(fixture.dir, 'data.json');
    fixture.running = await startServer(['--data', dataFile]);
    const second = runServer(['--port', '0', '--data', dataFile]);
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toContain(`it is in use by another mock (process ${fixture.running.child.pid})`);
  });

  it('lists every option with --help and rejects unknown ones', async () => {
    const help = runServer(['--help']);
    expect(await help.exited).toBe(0);
    for (const option of ['--port', '--host', '--data', '--in-memory', '--spec', '--compact-after', '--log-level', 'CUBIT_MOCK_TEST_API_KEY', 'CUBIT_MOCK_PROD_API_KEY']) {
      expect(help.stdout()).toContain(option);
    }
    const bad = runServer(['--prot', '1']);
    expect(await bad.exited).toBe(2);
    expect(bad.stderr()).toContain("Unknown option '--prot'");
  });
});
