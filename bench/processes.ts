// Child processes the benchmark starts: spawned on 127.0.0.1, tracked, and always stopped by the benchmark
// (explicitly, on Ctrl-C, on failure, and as a last resort when the benchmark's own process exits).
import { type ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const running = new Set<ChildProcess>();
/** Children that lead a process group of their own (Command.group). */
const groups = new WeakSet<ChildProcess>();

/** Sends the signal to the child, or to its whole process group when it leads one. */
function signal(child: ChildProcess, name: NodeJS.Signals): void {
  if (!groups.has(child) || child.pid === undefined) {
    child.kill(name);
    return;
  }
  try {
    process.kill(-child.pid, name);
  } catch {
    // The group is gone already.
  }
}
const tailLimit = 16_384;

export interface Command {
  /** Short name for messages, e.g. "mock 100k". */
  name: string;
  file: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd: string;
  /**
   * Signals go to the command's whole process group: for a command that starts the server as its child and
   * does not wait for it (npm start: npm exits on SIGTERM and leaves its child running).
   */
  group?: boolean;
}

export interface Child {
  name: string;
  process: ChildProcess;
  pid: number;
  /** The last output of the process (stdout and stderr), for error messages. */
  output(): string;
  /** Resolves once the process has ended. */
  exited: Promise<void>;
  hasExited(): boolean;
}

export function start(command: Command): Child {
  const child = spawn(command.file, command.args, {
    cwd: command.cwd,
    env: { ...process.env, ...command.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: command.group === true,
  });
  if (command.group) groups.add(child);
  running.add(child);
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-tailLimit);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let ended = false;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      ended = true;
      running.delete(child);
      resolve();
    });
    child.once('error', (error) => {
      keep(Buffer.from(`\n${error.message}\n`));
      ended = true;
      running.delete(child);
      resolve();
    });
  });
  if (child.pid === undefined) throw new Error(`could not start ${command.name}: ${command.file} ${command.args.join(' ')}`);
  return { name: command.name, process: child, pid: child.pid, output: () => tail, exited, hasExited: () => ended };
}

/** Stops a child: SIGTERM, then SIGKILL if it has not ended within `graceMs`. */
export async function stop(child: Child, graceMs = 15_000): Promise<void> {
  if (child.hasExited()) return;
  signal(child.process, 'SIGTERM');
  const timer = sleep(graceMs).then(() => 'timeout' as const);
  if ((await Promise.race([child.exited.then(() => 'exited' as const), timer])) === 'timeout') {
    signal(child.process, 'SIGKILL');
    await child.exited;
  }
  // What the group's leader left running (npm's child, if npm went first) goes too.
  if (groups.has(child.process)) signal(child.process, 'SIGKILL');
}

/** Stops every child still running (used on Ctrl-C and on failure). */
export async function stopAll(): Promise<void> {
  await Promise.all(
    [...running].map(
      (proc) =>
        new Promise<void>((resolve) => {
          if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
          proc.once('exit', () => resolve());
          signal(proc, 'SIGTERM');
          setTimeout(() => signal(proc, 'SIGKILL'), 5_000).unref();
        }),
    ),
  );
}

/** Last resort, synchronous: SIGKILL every child still running (for process.on('exit')). */
export function killAllNow(): void {
  for (const proc of running) signal(proc, 'SIGKILL');
  running.clear();
}

/** A port on 127.0.0.1 that is free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface HttpAnswer {
  status: number;
  body: string;
}

/** One GET on a fresh connection. */
export function httpGet(url: string, headers: Record<string, string> = {}, timeoutMs = 10_000): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers, agent: false, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

/**
 * Polls `url` until it answers 2xx; resolves with the milliseconds since `since` (performance.now()).
 * Fails if the child exits first or nothing answers within `timeoutMs`.
 */
export async function waitUntilServing(child: Child, url: string, headers: Record<string, string>, since: number, timeoutMs: number): Promise<number> {
  const deadline = since + timeoutMs;
  let last = 'no answer';
  while (performance.now() < deadline) {
    if (child.hasExited()) throw new Error(`${child.name} exited before serving:\n${child.output()}`);
    try {
      const answer = await httpGet(url, headers, 2_000);
      if (answer.status >= 200 && answer.status < 300) return performance.now() - since;
      last = `HTTP ${answer.status}: ${answer.body.slice(0, 200)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(2);
  }
  throw new Error(`${child.name} did not serve ${url} within ${timeoutMs} ms (last: ${last})\n${child.output()}`);
}
