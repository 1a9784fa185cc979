// The mock and the data command, stopped by a full disk, a read-only disk, a missing permission, a port in use or
// a spec it cannot read: one sentence on stderr naming the file or the address, exit 1, and the stack only at
// --log-level debug. The file-system errors come from test/support/fs-fault-preload.ts, loaded into the process.
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FsFault } from './support/fs-fault-preload.js';
import { runServer, useMockProcesses } from './support/mock-process.js';
import { runCli } from './support/run-cli.js';

const fixture = useMockProcesses();
const preload = pathToFileURL(fileURLToPath(new URL('./support/fs-fault-preload.ts', import.meta.url))).href;
const specFile = fileURLToPath(new URL('../openapi/cubit-core.yaml', import.meta.url));

/** The environment that loads the fault into a spawned process. */
const faulty = (fault: FsFault): NodeJS.ProcessEnv => ({
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import tsx --import ${preload}`.trim(),
  CUBIT_TEST_FS_FAULT: JSON.stringify(fault),
});

/** Runs the mock to its (expected) end, killing it if it is still up after a while. */
async function failedStart(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | string; stderr: string }> {
  const run = runServer(['--host', '127.0.0.1', ...args], env);
  const timer = setTimeout(() => run.child.kill('SIGKILL'), 20_000);
  const code = await run.exited;
  clearTimeout(timer);
  return { code, stderr: run.stderr() };
}

/** One line, the program's name first, the sentence's parts in it, and no stack. */
function expectOneSentence(stderr: string, program: string, ...parts: string[]): void {
  expect(stderr.endsWith('\n')).toBe(true);
  expect(stderr.slice(0, -1).split('\n'), stderr).toHaveLength(1);
  expect(stderr.startsWith(`${program}: cannot `), stderr).toBe(true);
  for (const part of parts) expect(stderr).toContain(part);
  expect(stderr).toMatch(/\.\n$/);
  expect(stderr).not.toContain('    at ');
}

describe('when the mock will not start', () => {
  it('says the disk is full, for the data file, and points to --read-only', async () => {
    const run = await failedStart(['--port', '0', '--data', join(fixture.dir, 'data.json')], faulty({ code: 'ENOSPC', under: fixture.dir }));
    expect(run.code).toBe(1);
    expectOneSentence(run.stderr, 'cubit-core-mock', fixture.dir, 'the disk is full (ENOSPC)', '--read-only');
  });

  it('says permission is denied to create the data directory', async () => {
    const dir = join(fixture.dir, 'data');
    const run = await failedStart(['--port', '0', '--data', join(dir, 'cubit.json')], faulty({ code: 'EACCES', under: dir }));
    expect(run.code).toBe(1);
    expectOneSentence(run.stderr, 'cubit-core-mock', dir, 'permission denied (EACCES)');
  });

  it('says the operation is not permitted on reading the data file', async () => {
    const dataFile = join(fixture.dir, 'data.json');
    await writeFile(dataFile, '{}\n');
    const run = await failedStart(['--port', '0', '--data', dataFile], faulty({ code: 'EPERM', under: fixture.dir, calls: ['read'] }));
    expect(run.code).toBe(1);
    expectOneSentence(run.stderr, 'cubit-core-mock', fixture.dir, 'the operation is not permitted (EPERM)');
  });

  it('says the file system is read-only', async () => {
    const run = await failedStart(['--port', '0', '--data', join(fixture.dir, 'data.json')], faulty({ code: 'EROFS', under: fixture.dir }));
    expect(run.code).toBe(1);
    expectOneSentence(run.stderr, 'cubit-core-mock', fixture.dir, 'the file system is read-only (EROFS)', '--read-only');
  });

  it('prints the stack after the sentence at --log-level debug', async () => {
    const run = await failedStart(['--port', '0', '--log-level', 'debug', '--data', join(fixture.dir, 'data.json')], faulty({ code: 'EROFS', under: fixture.dir }));
    expect(run.code).toBe(1);
    const [first, ...rest] = run.stderr.split('\n');
    expect(first).toMatch(/^cubit-core-mock: cannot .*the file system is read-only \(EROFS\); .*\.$/);
    expect(rest.join('\n')).toMatch(/^ {4}at /m);
  });

  it('names the address whose port is in use', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as { port: number };
    try {
      const run = await failedStart(['--in-memory', '--port', String(port)]);
      expect(run.code).toBe(1);
      expectOneSentence(run.stderr, 'cubit-core-mock', `127.0.0.1:${port}`, 'the port is already in use (EADDRINUSE)', '--port');
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it('names a missing spec', async () => {
    const missing = join(fixture.dir, 'missing.yaml');
    const run = await failedStart(['--in-memory', '--port', '0', '--spec', missing]);
    expect(run.code).toBe(1);
    expectOneSentence(run.stderr, 'cubit-core-mock', `the spec ${missing}`, 'there is no such file or directory (ENOENT)', '--spec');
  });

  it('names a spec it may not read', async () => {
    const run = await failedStart(['--in-memory', '--port', '0', '--spec', specFile], faulty({ code: 'EACCES', under: specFile, calls: ['read'] }));
    expect(run.code).toBe(1);
    expectOneSentence(run.stderr, 'cubit-core-mock', 'the spec openapi/cubit-core.yaml', 'permission denied (EACCES)');
  });
});

describe('when a data command cannot work on the data file', () => {
  it('says so in one sentence, without pointing to --read-only', async () => {
    const ran = await runCli('src/cli.ts', ['reset', '--data', join(fixture.dir, 'data.json')], faulty({ code: 'ENOSPC', under: fixture.dir }));
    expect(ran.code).toBe(1);
    expectOneSentence(ran.stderr, 'cubit-core-mock data', fixture.dir, 'the disk is full (ENOSPC)');
    expect(ran.stderr).not.toContain('--read-only');
  });
});
