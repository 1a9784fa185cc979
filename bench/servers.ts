// The servers under test and how to start each one: the bare-Fastify ceiling, the mock (dist/server.js, as
// `npm start` runs it, through its CLI, as a black box) and Prism's mock of the same spec. Each one runs as its
// own process on 127.0.0.1, started by plain node.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Child, type Command, freePort, start, stop, waitUntilServing } from './processes.js';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const specFile = join(repoRoot, 'openapi/cubit-core.yaml');
/** The test environment's key for the mocks the benchmark starts (not a secret). */
export const benchApiKey = 'cubit-mock-bench-test-key';
export const authHeaders = { 'x-api-key': benchApiKey };

export interface Server {
  name: string;
  child: Child;
  pid: number;
  port: number;
  /** Where the API's paths start, e.g. http://127.0.0.1:4321/test for the mock. */
  baseUrl: string;
  /** Milliseconds from spawn to the first 2xx answer. */
  startupMs: number;
  stop(): Promise<void>;
}

export interface ServerKind {
  name: string;
  command(port: number): Command;
  /** The path of the base URL ('' or '/test'). */
  basePath: string;
  /** A GET (relative to the base URL) that answers 2xx once the server is ready. */
  probe: string;
  headers: Record<string, string>;
  startTimeoutMs: number;
}

const node = (script: string, args: string[], nodeOptions: readonly string[] = []): Pick<Command, 'file' | 'args' | 'cwd'> => ({
  file: process.execPath,
  args: [...nodeOptions, script, ...args],
  cwd: repoRoot,
});

/** The node options in a start script that runs `node [options] dist/server.js` or `node [options] bin/cubit-core-mock.js start`. */
export function nodeOptionsOf(startScript: string): string[] {
  const match = /\bnode((?:\s+--\S+)*)\s+(?:dist\/server\.js|bin\/cubit-core-mock\.js start)\b/.exec(startScript);
  if (!match) throw new Error(`package.json's start script does not run "node [options] dist/server.js" or "node [options] bin/cubit-core-mock.js start": ${startScript}`);
  return (match[1] ?? '').split(/\s+/).filter(Boolean);
}

/** The node options `npm start` gives the mock (package.json's start script), so that the bench runs it alike. */
export function startNodeOptions(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  return nodeOptionsOf(scripts.start ?? '');
}

/** Compiles the mock to dist/server.js, exactly as `npm start` does before it runs it. */
export function buildMock(): void {
  execFileSync(process.execPath, [join(repoRoot, 'scripts/build.mjs')], { stdio: 'inherit' });
}

/** The ceiling; with `pageFile`, it also answers GET /page with that file's bytes. */
export const ceilingKindWith = (pageFile?: string): ServerKind => ({
  name: 'bare Fastify',
  command: (port) => ({ name: 'bare Fastify', ...node('bench/ceiling-server.mjs', ['--port', String(port), ...(pageFile === undefined ? [] : ['--page-file', pageFile])]) }),
  basePath: '',
  probe: '/',
  headers: {},
  startTimeoutMs: 30_000,
});

export const ceilingKind: ServerKind = ceilingKindWith();

/**
 * The ceiling started through npm (`npm run bench:ceiling`, the same file), so that `npm start` can be set beside a
 * bare start that pays npm's own start-up too.
 */
export const npmCeilingKind: ServerKind = {
  name: 'bare Fastify, through npm run',
  command: (port) => ({ name: 'bare Fastify, through npm run', file: 'npm', args: ['run', '--silent', 'bench:ceiling', '--', '--port', String(port)], cwd: repoRoot, group: true }),
  basePath: '',
  probe: '/',
  headers: {},
  startTimeoutMs: 30_000,
};

/**
 * How the mock runs: `default` exactly as `npm start` runs it (its script's command, node options and defaults: the
 * log level, the log format for a non-terminal, the journal size; only port, address and data file given), `quiet`
 * as the benchmark always ran it (dist/server.js --log-level warn), to show what the defaults cost.
 */
export type MockConfig = 'default' | 'quiet';
export const mockConfigs: readonly MockConfig[] = ['default', 'quiet'];

