// What the mock's log looks like: pretty (one short line per request: method, URL, status, operationId, ms; the
// banner counts the records of each environment) for a terminal, JSON lines for CI and log shippers, chosen by
// --log-format (auto: pretty on a terminal, JSON otherwise). Lines per request where they are read: on a terminal,
// with an explicit --log-format, or --log-requests. Credentials in the URL are redacted either way.
import { describe, expect, it } from 'vitest';
import { type MockProcess, startServer, useMockProcesses } from './support/mock-process.js';
import { devAdminKey } from '../src/config.js';
import { testKeys } from './support/test-keys.js';

const fixture = useMockProcesses();

async function requestThenLog(args: string[]): Promise<{ mock: MockProcess; lines: string[] }> {
  const mock = await startServer(['--in-memory', '--log-level', 'info', ...args]);
  fixture.running = mock;
  expect((await fetch(`${mock.baseUrl}/test/customers?limit=1`, { headers: { 'x-api-key': testKeys.test } })).status).toBe(200);
  expect((await fetch(`${mock.baseUrl}/test/customers/CUST-1?api_key=${testKeys.prod}`)).status).toBe(401);
  const deadline = Date.now() + 10_000;
  // Logged once answered: as ` 401 ` (pretty) or `"statusCode":401` (JSON).
  while (!/ 401 |"statusCode":401/.test(mock.stdout()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return { mock, lines: mock.stdout().split('\n').filter(Boolean) };
}

describe('--log-format', () => {
  it('pretty: one line per request, with method, URL, status, operationId and time, and the record counts in the banner', async () => {
    const { lines, mock } = await requestThenLog(['--log-format', 'pretty']);
    const requests = lines.filter((line) => / \/test\/customers/.test(line));
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: GET \/test\/customers\?limit=1 200 listCustomers \d+\.\d ms$/);
    expect(requests[1]).toMatch(/GET \/test\/customers\/CUST-1\?api_key=\[redacted\] 401 getCustomer \d+\.\d ms$/);
    expect(mock.stdout()).toContain('test: 0 customers, 0 installations, 0 audits; prod: 0 customers, 0 installations, 0 audits');
    expect(lines.some((line) => line.startsWith('{'))).toBe(false);
    expect(mock.stdout()).not.toContain(testKeys.prod);
    expect(mock.stdout()).not.toContain('\u001b['); // no colours when standard output is not a terminal
  });

  it('json: JSON lines with the request and the answer, when --log-format json or --log-requests asks for them', async () => {
    for (const args of [['--log-format', 'json'], ['--log-requests']]) {
      const { lines, mock } = await requestThenLog(args);
      const entries = lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { msg: string; req?: { url: string }; res?: { statusCode: number } });
      expect(entries.filter((e) => e.msg === 'incoming request').map((e) => e.req?.url)).toEqual(['/test/customers?limit=1', '/test/customers/CUST-1?api_key=[redacted]']);
      expect(entries.filter((e) => e.msg === 'request completed').map((e) => e.res?.statusCode)).toEqual([200, 401]);
      expect(mock.stdout()).not.toContain(testKeys.prod);
      mock.child.kill('SIGKILL');
      await mock.exited;
    }
  }, 60_000);

  it('auto when standard output is not a terminal: JSON lines, but none per request (the journal keeps those)', async () => {
    const mock = await startServer(['--in-memory', '--log-level', 'info']);
    fixture.running = mock;
    expect((await fetch(`${mock.baseUrl}/test/customers?limit=1`, { headers: { 'x-api-key': testKeys.test } })).status).toBe(200);
    const journal = await fetch(`${mock.baseUrl}/__admin/requests/count`, { headers: { 'x-admin-key': devAdminKey } });
    expect(await journal.json()).toEqual({ count: 1 });
    mock.child.kill('SIGTERM');
    expect(await mock.exited).toBe(0);
    const entries = mock.stdout().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { msg: string });
    expect(entries.map((e) => e.msg)).toContain('SIGTERM received, closing');
    expect(entries.filter((e) => e.msg === 'incoming request' || e.msg === 'request completed')).toEqual([]);
  });

  it('loses no line at a clean shutdown: every request logged before SIGTERM is on standard output after the exit', async () => {
    const mock = await startServer(['--in-memory', '--log-level', 'info', '--log-format', 'json']);
    fixture.running = mock;
    const sent = 400;
    const answers = await Promise.all(
      Array.from({ length: sent }, (_, i) => fetch(`${mock.baseUrl}/test/customers/CUST-${i}`, { headers: { 'x-api-key': testKeys.test } }).then((r) => r.status)),
    );
    expect(answers.every((status) => status === 404)).toBe(true);
    mock.child.kill('SIGTERM');
    expect(await mock.exited).toBe(0);
    const entries = mock.stdout().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { msg: string });
    expect(entries.filter((e) => e.msg === 'request completed')).toHaveLength(sent);
    expect(entries.at(-1)?.msg).toBeDefined();
    expect(entries.map((e) => e.msg)).toContain('SIGTERM received, closing');
  });
});
