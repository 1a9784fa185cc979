import { spawnSync } from 'node:child_process';
import { mkdir, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withTempDir } from '../../test/support/temp-dir.js';
import { createStore } from './create-store.js';
import { LockLostError, lockDataFile, lockOwner, recordAdminAddress } from './data-file-lock.js';
import { JournaledPersistence } from './journaled-persistence.js';
import { currentProcess } from './process-identity.js';
import type { Store } from './store.js';

let temp: Awaited<ReturnType<typeof withTempDir>>;
let file: string;
beforeEach(async () => {
  temp = await withTempDir();
  file = join(temp.dir, 'data.json');
});
afterEach(() => temp.remove());

const open = (persistence: JournaledPersistence): Promise<Store> => createStore({ environments: ['test'], collections: ['things'], persistence });
const owner = async () => JSON.parse(await readFile(`${file}.lock-owner.json`, 'utf8')) as Record<string, unknown>;
/** The lock a process left behind when it was killed: the directory and its owner record. */
async function leftBehind(record: object): Promise<void> {
  await mkdir(`${file}.lock`);
  await writeFile(`${file}.lock-owner.json`, JSON.stringify({ token: 'left-behind', admin: null, holder: 'mock', ...record }));
}
const exitedPid = () => spawnSync(process.execPath, ['-e', '0']).pid;

describe('the data file lock', () => {
  it('is taken, names its holder, refuses a second holder while held, and leaves nothing once released', async () => {
    const lock = await lockDataFile(file);
    expect(await owner()).toMatchObject({ pid: process.pid, host: hostname(), holder: 'mock', admin: null });
    await expect(lockDataFile(file, { holder: 'seed' })).rejects.toThrow(`it is in use by another mock (process ${process.pid}); run one mock per data file`);
    lock.assertHeld();
    await recordAdminAddress(file, 'http://127.0.0.1:4999/__admin');
    expect(await lockOwner(file)).toEqual({ pid: process.pid, admin: 'http://127.0.0.1:4999/__admin', holder: 'mock' });
    await lock.release();
    expect(await readdir(temp.dir)).toEqual([]);
    expect(await lockOwner(file)).toBeUndefined();
    await (await lockDataFile(file)).release();
  });

  it('takes over at once a lock whose holder is gone: exited, or its process id now used by another process', async () => {
    const me = currentProcess();
    await leftBehind({ pid: exitedPid(), host: me.host, start: me.start });
    const first = await lockDataFile(file);
    expect(await owner()).toMatchObject({ pid: process.pid });
    await first.release();
    // The parent process is alive, but it is not the process that took the lock: it started at another time.
    await leftBehind({ pid: process.ppid, host: me.host, start: 'another-boot:12345' });
    const second = await lockDataFile(file);
    expect(await owner()).toMatchObject({ pid: process.pid });
    await second.release();
  });

  it('removes a lock file of the earlier kind (a process id) unless that process runs', async () => {
    await writeFile(`${file}.lock`, String(exitedPid()));
    await (await lockDataFile(file)).release();
    await writeFile(`${file}.lock`, String(process.ppid));
    await expect(lockDataFile(file)).rejects.toThrow(`it is in use by another mock (process ${process.ppid})`);
  });

  it('waits for a lock held from another host to go stale, then takes it', async () => {
    await leftBehind({ pid: 1, host: 'another-host.example', start: undefined });
    const held = await lockDataFile(file, { staleMs: 2000 });
    expect(await owner()).toMatchObject({ pid: process.pid });
    await held.release();
  });

  it('refuses a lock held from another host that stays fresh', async () => {
    await leftBehind({ pid: 1, host: 'another-host.example', start: undefined });
    const refresh = setInterval(() => void utimes(`${file}.lock`, new Date(), new Date()).catch(() => undefined), 200);
    try {
      await expect(lockDataFile(file, { staleMs: 2000 })).rejects.toThrow(/in use by another mock \(process 1\) on another-host\.example, whose lock stayed fresh/);
    } finally {
      clearInterval(refresh);
    }
  });

  it('puts back an owner record someone deleted, as long as the lock itself is its own', async () => {
    const lock = await lockDataFile(file);
    await rm(`${file}.lock-owner.json`);
    lock.assertHeld();
    expect(await owner()).toMatchObject({ pid: process.pid });
    await lock.release();
  });
});

describe('a mock that loses its lock', () => {
  it('stops writing when another process took the data file over, so that their journals never interleave', async () => {
    const lost: Error[] = [];
    const first = await open(new JournaledPersistence(file, { onError: (error) => lost.push(error as Error) }));
    await first.put('test', 'things', 'a', { by: 'first' });
    // Someone deletes the lock while the first mock runs; a second one starts on the same data.
    await rm(`${file}.lock`, { recursive: true });
    await rm(`${file}.lock-owner.json`);
    const second = await open(new JournaledPersistence(file));
    expect(second.get('test', 'things', 'a')?.fields()).toEqual({ by: 'first' });
    await expect(first.put('test', 'things', 'b', { by: 'first' })).rejects.toMatchObject({ name: 'StorageError', failure: 'lost' });
    expect(first.get('test', 'things', 'b')).toBeUndefined();
    expect(lost[0]).toBeInstanceOf(LockLostError);
    expect(lost[0]?.message).toMatch(/was taken over by another process .*no longer writes it/);
    await second.put('test', 'things', 'c', { by: 'second' });
    await first.close();
    await second.close();
    const reopened = await open(new JournaledPersistence(file));
    expect(reopened.list('test', 'things', { offset: 0, limit: 10 }).items.map((r) => r.fields())).toEqual([{ by: 'first' }, { by: 'second' }]);
    await reopened.close();
  });
});
