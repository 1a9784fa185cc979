// One writer per data file. The lock is `<data>.lock`, a directory held with proper-lockfile: created with
// mkdir (atomic, on local and network file systems alike), its modification time refreshed every few seconds
// while held, and stale once it has not been refreshed for `staleMs`. It does not trust process ids. Next to it,
// `<data>.lock-owner.json` names the holder: its process identity (see process-identity.ts), what it is (`mock`
// or a data command), and for a running mock the admin API's address, so that the data commands find the mock
// and go through it instead of writing the file themselves.
//
// - Taking the lock: free, it is taken. Held by a process that is gone (killed with -9, a zombie, or a process id
//   now used by another process), it is taken over at once. Held by a live process, start-up stops and says who.
//   Held by a process this machine cannot judge (another host or container sharing the directory), start-up
//   waits for the lock to go stale, then takes it, or stops if it stays fresh.
// - Keeping it: before every write the holder checks the owner record is still its own (one stat), and
//   proper-lockfile reports a lock that was removed or refreshed by someone else. Either way the holder has
//   lost the data file to another writer: it stops writing (writes fail with a clear error) rather than
//   interleave with it.
import { readFileSync, type Stats, statSync, writeFileSync, renameSync } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import lockfile from 'proper-lockfile';
import { DataFileError } from './data-file-error.js';
import { currentProcess, type ProcessIdentity, processState } from './process-identity.js';

export interface LockOwner {
  pid: number;
  /** The running mock's admin API, e.g. `http://127.0.0.1:4010/__admin`; null when it has none (or not yet). */
  admin: string | null;
  /** What holds the file: `mock`, or the data command that runs on it. */
  holder: string;
}

interface OwnerRecord extends LockOwner, ProcessIdentity {
  /** Names this holding of the lock: a new one each time it is taken. */
  token: string;
}

/** The data file was taken over by another writer while this process held it. */
export class LockLostError extends Error {
  override name = 'LockLostError';
}

export interface DataFileLock {
  /** Throws LockLostError once the lock is no longer this process's. Costs one stat. */
  assertHeld(): void;
  /** Records the admin API's address in the owner record (after the mock listens). */
  recordAdmin(admin: string | null): void;
  release(): Promise<void>;
}

export interface LockOptions {
  /** What holds the file, as the owner record names it: `mock` (the default), or a data command. */
  holder?: string;
  /** A lock not refreshed for this long is stale (proper-lockfile's minimum is 2 s). */
  staleMs?: number;
  /** Told, once, that the lock was lost. */
  onLost?: (error: LockLostError) => void;
}

export const defaultStaleMs = 20_000;

export const lockDirOf = (dataFile: string): string => `${dataFile}.lock`;
export const ownerFileOf = (dataFile: string): string => `${dataFile}.lock-owner.json`;

function parseOwner(text: string): OwnerRecord | undefined {
  try {
    const v = JSON.parse(text) as Partial<OwnerRecord>;
    if (!Number.isInteger(v.pid) || (v.pid as number) <= 0 || typeof v.token !== 'string') return undefined;
    return {
      pid: v.pid as number,
      host: typeof v.host === 'string' ? v.host : '',
      start: typeof v.start === 'string' ? v.start : undefined,
      token: v.token,
      admin: typeof v.admin === 'string' ? v.admin : null,
      holder: typeof v.holder === 'string' ? v.holder : 'mock',
    };
  } catch {
    return undefined;
  }
}

const readOwner = async (dataFile: string): Promise<OwnerRecord | undefined> => parseOwner(await readFile(ownerFileOf(dataFile), 'utf8').catch(() => ''));

const describe = (owner: LockOwner): string => `${owner.holder === 'mock' ? 'another mock' : `the data command "${owner.holder}"`} (process ${owner.pid})`;

/** The live process that holds the data file, if one does (for the data commands, which then go through its admin API). */
export async function lockOwner(dataFile: string): Promise<LockOwner | undefined> {
  const owner = await readOwner(dataFile);
  if (!owner || processState(owner) === 'gone') return undefined;
  const held = await stat(lockDirOf(dataFile)).then(
    (s) => s.isDirectory(),
    () => false,
  );
  return held ? { pid: owner.pid, admin: owner.admin, holder: owner.holder } : undefined;
}

/** A lock file an earlier version wrote (a file holding a process id or JSON) is removed unless its process runs. */
async function clearEarlierLock(dataFile: string): Promise<void> {
  const path = lockDirOf(dataFile);
  const found = await stat(path).catch(() => undefined);
  if (!found || found.isDirectory()) return;
  const text = (await readFile(path, 'utf8').catch(() => '')).trim();
  let pid: number | undefined;
  if (/^\d+$/.test(text)) pid = Number(text);
  else {
    try {
      const parsed = JSON.parse(text) as { pid?: unknown };
      if (Number.isInteger(parsed.pid)) pid = parsed.pid as number;
    } catch {
      // unreadable: nobody can be named, so nobody holds it
    }
  }
  if (pid !== undefined && pid !== process.pid && processState({ pid, host: currentProcess().host, start: undefined }) !== 'gone') {
    throw new DataFileError(dataFile, `it is in use by another mock (process ${pid}); run one mock per data file`);
  }
  await rm(path, { force: true });
}