export function mockKind(name: string, dataFile: string, config: MockConfig = 'quiet', extraNodeOptions: readonly string[] = []): ServerKind {
  const where = (port: number) => ['--host', '127.0.0.1', '--port', String(port), '--data', dataFile];
  const nodeOptions = [...startNodeOptions(), ...extraNodeOptions];
  return {
    name,
    command: (port) => ({
      name,
      ...(config === 'default'
        ? node('bin/cubit-core-mock.js', ['start', ...where(port)], nodeOptions)
        : node('dist/server.js', [...where(port), '--log-level', 'warn'], nodeOptions)),
      // Neither the log level nor the format is left to the environment the bench runs in.
      env: { CUBIT_MOCK_TEST_API_KEY: benchApiKey, CUBIT_MOCK_PROD_API_KEY: `${benchApiKey}-prod`, CUBIT_MOCK_LOG_LEVEL: undefined, CUBIT_MOCK_LOG_FORMAT: undefined, CUBIT_MOCK_LOG_REQUESTS: undefined },
    }),
    basePath: '/test',
    probe: '/customers?limit=1',
    headers: authHeaders,
    startTimeoutMs: 120_000,
  };
}

/**
 * The mock started as the README starts it: `npm start` (through npm, which adds its own start-up), or the
 * cubit-core-mock command itself (`node bin/cubit-core-mock.js start`, as an installed bin runs it).
 */
export function documentedStartKind(name: string, via: 'npm start' | 'cubit-core-mock', dataFile: string): ServerKind {
  const args = (port: number) => ['--host', '127.0.0.1', '--port', String(port), '--data', dataFile, '--log-level', 'warn'];
  const env = { CUBIT_MOCK_TEST_API_KEY: benchApiKey, CUBIT_MOCK_PROD_API_KEY: `${benchApiKey}-prod` };
  return {
    name,
    command: (port) =>
      via === 'npm start'
        ? { name, file: 'npm', args: ['start', '--silent', '--', ...args(port)], cwd: repoRoot, env, group: true }
        : { name, ...node('bin/cubit-core-mock.js', ['start', ...args(port)], startNodeOptions()), env },
    basePath: '/test',
    probe: '/customers?limit=1',
    headers: authHeaders,
    startTimeoutMs: 120_000,
  };
}

/** The installed Prism CLI's entry script, or undefined when @stoplight/prism-cli is not installed. */
export function prismCli(): string | undefined {
  try {
    const manifest = createRequire(import.meta.url).resolve('@stoplight/prism-cli/package.json');
    const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: string | Record<string, string> };
    const entry = join(dirname(manifest), typeof bin === 'string' ? bin : (bin.prism ?? ''));
    return existsSync(entry) ? entry : undefined;
  } catch {
    return undefined;
  }
}

/** `prism mock <spec>` on 127.0.0.1; `logLevel` is its --verboseLevel (info is Prism's default). */
export function prismKind(cli: string, logLevel: string): ServerKind {
  return {
    name: 'Prism mock',
    command: (port) => ({
      name: 'Prism mock',
      file: process.execPath,
      args: [cli, 'mock', '--host', '127.0.0.1', '--port', String(port), '--verboseLevel', logLevel, specFile],
      cwd: repoRoot,
    }),
    basePath: '',
    probe: '/customers/CUST-10001',
    headers: authHeaders,
    startTimeoutMs: 60_000,
  };
}

/** Starts a server on a free port and waits until it answers its probe. */
export async function startServer(kind: ServerKind): Promise<Server> {
  const port = await freePort();
  const since = performance.now();
  const child = start(kind.command(port));
  const origin = `http://127.0.0.1:${port}`;
  try {
    const startupMs = await waitUntilServing(child, `${origin}${kind.basePath}${kind.probe}`, kind.headers, since, kind.startTimeoutMs);
    return { name: kind.name, child, pid: child.pid, port, baseUrl: `${origin}${kind.basePath}`, startupMs, stop: () => stop(child) };
  } catch (error) {
    await stop(child);
    throw error;
  }
}
