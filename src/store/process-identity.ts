// Who a process is, beyond its id: a process id is reused (after a reboot, and in containers, where the mock is
// often process 1 every time), and a process killed with -9 can linger as a zombie. On Linux, /proc tells a
// process's state and when it started (in clock ticks since boot), and the boot's id tells one boot from
// another: together they name one process for good. Elsewhere only "is some process with this id running" can
// be asked, and the answer says nothing for certain.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

export interface ProcessIdentity {
  pid: number;
  host: string;
  /** `<boot id>:<start time>` on Linux; undefined where the system does not tell. */
  start: string | undefined;
}

/** `alive`: that very process runs; `gone`: it does not; `unknown`: it cannot be told from here. */
export type ProcessState = 'alive' | 'gone' | 'unknown';

const readText = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

const bootId = (): string | undefined => readText('/proc/sys/kernel/random/boot_id')?.trim();

/** The state letter and start time of a process from /proc/<pid>/stat, or undefined when there is no such process. */
function procStat(pid: number): { state: string; start: string } | undefined {
  const text = readText(`/proc/${pid}/stat`);
  if (text === undefined) return undefined;
  // The command name (field 2) is in parentheses and may hold spaces or parentheses itself: read after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0] ?? '', start: fields[19] ?? '' };
}

const procAvailable = (): boolean => readText('/proc/self/stat') !== undefined;

export function currentProcess(): ProcessIdentity {
  const boot = bootId();
  const own = procStat(process.pid);
  return { pid: process.pid, host: hostname(), start: boot && own ? `${boot}:${own.start}` : undefined };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function processState(identity: ProcessIdentity): ProcessState {
  if (identity.host !== hostname()) return 'unknown';
  if (procAvailable()) {
    const stat = procStat(identity.pid);
    if (!stat || stat.state === 'Z' || stat.state === 'X') return 'gone';
    if (identity.start === undefined) return 'unknown';
    return identity.start === `${bootId()}:${stat.start}` ? 'alive' : 'gone';
  }
  return isRunning(identity.pid) ? 'unknown' : 'gone';
}