function writeOwner(dataFile: string, owner: OwnerRecord): Stats {
  const file = ownerFileOf(dataFile);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(owner)}\n`);
  renameSync(temporary, file);
  return statSync(file);
}

const sameFile = (a: Stats, b: Stats) => a.ino === b.ino && a.dev === b.dev && a.mtimeMs === b.mtimeMs;

async function acquire(dataFile: string, staleMs: number, onCompromised: (error: Error) => void): Promise<() => Promise<void>> {
  const attempt = (retries: number) =>
    lockfile.lock(dataFile, {
      lockfilePath: lockDirOf(dataFile),
      realpath: false,
      stale: staleMs,
      retries: retries === 0 ? 0 : { retries, minTimeout: 250, maxTimeout: 1000, factor: 1.5 },
      onCompromised,
    });
  try {
    return await attempt(0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
  }
  const owner = await readOwner(dataFile);
  const state = owner ? processState(owner) : 'unknown';
  if (owner && state === 'alive') throw new DataFileError(dataFile, `it is in use by ${describe(owner)}; run one mock per data file`);
  if (state === 'gone') {
    // The holder is gone for certain: its lock goes with it.
    await rm(lockDirOf(dataFile), { recursive: true, force: true });
    return attempt(0);
  }
  // Held by a process this machine cannot judge: wait for the lock to go stale (or be released).
  try {
    return await attempt(Math.ceil((staleMs * 1.5) / 1000) + 2);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    const who = owner ? `${describe(owner)} on ${owner.host || 'an unknown host'}` : 'a process that left no owner record';
    throw new DataFileError(dataFile, `it is in use by ${who}, whose lock stayed fresh for ${Math.round((staleMs * 1.5) / 1000)} s; run one mock per data file`);
  }
}

/** The locks this process holds, by data file. */
const held = new Map<string, DataFileLock>();

/** Records the admin API's address in the lock this process holds on the data file (after the mock listens). */
export function recordAdminAddress(dataFile: string, admin: string | null): Promise<void> {
  held.get(dataFile)?.recordAdmin(admin);
  return Promise.resolve();
}

export async function lockDataFile(dataFile: string, options: LockOptions = {}): Promise<DataFileLock> {
  const holder = options.holder ?? 'mock';
  await clearEarlierLock(dataFile);
  let lost: LockLostError | undefined;
  const lose = (reason: string) => {
    if (lost) return lost;
    lost = new LockLostError(
      `The data file ${dataFile} was taken over by another process (${reason}): this ${holder === 'mock' ? 'mock' : 'command'} no longer writes it, so that the two never interleave. Stop one of them, then restart.`,
    );
    options.onLost?.(lost);
    return lost;
  };
  let release: () => Promise<void>;
  try {
    release = await acquire(dataFile, options.staleMs ?? defaultStaleMs, (error) => lose(`its lock ${lockDirOf(dataFile)} was ${/ENOENT/.test(error.message) ? 'removed' : 'refreshed by someone else'}`));
  } catch (error) {
    if (error instanceof DataFileError) throw error;
    throw new DataFileError(dataFile, `cannot create ${lockDirOf(dataFile)}: ${(error as Error).message}`);
  }
  const lockDir = statSync(lockDirOf(dataFile));
  const owner: OwnerRecord = { ...currentProcess(), token: randomUUID(), admin: null, holder };
  let written = writeOwner(dataFile, owner);

  const assertHeld = () => {
    if (lost) throw lost;
    let now: Stats;
    try {
      now = statSync(ownerFileOf(dataFile));
    } catch {
      // The owner record is gone: put it back if the lock itself is still the one this process made.
      const dir = statSync(lockDirOf(dataFile), { throwIfNoEntry: false });
      if (dir && dir.ino === lockDir.ino && dir.dev === lockDir.dev) {
        written = writeOwner(dataFile, owner);
        return;
      }
      throw lose(`its lock ${lockDirOf(dataFile)} was removed`);
    }
    if (sameFile(now, written)) return;
    const current = parseOwner(readFileSync(ownerFileOf(dataFile), 'utf8'));
    if (current?.token !== owner.token) throw lose(current ? `process ${current.pid} holds it now` : 'its owner record was overwritten');
    written = now;
  };

  const lock: DataFileLock = {
    assertHeld,
    recordAdmin(admin) {
      assertHeld();
      owner.admin = admin;
      written = writeOwner(dataFile, owner);
    },
    async release() {
      if (lost) return;
      lost = new LockLostError(`The lock of ${dataFile} was released`);
      held.delete(dataFile);
      await rm(ownerFileOf(dataFile), { force: true });
      await release().catch(() => undefined);
    },
  };
  held.set(dataFile, lock);
  return lock;
}
