// No credential the mock is given or sent ever comes out of it. A real mock process, logging everything (trace),
// is started with obviously fake keys, an admin key, a bearer-token secret and receivers of the audit flow whose
// URLs carry tokens. It is sent those credentials in every credential-like query parameter (any case), in every
// credential header, on right and wrong routes, in valid and invalid requests, to the admin API and to the audit
// operations with a bearer token; then the contract suite runs against it (with two fault rules, so that its
// reports hold violations and the requests that caused them). None of the credentials may then be found in a log
// line, a file of the data directory, an entry of the request journal or of the audit flow (as the admin API
// lists them), what the receivers were sent, or a report or JUnit file of the contract run.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevToken } from '../src/http/dev-token.js';
import { eventually } from './support/audit-flow.js';
import { type ContractRun, runContractSuite } from './support/contract-run.js';
import { createCustomer } from './support/fixtures.js';
import { type MockProcess, startServer } from './support/mock-process.js';
import { rawExchange } from './support/raw-http.js';
import { withTempDir } from './support/temp-dir.js';

const testKey = 'sentinel-test-key-7f3a91c4-not-a-real-one';
const prodKey = 'sentinel-prod-key-7f3a91c4-not-a-real-one';
const adminKey = 'sentinel-admin-key-7f3a91c4-not-a-real-one';
const jwtSecret = 'sentinel-jwt-secret-7f3a91c4-not-a-real-one';
const archiveToken = 'sentinel-archive-token-7f3a91c4';
const lanternToken = 'sentinel-lantern-token-7f3a91c4';

/** Credential-like query parameter names, in several cases and spellings. */
const credentialNames = ['api_key', 'API_KEY', 'Api_Key', 'apikey', 'APIKEY', 'apiKey', 'key', 'KEY', 'Key', 'token', 'TOKEN', 'Token', 'access_token', 'ACCESS_TOKEN', 'Access_Token', 'api%5Fkey'];

let temp: Awaited<ReturnType<typeof withTempDir>>;
let receiver: Server;
const forwarded: { path: string; headers: string; body: string }[] = [];
let mock: MockProcess;
let token: string;
let secrets: [string, string][];
let run: ContractRun;
const adminPages: { what: string; text: string }[] = [];
let failedArchiveDelivery: { error: string } | undefined;
let exitCode: number | NodeJS.Signals;

const dataDir = () => join(temp.dir, 'data');
const reportDir = () => join(temp.dir, 'reports');

/** Where each secret occurs in the text, with some of what surrounds it. */
function leaksIn(where: string, text: string): string[] {
  return secrets.flatMap(([name, secret]) => {
    const at = text.indexOf(secret);
    return at < 0 ? [] : [`${where}: the ${name} in …${text.slice(Math.max(0, at - 160), at + secret.length + 40)}…`];
  });
}

