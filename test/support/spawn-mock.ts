// Runs the mock as a real process, as `npm start` does (node dist/server.js, built by test/global-setup.ts or
// scripts/build.mjs; node rather than npm, so that signals reach the server itself), on 127.0.0.1, port 0.
// No test framework here, so that scripts (npm run torture) start mocks the same way the tests do.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { testKeys } from './test-keys.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface MockProcess {
  child: ChildProcess;
  baseUrl: string;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (or the signal) once the process has ended. */
  exited: Promise<number | NodeJS.Signals>;
}

export function runServer(args: string[], env: NodeJS.ProcessEnv = {}): { child: ChildProcess; exited: MockProcess['exited']; stdout: () => string; stderr: () => string } {
  const child = spawn(process.execPath, ['dist/server.js', ...args], {
    cwd: root,
    env: {
      ...process.env,
      CUBIT_MOCK_TEST_API_KEY: testKeys.test,
      CUBIT_MOCK_PROD_API_KEY: testKeys.prod,
      CUBIT_MOCK_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | NodeJS.Signals>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal as NodeJS.Signals))));
  return { child, exited, stdout: () => out, stderr: () => err };
}

/** Starts the server and waits until it prints its test base URL. */
export async function startServer(args: string[], env: NodeJS.ProcessEnv = {}): Promise<MockProcess> {
  const run = runServer(['--host', '127.0.0.1', '--port', '0', ...args], env);
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const onData = () => {
      const match = /test {2}(http:\/\/127\.0\.0\.1:\d+)\/test/.exec(run.stdout());
      if (match) resolve(match[1] as string);
    };
    run.child.stdout?.on('data', onData);
    void run.exited.then((code) => reject(new Error(`the mock exited (${code}) before listening:\n${run.stderr()}`)));
  });
  return { ...run, baseUrl };
}
