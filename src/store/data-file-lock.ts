// One writer per data file: a lock file next to it names its owner, as JSON: the process id, and for a running
// mock the admin API's address, so that the data commands find the mock that holds the file and go through it
// instead of writing the file themselves. A lock left by a process that no longer runs (killed with -9, say) is
// taken over; a live owner stops start-up with a clear message. A lock that holds a bare process id (written by
// an earlier version) is read as well.
import { open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { DataFileError } from './data-file-error.js';

export interface LockOwner {
  pid: number;
  /** The running mock's admin API, e.g. `http://127.0.0.1:4010/__admin`; null when it has none (or not yet). */
  admin: string | null;
  /** What holds the file: `mock`, or the data command that runs on it. */
  holder: string;
}

const lockFileOf = (dataFile: string) => `${dataFile}.lock`;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseOwner(text: string): LockOwner | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed), admin: null, holder: 'mock' };
  try {
    const parsed = JSON.parse(trimmed) as Partial<LockOwner>;
    if (!Number.isInteger(parsed.pid) || (parsed.pid as number) <= 0) return undefined;
    return { pid: parsed.pid as number, admin: typeof parsed.admin === 'string' ? parsed.admin : null, holder: typeof parsed.holder === 'string' ? parsed.holder : 'mock' };
  } catch {
    return undefined;
  }
}

/** The live process that holds the data file, if one does. */
export async function lockOwner(dataFile: string): Promise<LockOwner | undefined> {
  const owner = parseOwner(await readFile(lockFileOf(dataFile), 'utf8').catch(() => ''));
  return owner && owner.pid !== process.pid && isRunning(owner.pid) ? owner : undefined;
}

const ownerText = (owner: Omit<LockOwner, 'pid'>) => `${JSON.stringify({ pid: process.pid, ...owner })}\n`;

export async function lockDataFile(dataFile: string, holder = 'mock'): Promise<() => Promise<void>> {
  const lockFile = lockFileOf(dataFile);
  try {
    const handle = await open(lockFile, 'wx');
    await handle.writeFile(ownerText({ admin: null, holder }));
    await handle.close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new DataFileError(dataFile, `cannot create ${lockFile}: ${(error as Error).message}`);
    const owner = await lockOwner(dataFile);
    if (owner) {
      const who = owner.holder === 'mock' ? 'another mock' : `the data command "${owner.holder}"`;
      throw new DataFileError(dataFile, `it is in use by ${who} (process ${owner.pid}); run one mock per data file`);
    }
    await writeFile(lockFile, ownerText({ admin: null, holder }));
  }
  return () => rm(lockFile, { force: true });
}

/** Records the admin API's address in a lock this process holds (after the mock listens). */
export async function recordAdminAddress(dataFile: string, admin: string | null): Promise<void> {
  const lockFile = lockFileOf(dataFile);
  const temporary = `${lockFile}.${process.pid}.tmp`;
  await writeFile(temporary, ownerText({ admin, holder: 'mock' }));
  await rename(temporary, lockFile);
}