async function send(method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<number> {
  const response = await fetch(`${mock.baseUrl}${path}`, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response.status;
}

async function admin(path: string): Promise<{ status: number; body: unknown; text: string }> {
  const response = await fetch(`${mock.baseUrl}/__admin${path}`, { headers: { 'x-admin-key': adminKey } });
  const text = await response.text();
  return { status: response.status, body: response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text, text };
}

/** Every page of an admin list, kept as text for the leak checks. */
async function readAdminList(path: string, query: Record<string, string> = {}): Promise<unknown[]> {
  const items: unknown[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await admin(`${path}?${new URLSearchParams({ ...query, limit: '500', offset: String(offset) }).toString()}`);
    expect(page.status, page.text).toBe(200);
    adminPages.push({ what: `GET /__admin${path} ${JSON.stringify(query)} offset ${offset}`, text: page.text });
    const { items: pageItems, total } = page.body as { items: unknown[]; total: number };
    items.push(...pageItems);
    if (offset + 500 >= total) return items;
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** Sends every credential through every channel a client has, on right and wrong routes. */
async function sendCredentialsEverywhere(): Promise<void> {
  const all = [testKey, prodKey, adminKey, token];
  const routes: { method: string; path: string; headers: Record<string, string> }[] = [
    { method: 'GET', path: '/test/customers', headers: { 'x-api-key': testKey } },
    { method: 'GET', path: '/prod/customers', headers: { 'X-API-Key': prodKey } },
    { method: 'GET', path: '/test/customers/CUST-10001', headers: { 'x-api-key': adminKey } },
    { method: 'GET', path: '/test/audits', headers: { authorization: `Bearer ${token}` } },
    { method: 'GET', path: '/prod/audits', headers: { Authorization: `Bearer ${testKey}` } },
    { method: 'POST', path: '/test/customers', headers: { 'x-api-key': testKey } },
    { method: 'DELETE', path: '/test/customers', headers: { 'x-api-key': testKey } },
    { method: 'HEAD', path: '/test/customers', headers: { 'x-api-key': testKey } },
    { method: 'OPTIONS', path: '/test/customers', headers: { origin: 'https://app.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-api-key' } },
    { method: 'GET', path: '/test/no-such-thing', headers: { 'x-api-key': testKey } },
    { method: 'GET', path: '/no-such-thing', headers: { 'x-admin-key': adminKey } },
    { method: 'GET', path: '/__admin/requests', headers: { 'x-admin-key': adminKey } },
    { method: 'GET', path: '/__admin/requests', headers: { 'X-Admin-Key': testKey } },
    { method: 'GET', path: '/__admin/no-such-thing', headers: { 'x-admin-key': adminKey } },
  ];
  for (const name of credentialNames) {
    const query = all.map((secret) => `${name}=${encodeURIComponent(secret)}`).join('&');
    for (const route of routes) await send(route.method, `${route.path}?${query}`, route.headers, route.method === 'POST' ? {} : undefined);
  }
  // Each credential in each credential header, valid or not.
  for (const header of ['X-API-Key', 'X-Admin-Key', 'Authorization']) {
    for (const secret of all) {
      for (const value of [secret, `Bearer ${secret}`]) {
        await send('GET', '/test/customers', { [header]: value });
        await send('GET', '/test/audits', { [header]: value });
        await send('GET', '/__admin/requests', { [header]: value });
      }
    }
  }
  // Valid requests with every credential header at once, and invalid ones.
  const everything = { 'x-api-key': testKey, 'x-admin-key': adminKey, authorization: `Bearer ${token}` };
  expect(await send('GET', '/test/customers', everything)).toBe(200);
  expect(await send('POST', '/test/customers', { 'x-api-key': testKey }, createCustomer({ customerId: 'CUST-SECRET-1' }))).toBe(201);
  expect(await send('POST', '/test/customers', { 'x-api-key': testKey }, { name: 5 })).toBe(400);
  expect(await send('GET', '/test/audits', { authorization: `Bearer ${token}` })).toBe(200);
  expect(await send('GET', '/test/audits?limit=0', { authorization: `Bearer ${token}` })).toBe(400);
  expect(await send('GET', '/__admin/requests?limit=1', { 'x-admin-key': adminKey })).toBe(200);
  // A URL too long (414), with credentials before and after the part a cut would keep.
  expect(await send('GET', `/test/customers?api_key=${testKey}&pad=${'x'.repeat(9000)}&token=${token}`, { 'x-api-key': testKey })).toBe(414);
  // Requests Node's parser refuses, before the app sees them: a bad request line, a bad header field, a head too large.
  for (const request of [
    `GET /test/customers?api_key=${testKey} b c HTTP/1.1\r\nHost: x\r\n\r\n`,
    `GET /test/customers?token=${token} HTTP/1.1\r\nHost: x\r\nBad Header ${adminKey}\r\n\r\n`,
    `GET /test/customers?Key=${prodKey} HTTP/1.1\r\nHost: x\r\nX-API-Key: ${testKey}\r\nX-Padding: ${'x'.repeat(20_000)}\r\n\r\n`,
  ]) {
    expect((await rawExchange(mock.baseUrl, request)).status).toBeGreaterThanOrEqual(400);
  }
}

beforeAll(async () => {
  temp = await withTempDir();
  token = await mintDevToken({ subject: 'qa@example.no', environment: 'test', expiresIn: '1h', secret: jwtSecret });
  secrets = [
    ['test API key', testKey],
    ['prod API key', prodKey],
    ['admin key', adminKey],
    ['bearer token secret', jwtSecret],
    ['bearer token', token],
    ["bearer token's signature", token.split('.')[2] as string],
    ["Archive receiver's token", archiveToken],
    ["Lantern receiver's token", lanternToken],
  ];

  // The Archive's receiver fails every delivery (so that its failures are recorded), Lantern's accepts them.
  receiver = createServer((request, reply) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      forwarded.push({ path: request.url ?? '', headers: JSON.stringify(request.headers), body });
      reply.writeHead(request.url?.startsWith('/archive') ? 503 : 204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const receiverOrigin = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

  mock = await startServer(
    [
      '--data', join(dataDir(), 'cubit-mock.json'),
      '--journal-size', '100000',
      '--archive-url', `${receiverOrigin}/archive?Token=${archiveToken}`,
      '--lantern-url', `${receiverOrigin}/lantern?api_key=${lanternToken}`,
      '--max-delivery-count', '2',
      // A log line per request (off by default when standard output is not a terminal): each must be redacted.
      '--log-requests',
    ],
    { CUBIT_MOCK_TEST_API_KEY: testKey, CUBIT_MOCK_PROD_API_KEY: prodKey, CUBIT_MOCK_ADMIN_KEY: adminKey, CUBIT_MOCK_JWT_SECRET: jwtSecret, CUBIT_MOCK_LOG_LEVEL: 'trace',
      // Wrong credentials are sent on purpose, many of them: they must reach the checks, not a 429.
      CUBIT_MOCK_AUTH_FAILURE_LIMIT: '0' },
  );
  await sendCredentialsEverywhere();

  // Two faults, so that the run reports violations with the requests (and credentials) that caused them.
  for (const operationId of ['getCustomer', 'getAudit']) {
    const rule = await fetch(`${mock.baseUrl}/__admin/fault-rules`, {
      method: 'POST',
      headers: { 'x-admin-key': adminKey, 'content-type': 'application/json' },
      body: JSON.stringify({ environment: 'test', operationId, fault: { type: 'status', status: 503 }, times: 2 }),
    });
    expect(rule.status, await rule.text()).toBe(201);
  }
  run = await runContractSuite(reportDir(), {
    CONTRACT_BASE_URL: `${mock.baseUrl}/test`,
    CONTRACT_API_KEY: testKey,
    CONTRACT_BEARER_TOKEN: token,
    CONTRACT_ADMIN_URL: `${mock.baseUrl}/__admin`,
    CONTRACT_ADMIN_KEY: adminKey,
  });

  // The audit flow has recorded a failed delivery to the Archive by now, or soon.
  failedArchiveDelivery = await eventually('a failed delivery to the Archive', async () => {
    const deliveries = (await admin('/deliveries?environment=test&limit=500')).body as { items: { subscription: string; outcome: string; error: string }[] };
    return deliveries.items.find((item) => item.subscription === 'archive' && item.outcome === 'failed');
  });
  await readAdminList('/requests');
  for (const environment of ['test', 'prod']) {
    for (const list of ['/outbox', '/deliveries', '/dead-letters', '/archive/cases', '/lantern/notifications']) await readAdminList(list, { environment });
  }
  mock.child.kill('SIGTERM');
  exitCode = await mock.exited;
}, 90_000);

afterAll(async () => {
  if (mock?.child.exitCode === null) {
    mock.child.kill('SIGKILL');
    await mock.exited;
  }
  await new Promise((resolve) => receiver?.close(resolve));
  await temp?.remove();
});

describe('credentials sent to the mock, or given to it', () => {
  it('were used: the run wrote its reports with violations, the Archive failed, Lantern got messages, the mock closed cleanly', () => {
    expect(run.missingReports).toEqual([]);
    const requests = run.violations.map((v) => v.request).join('\n');
    expect(requests).toContain('X-API-Key: [redacted valid key]');
    expect(requests).toContain('authorization: Bearer [redacted valid token]');
    expect(failedArchiveDelivery?.error).toContain('/archive?Token=[redacted]');
    expect(forwarded.some((request) => request.path.startsWith('/lantern'))).toBe(true);
    expect(exitCode).toBe(0);
  });

  it('are in no log line, on stdout or stderr', () => {
    expect(mock.stdout().split('\n').filter((line) => line.includes('"req"')).length).toBeGreaterThan(100);
    for (const name of ['api_key', 'APIKEY', 'Token', 'Access_Token', 'api%5Fkey']) expect(mock.stdout()).toContain(`?${name}=[redacted]&${name}=[redacted]`);
    expect([...leaksIn('stdout', mock.stdout()), ...leaksIn('stderr', mock.stderr())]).toEqual([]);
  });

  it('are in no file of the data directory (data file, journal, lock)', async () => {
    const files = await filesUnder(dataDir());
    expect(files.length).toBeGreaterThan(0);
    const leaks = await Promise.all(files.map(async (file) => leaksIn(file, await readFile(file, 'utf8'))));
    expect(leaks.flat()).toEqual([]);
  });

  it('are in no entry of the request journal, the outbox, the deliveries or the dead letters', () => {
    const journal = adminPages.filter((page) => page.what.startsWith('GET /__admin/requests')).map((page) => page.text).join('\n');
    for (const field of ['"x-api-key":"[redacted]"', '"x-admin-key":"[redacted]"', '"authorization":"[redacted]"', '"Access_Token":["[redacted]","[redacted]"']) expect(journal).toContain(field);
    expect(adminPages.flatMap((page) => leaksIn(page.what, page.text))).toEqual([]);
  });

  it('are in nothing the receivers were sent, but the URL each was given', () => {
    expect(forwarded.flatMap((request, i) => leaksIn(`forward ${i} to ${request.path.split('?')[0] ?? ''}`, `${request.headers}\n${request.body}`))).toEqual([]);
  });

  it("are in no report or JUnit file of the contract run, nor in what it printed", async () => {
    const files = await filesUnder(reportDir());
    expect(files.map((file) => file.slice(reportDir().length + 1)).sort()).toEqual(expect.arrayContaining(['coverage.json', 'junit.xml', 'summary.txt', 'violations.json']));
    const leaks = await Promise.all(files.map(async (file) => leaksIn(file, await readFile(file, 'utf8'))));
    expect([...leaks.flat(), ...leaksIn('the run’s output', run.output)]).toEqual([]);
  });
});
