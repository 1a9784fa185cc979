// The validation proxy (src/proxy/) between a client and an upstream: in front of the mock itself, valid traffic
// passes without a violation, an invalid request is recorded (and in strict mode answered 400 by the proxy with
// the mock's own `errors`, never reaching the mock); in front of an upstream that breaks the contract on purpose,
// each planted break is named by operation and pointer in the log, the report and JUnit; an upstream that is
// down is a 502; and no credential a client sent, in a header or the query, is found in any of them.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeJUnit } from '../src/proxy/junit-report.js';
import type { ProxyReport } from '../src/proxy/proxy-report.js';
import { type ValidationProxy, startValidationProxy } from '../src/proxy/validation-proxy.js';
import { createCustomer, createInstallation } from './support/fixtures.js';
import { bigPath, echoPath, type OffContractUpstream, plantedBreaks, rightPath, startOffContractUpstream } from './support/off-contract-upstream.js';
import { type StartedMock, startMock } from './support/start-mock.js';
import { withTempDir } from './support/temp-dir.js';
import { testKeys, testToken } from './support/test-keys.js';

const keyHeader = { 'x-api-key': testKeys.test };

interface Sent {
  status: number;
  headers: Headers;
  text: string;
  body: unknown;
}

async function send(base: string, method: string, path: string, options: { headers?: Record<string, string>; body?: unknown } = {}): Promise<Sent> {
  const headers = { ...options.headers, ...(options.body === undefined ? {} : { 'content-type': 'application/json' }) };
  const response = await fetch(`${base}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text !== '' && /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : undefined };
}

const reportOf = async (proxy: ValidationProxy) => (await send(proxy.url, 'GET', '/__proxy/report')).body as ProxyReport;

let proxy: ValidationProxy | undefined;
let lines: string[] = [];
const start = async (upstream: string, options: { strict?: boolean; redact?: string[]; bodyLimit?: number } = {}) => {
  lines = [];
  proxy = await startValidationProxy({ upstream, ...options, log: (_violation, line) => lines.push(line) });
  return proxy;
};
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

describe('the validation proxy in front of the mock', () => {
  let mock: StartedMock;
  let upstream: string;
  /** How many requests the mock's journal has that match the filter (a query of its countRequests). */
  const reached = async (filter: string) => ((await mock.admin.request('GET', `/requests/count?${filter}`)).body as { count: number }).count;

  beforeAll(async () => {
    mock = await startMock();
    upstream = await mock.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => mock.close());

  it('passes valid traffic of every kind without a violation, and keeps clients behind it through Location', async () => {
    const { url } = await start(upstream);
    const customer = createCustomer({ customerId: 'CUST-PX001' });
    const created = await send(url, 'POST', '/test/customers', { headers: keyHeader, body: customer });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`${url}/test/customers/CUST-PX001`);
    expect((await send(created.headers.get('location') ?? '', 'GET', '', { headers: keyHeader })).status).toBe(200);
    expect((await send(url, 'HEAD', '/test/customers/CUST-PX001', { headers: keyHeader })).status).toBe(200);
    expect((await send(url, 'GET', '/test/customers?limit=10&offset=0', { headers: keyHeader })).status).toBe(200);
    expect((await send(url, 'GET', '/test/customers/CUST-PX404', { headers: keyHeader })).status).toBe(404);
    const installation = createInstallation({ installationId: 'INST-PX001', customerId: 'CUST-PX001' });
    expect((await send(url, 'POST', '/test/installations', { headers: keyHeader, body: installation })).status).toBe(201);
    expect((await send(url, 'GET', '/test/installations?customerId=CUST-PX001', { headers: keyHeader })).status).toBe(200);
    const bearer = { authorization: `Bearer ${await testToken('test')}` };
    const audit = await send(url, 'POST', '/test/audits', { headers: bearer, body: { auditId: 'AUD-PX001', installationId: 'INST-PX001', kind: 'periodic', title: 'Periodic inspection' } });
    expect(audit.status).toBe(201);
    const started = await send(url, 'POST', '/test/audits/AUD-PX001/status', { headers: { ...bearer, 'if-match': audit.headers.get('etag') ?? '' }, body: { status: 'in_progress' } });
    expect(started.status).toBe(200);
    expect((await send(url, 'GET', '/test/audits/AUD-PX001/history', { headers: bearer })).status).toBe(200);
    expect((await send(url, 'DELETE', '/test/audits/AUD-PX001', { headers: bearer })).status).toBe(204);
    // A browser's CORS preflight is passed on, and not judged: no operation documents OPTIONS.
    const preflight = await send(url, 'OPTIONS', '/test/customers', { headers: { origin: 'http://app.example', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);

    const report = await reportOf(proxy as ValidationProxy);
    expect(lines).toEqual([]);
    expect(report.violations).toMatchObject({ total: 0, byDirection: { request: 0, response: 0 }, recent: [] });
    expect(report.exchanges).toMatchObject({ total: 11, refused: 0, upstreamFailures: 0, preflights: 1 });
    expect(report.exchanges.byOperation).toMatchObject({ upsertCustomer: 1, getCustomer: 3, listCustomers: 1, upsertInstallation: 1, listInstallations: 1, upsertAudit: 1, setAuditStatus: 1, getAuditHistory: 1, deleteAudit: 1, deleteCustomer: 0, '(unrouted)': 0 });
  });

  it('forwards an invalid request and records it, with the operation, the pointer and the offending value', async () => {
    const { url } = await start(upstream);
    const answered = await send(url, 'GET', '/test/customers?limit=500&offset=0', { headers: keyHeader });
    expect(answered.status).toBe(400); // the mock's own answer
    expect(await reached('operationId=listCustomers&status=400')).toBe(1);
    const { violations } = await reportOf(proxy as ValidationProxy);
    expect(violations).toMatchObject({ total: 1, byDirection: { request: 1, response: 0 }, byOperation: { listCustomers: 1 } });
    expect(violations.recent[0]).toMatchObject({
      direction: 'request', method: 'GET', path: '/test/customers?limit=500&offset=0', operationId: 'listCustomers', status: 400, in: 'query', pointer: '/query/limit', rule: 'must be <= 200', payload: '"500"',
    });
    expect(violations.recent[0]?.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(lines).toEqual([expect.stringMatching(/GET \/test\/customers\?limit=500&offset=0 → 400 listCustomers \/query\/limit: must be <= 200/)]);
  });

  it('in strict mode answers an invalid request itself, with the errors the mock would list, and forwards a valid one', async () => {
    const { url } = await start(upstream, { strict: true });
    const invalid: Record<string, unknown> = { ...createCustomer({ customerId: 'CUST-PX101' }), nickname: 'Fjordkraft' };
    delete invalid.name;
    const refused = await send(url, 'POST', '/test/customers', { headers: keyHeader, body: invalid });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ type: 'urn:cubit:problem:validation-failed', title: 'Request validation failed', status: 400, code: 'validation-failed' });
    expect(await reached('operationId=upsertCustomer&bodyPointer=/customerId&bodyEquals=CUST-PX101')).toBe(0);
    const mocksOwn = await mock.client.request('test', 'POST', '/customers', { body: invalid });
    const errors = (refused.body as { errors: unknown[] }).errors;
    expect(errors).toEqual(expect.arrayContaining([{ in: 'body', pointer: '/name', message: 'is required' }, { in: 'body', pointer: '/nickname', message: 'is not a known property' }]));
    expect(new Set(errors)).toEqual(new Set((mocksOwn.body as { errors: unknown[] }).errors));

    expect((await send(url, 'POST', '/test/customers', { headers: keyHeader, body: createCustomer({ customerId: 'CUST-PX102' }) })).status).toBe(201);
    expect(await reached('operationId=upsertCustomer&bodyPointer=/customerId&bodyEquals=CUST-PX102')).toBe(1);
    const report = await reportOf(proxy as ValidationProxy);
    expect(report.exchanges).toMatchObject({ total: 2, refused: 1 });
    expect(report.violations.byDirection).toEqual({ request: 2, response: 0 });
    expect(report.violations.recent.every((v) => v.status === 400 && v.operationId === 'upsertCustomer')).toBe(true);
  });
});

describe('the validation proxy in front of an upstream that breaks the contract', () => {
  let upstream: OffContractUpstream;
  let temp: Awaited<ReturnType<typeof withTempDir>>;

  beforeAll(async () => {
    upstream = await startOffContractUpstream();
    temp = await withTempDir();
  });
  afterAll(async () => {
    await upstream.close();
    await temp.remove();
  });

  it('catches each planted break with its operation and pointer, in the log, the report and JUnit', async () => {
    const { url } = await start(upstream.url);
    // The requests are right: the API key, and a bearer token where one is needed (the proxy judges its presence only).
    const credentials = (path: string) => (path.startsWith('/test/audits') ? { authorization: 'Bearer not.judged.here' } : keyHeader);
    for (const planted of plantedBreaks) {
      await send(url, planted.method, planted.path, { headers: credentials(planted.path), body: planted.method === 'POST' ? createCustomer() : undefined });
    }
    expect((await send(url, 'GET', rightPath, { headers: keyHeader })).status).toBe(200);
    const report = await reportOf(proxy as ValidationProxy);
    expect(report.violations.byDirection.request).toBe(0);
    for (const planted of plantedBreaks) {
      const where = { operationId: planted.operationId, in: planted.in, pointer: planted.pointer };
      expect(report.violations.kinds[planted.operationId], planted.what).toContainEqual(expect.objectContaining({ direction: 'response', in: planted.in, pointer: planted.pointer }));
      expect(report.violations.recent, planted.what).toContainEqual(expect.objectContaining({ ...where, method: planted.method, path: planted.path }));
      expect(lines.some((line) => line.includes(`${planted.path} →`) && line.includes(planted.operationId) && line.includes(planted.pointer || 'status')), planted.what).toBe(true);
    }
    expect(report.violations.kinds.getCustomer).toContainEqual(expect.objectContaining({ pointer: '/name', rule: 'is required', count: 1 }));
    expect(report.violations.kinds.getInstallation).toContainEqual(expect.objectContaining({ pointer: '/version', rule: 'must be integer', example: expect.objectContaining({ payload: '"3"' }) as unknown }));

    const file = join(temp.dir, 'junit', 'proxy.xml');
    await writeJUnit(report, file);
    const xml = await readFile(file, 'utf8');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
    expect(xml).toMatch(/<testsuites [^>]*tests="15" failures="5" errors="0" skipped="\d+"/);
    for (const planted of plantedBreaks) {
      const testCase = new RegExp(`<testcase classname="validation-proxy" name="${planted.operationId}"[^>]*>\\s*<failure [^>]*>([^<]*)</failure>`).exec(xml);
      expect(testCase, planted.what).not.toBeNull();
      const shown = planted.in === 'body' ? `body ${planted.pointer}` : planted.pointer || 'status';
      expect(testCase?.[1], planted.what).toContain(`${planted.operationId} ${shown}: `);
    }
    expect(xml).toMatch(/<testcase classname="validation-proxy" name="deleteCustomer" time="0">\s*<skipped /);
    expect(xml).toContain('<testcase classname="validation-proxy" name="(requests that match no operation)" time="0"></testcase>');
  });

  it('answers 502 problem+json when the upstream cannot be reached, and records it', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const { url } = await start(`http://127.0.0.1:${port}`);
    const answered = await send(url, 'GET', '/test/customers', { headers: keyHeader });
    expect(answered.status).toBe(502);
    expect(answered.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answered.body).toMatchObject({ status: 502, code: 'upstream-unreachable', title: 'Upstream unreachable' });
    const report = await reportOf(proxy as ValidationProxy);
    expect(report.exchanges).toMatchObject({ total: 1, upstreamFailures: 1 });
    expect(report.violations.recent).toEqual([expect.objectContaining({ direction: 'response', operationId: 'listCustomers', status: 502, in: 'upstream', rule: expect.stringContaining('ECONNREFUSED') as unknown })]);
  });

  it('refuses a request body over its bound with 413, and answers an upstream answer over it with 502', async () => {
    const { url } = await start(upstream.url, { bodyLimit: 4096 });
    const before = upstream.received.length;
    const tooLarge = await send(url, 'POST', '/test/customers', { headers: keyHeader, body: { ...createCustomer(), padding: 'x'.repeat(8192) } });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toMatchObject({ status: 413, code: 'payload-too-large' });
    expect(upstream.received.length).toBe(before);
    const answer = await send(url, 'GET', bigPath, { headers: keyHeader });
    expect(answer.status).toBe(502);
    expect(answer.body).toMatchObject({ status: 502, code: 'upstream-answer-too-large' });
    const report = await reportOf(proxy as ValidationProxy);
    expect(report.exchanges).toMatchObject({ total: 2, refused: 1, upstreamFailures: 1 });
    expect(report.violations.recent.map((v) => [v.operationId, v.direction, v.in, v.status])).toEqual([
      ['upsertCustomer', 'request', 'body', 413],
      ['getCustomer', 'response', 'upstream', 502],
    ]);
  });

  it('never shows a credential sent in a header or the query, even when the upstream echoes it', async () => {
    const secrets = {
      key: 'sentinel-api-key-5d1e0b',
      token: 'sentinel.bearer-token.5d1e0b',
      admin: 'sentinel-admin-key-5d1e0b',
      configured: 'sentinel-configured-5d1e0b',
      apiKeyQuery: 'sentinel-q-api-key-5d1e0b',
      tokenQuery: 'sentinel-q-token-5d1e0b',
      accessTokenQuery: 'sentinel-q-access-5d1e0b',
      keyQuery: 'sentinel-q-key-5d1e0b',
    };
    const { url } = await start(upstream.url, { redact: [secrets.configured] });
    const headers = { 'x-api-key': secrets.key, authorization: `Bearer ${secrets.token}`, 'x-admin-key': secrets.admin, 'x-note': `a copy of ${secrets.configured}` };
    const query = `API_KEY=${secrets.apiKeyQuery}&Token=${secrets.tokenQuery}&access_TOKEN=${secrets.accessTokenQuery}&key=${secrets.keyQuery}`;
    await send(url, 'GET', `${echoPath}?${query}`, { headers });
    await send(url, 'GET', `/test/customers/CUST-10001?apikey=${secrets.apiKeyQuery}`, { headers });
    await send(url, 'POST', `/test/customers?token=${secrets.tokenQuery}`, { headers, body: { ...createCustomer(), name: secrets.key, note: secrets.token } });
    await send(url, 'GET', `/nowhere/${secrets.key}?access_token=${secrets.accessTokenQuery}`, { headers });

    const report = await reportOf(proxy as ValidationProxy);
    expect(report.violations.total).toBeGreaterThan(8);
    expect(report.violations.kinds.getCustomer).toContainEqual(expect.objectContaining({ direction: 'response', pointer: '/echo', rule: 'is not a documented property' }));
    const file = join(temp.dir, 'credentials.xml');
    await writeJUnit(report, file);
    const shown = { log: lines.join('\n'), report: JSON.stringify(report), junit: await readFile(file, 'utf8') };
    expect(shown.log).toContain('[redacted]');
    for (const [where, text] of Object.entries(shown)) {
      for (const [name, secret] of Object.entries(secrets)) {
        expect(text.includes(secret) || text.includes(encodeURIComponent(secret)), `the ${name} in the ${where}`).toBe(false);
      }
    }
  });
});
