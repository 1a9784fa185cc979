// Runs one command to its end and says how long it took and its peak resident memory (the children it waited
// for included), from GNU time when the machine has it (/usr/bin/time), else the wall time alone.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface TimedRun {
  ok: boolean;
  wallSec: number;
  /** Peak resident set size in MB (10^6 bytes); undefined without /usr/bin/time. */
  peakRssMB: number | undefined;
  /** The last lines of its output, for a failure. */
  tail: string;
}

const gnuTime = '/usr/bin/time';

export function runTimed(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<TimedRun> {
  const measured = existsSync(gnuTime);
  const started = performance.now();
  const child = measured
    ? spawn(gnuTime, ['-f', '\ncubit-bench-time %e %M', file, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(file, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8192));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      const wallSec = (performance.now() - started) / 1000;
      const match = /cubit-bench-time ([\d.]+) (\d+)\s*$/.exec(output);
      const tail = output.replace(/\n?cubit-bench-time [\d.]+ \d+\s*$/, '').split('\n').slice(-6).join('\n');
      resolve({ ok: code === 0, wallSec: match ? Number(match[1]) : wallSec, peakRssMB: match ? (Number(match[2]) * 1024) / 1e6 : undefined, tail });
    });
  });
}
