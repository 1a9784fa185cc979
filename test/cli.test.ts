// The cubit-core-mock command as a user runs it (node bin/cubit-core-mock.js, on the built dist/): its help lists
// every command, --version prints the package's version, an unknown command is a usage error, lint judges a
// document as a start would, and with no command (options only) the mock starts.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commands } from '../src/cli/commands.js';
import type { Ran } from './support/run-cli.js';
import { testKeys } from './support/test-keys.js';
import { withTempDir } from './support/temp-dir.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };

function cli(args: string[], until?: RegExp): Promise<Ran> {
  const child = spawn(process.execPath, [manifest.bin['cubit-core-mock'] as string, ...args], { cwd: root, env: { ...process.env, CUBIT_MOCK_TEST_API_KEY: testKeys.test, CUBIT_MOCK_PROD_API_KEY: testKeys.prod }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (until?.test(stdout)) child.kill('SIGTERM');
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('cubit-core-mock', () => {
  it('lists every command in its help, each of which answers --help', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(commands.map((c) => c.name)).toEqual(['start', 'seed', 'reset', 'export', 'import', 'token', 'contract', 'proxy', 'lint']);
    for (const command of commands) expect(help.stdout).toMatch(new RegExp(`^  ${command.name} +\\S`, 'm'));
    for (const command of commands) {
      const own = await cli([command.name, '--help']);
      expect(own.code, `${command.name} --help: ${own.stderr}`).toBe(0);
      expect(own.stdout, command.name).toMatch(/Usage: /);
    }
  }, 120_000);

  it('prints its version, and refuses an unknown command with exit code 2', async () => {
    const version = await cli(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: `${manifest.version}\n` });
    const unknown = await cli(['serve']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no command "serve"; the commands are start, seed');
  });

  it('lints the shipped document, and names what keeps the mock from starting on a broken one', async () => {
    const good = await cli(['lint']);
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toMatch(/the mock would serve it: 14 operations in 2 environments \(test, prod\), 2 webhooks/);
    const temp = await withTempDir();
    try {
      const broken = join(temp.dir, 'broken.yaml');
      await writeFile(broken, readFileSync(join(root, 'openapi/cubit-core.yaml'), 'utf8').replace('operationId: getCustomer', 'operationId: fetchCustomer'));
      const bad = await cli(['lint', broken]);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('the mock would not start on it');
      expect(bad.stderr).toContain('fetchCustomer');
    } finally {
      await temp.remove();
    }
  }, 60_000);

  it('starts the mock when given options only', async () => {
    const started = await cli(['--in-memory', '--host', '127.0.0.1', '--port', '0', '--log-level', 'warn'], /Cubit Core mock is listening[\s\S]*data {2}in memory only/);
    expect(started.stdout).toContain('test: 0 customers, 0 installations, 0 audits; prod: 0 customers, 0 installations, 0 audits');
  }, 60_000);
});
