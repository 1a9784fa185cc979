// The `proxy` command (src/cli/proxy-command.ts) as a real process: run until SIGTERM, one stderr line per
// violation, the JUnit report written on shutdown, and exit status 1 with --fail-on-violation when an exchange
// broke the contract, 0 when none did; usage errors are status 2 with a message, without starting anything.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runProxyCommand } from '../src/cli/proxy-command.js';
import { eventually } from './support/audit-flow.js';
import { type OffContractUpstream, plantedBreaks, rightPath, startOffContractUpstream } from './support/off-contract-upstream.js';
import { withTempDir } from './support/temp-dir.js';
import { testKeys } from './support/test-keys.js';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Running {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

let running: Running | undefined;

/** Starts the command as a process and waits until it says where it listens. */
async function startCommand(args: string[]): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'proxy', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /Validation proxy on (http:\/\/127\.0\.0\.1:\d+) /.exec(out);
      if (match) resolve(match[1] as string);
    });
    void exited.then((code) => reject(new Error(`the proxy exited (${code}) before listening:\n${err}`)));
  });
  running = { child, url, stdout: () => out, stderr: () => err, exited };
  return running;
}

let upstream: OffContractUpstream;
let temp: Awaited<ReturnType<typeof withTempDir>>;

beforeAll(async () => {
  upstream = await startOffContractUpstream();
  temp = await withTempDir();
});
afterEach(async () => {
  if (running && running.child.exitCode === null) {
    running.child.kill('SIGKILL');
    await running.exited;
  }
  running = undefined;
});
afterAll(async () => {
  await upstream.close();
  await temp.remove();
});

describe('the proxy command', () => {
  it('logs a bad exchange, writes it to JUnit on SIGTERM and exits 1 with --fail-on-violation', async () => {
    const junit = join(temp.dir, 'bad', 'junit.xml');
    const proxy = await startCommand(['--upstream', upstream.url, '--port', '0', '--fail-on-violation', '--junit', junit]);
    const [missingName] = plantedBreaks;
    const answer = await fetch(`${proxy.url}${missingName?.path ?? ''}`, { headers: { 'x-api-key': testKeys.test } });
    expect(answer.status).toBe(200);
    await answer.arrayBuffer();
    const line = await eventually('the violation on stderr', () => Promise.resolve(proxy.stderr().split('\n').find((l) => l.includes('contract violation'))));
    expect(line).toMatch(/^contract violation \(response\): GET \/test\/customers\/CUST-10001 → 200 getCustomer body \/name: is required \| payload: \{.*"customerId":"CUST-10001"/);
    proxy.child.kill('SIGTERM');
    expect(await proxy.exited).toBe(1);
    expect(proxy.stdout()).toContain(`Validation proxy: 1 exchange, 1 violation (0 in requests, 1 in answers); JUnit report: ${junit}`);
    const xml = await readFile(junit, 'utf8');
    expect(xml).toMatch(/<testcase classname="validation-proxy" name="getCustomer" time="0">\s*<failure type="contract-violation" message="1 contract violation in 1 exchange; first: getCustomer body \/name: is required">/);
  }, 60_000);

  it('exits 0 on SIGTERM when no exchange broke the contract, and still writes JUnit', async () => {
    const junit = join(temp.dir, 'good.xml');
    const proxy = await startCommand(['--upstream', upstream.url, '--port', '0', '--fail-on-violation', '--junit', junit]);
    const answer = await fetch(`${proxy.url}${rightPath}`, { headers: { 'x-api-key': testKeys.test } });
    expect(answer.status).toBe(200);
    await answer.arrayBuffer();
    proxy.child.kill('SIGTERM');
    expect(await proxy.exited).toBe(0);
    expect(proxy.stderr()).toBe('');
    expect(proxy.stdout()).toContain('Validation proxy: 1 exchange, no violations');
    expect(await readFile(junit, 'utf8')).toMatch(/<testsuites [^>]*failures="0"/);
  }, 60_000);

  it('refuses wrong usage with status 2 and a message, starting nothing', async () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => written.push(String(chunk)) > 0);
    try {
      expect(await runProxyCommand([], {})).toBe(2);
      expect(await runProxyCommand(['--upstream', 'ftp://host'], {})).toBe(2);
      expect(await runProxyCommand(['--upstream', 'not a url'], {})).toBe(2);
      expect(await runProxyCommand(['--upstream', upstream.url, '--port', '70000'], {})).toBe(2);
      expect(await runProxyCommand(['--upstream', upstream.url, '--bogus'], {})).toBe(2);
      expect(await runProxyCommand(['--upstream', upstream.url, 'extra'], {})).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(written.join('')).toMatch(/--upstream <url> is required[\s\S]*ftp:[\s\S]*"not a url"[\s\S]*--port must be a whole number from 0 to 65535, got "70000"[\s\S]*'--bogus'/);
  });
});
