// A process that keeps one core busy, to run a test on a loaded machine as CI's is.
import { spawn } from 'node:child_process';

export function startCpuHog(): { stop: () => Promise<void> } {
  const child = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    stop: () => {
      child.kill('SIGKILL');
      return exited;
    },
  };
}
