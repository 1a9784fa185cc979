// Durable before visible: a change is in memory at once, but no answer shows it before it is durable; a change
// that cannot be made durable is put back, fails with a StorageError, leaves the journal readable, and the next
// change works once the disk does.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { faultyDataFiles } from '../../test/support/faulty-data-files.js';
import { withTempDir } from '../../test/support/temp-dir.js';
import { createStore } from './create-store.js';
import { readJournal } from './journal.js';
import { JournaledPersistence } from './journaled-persistence.js';
import type { Store } from './store.js';

let temp: Awaited<ReturnType<typeof withTempDir>>;
let file: string;
beforeEach(async () => {
  temp = await withTempDir();
  file = join(temp.dir, 'data.json');
});
afterEach(() => temp.remove());

const open = (persistence: JournaledPersistence): Promise<Store> => createStore({ environments: ['test'], collections: ['things'], persistence });
const read = (store: Store, id: string) => store.answer((s) => Promise.resolve(s.get('test', 'things', id)?.fields()));

describe('a change that cannot be made durable', () => {
  for (const [operation, code] of [
    ['write', 'ENOSPC'],
    ['write', 'EIO'],
    ['sync', 'EIO'],
  ] as const) {
    it(`(${operation} fails with ${code}) is never seen by a reader, fails the writer, and the disk is tried again next time`, async () => {
      const files = faultyDataFiles();
      const store = await open(new JournaledPersistence(file, { files, fsync: operation === 'sync' }));
      await store.put('test', 'things', 'kept', { v: 1 });
      files.fail(operation, code);
      const write = store.put('test', 'things', 'lost', { v: 1 });
      const overwrite = store.put('test', 'things', 'kept', { v: 2 });
      // Both are in memory now, not durable yet: a reader that looks now is answered only once they are.
      const readers = [read(store, 'lost'), read(store, 'kept')];
      await expect(write).rejects.toMatchObject({ name: 'StorageError', failure: 'unavailable', errno: code, retryAfterSeconds: 5 });
      await expect(overwrite).rejects.toMatchObject({ name: 'StorageError' });
      expect(await Promise.all(readers)).toEqual([undefined, { v: 1 }]);
      expect(files.failures[operation]).toBeGreaterThan(0);
      // The journal holds exactly the durable change: the failed group was cut off (a full disk wrote half of it).
      const journal = await readJournal(`${file}.journal`);
      expect(journal.entries.map((e) => ('id' in e ? e.id : e))).toEqual(['kept']);
      expect(journal.tornTail).toBe(false);
      files.clear();
      await store.put('test', 'things', 'later', { v: 1 });
      expect((await readJournal(`${file}.journal`)).entries.map((e) => e.seq)).toEqual([1, 2]);
      await store.close();
      const reopened = await open(new JournaledPersistence(file));
      expect(reopened.list('test', 'things', { offset: 0, limit: 10 }).items.map((r) => r.fields())).toEqual([{ v: 1 }, { v: 1 }]);
      expect(reopened.get('test', 'things', 'lost')).toBeUndefined();
      await reopened.close();
    });
  }

  it('fails a transaction whole, and a batch whole', async () => {
    const files = faultyDataFiles();
    const store = await open(new JournaledPersistence(file, { files }));
    files.fail('write', 'ENOSPC');
    await expect(
      store.transact([
        { environment: 'test', collection: 'things', id: 'a', fields: { v: 1 } },
        { environment: 'test', collection: 'things', id: 'b', fields: { v: 1 } },
      ]),
    ).rejects.toMatchObject({ name: 'StorageError' });
    await expect(store.commitBatch({ clear: ['test'], put: [{ environment: 'test', collection: 'things', id: 'c', fields: { v: 1 } }] })).rejects.toMatchObject({ name: 'StorageError' });
    expect(store.count('test', 'things', {})).toBe(0);
    expect(await readFile(`${file}.journal`, 'utf8')).toBe('');
    files.clear();
    await store.transact([{ environment: 'test', collection: 'things', id: 'a', fields: { v: 2 } }]);
    await store.close();
  });

  it('holds a reader back until what it saw is durable, and answers it at once when nothing is pending', async () => {
    const store = await open(new JournaledPersistence(file));
    expect(await read(store, 'x')).toBeUndefined();
    const write = store.put('test', 'things', 'x', { v: 1 });
    let written = false;
    void write.then(() => (written = true));
    const seen = await read(store, 'x');
    expect(seen).toEqual({ v: 1 });
    expect(written).toBe(true);
    await store.close();
  });

  it('gives up a reader after a few failed attempts in a row with a StorageError', async () => {
    const files = faultyDataFiles();
    const store = await open(new JournaledPersistence(file, { files }));
    files.fail('write', 'ENOSPC');
    let attempts = 0;
    const answer = store.answer(async (s) => {
      attempts++;
      // Every attempt overlaps a change that fails.
      void store.put('test', 'things', `w${attempts}`, { v: 1 }).catch(() => undefined);
      return Promise.resolve(s.count('test', 'things', {}));
    });
    await expect(answer).rejects.toMatchObject({ name: 'StorageError', failure: 'unavailable' });
    expect(attempts).toBe(3);
    await store.close();
  });
});

describe('--fsync', () => {
  it('syncs every group of changes before it is acknowledged, and the directory after each new journal and snapshot', async () => {
    const calls: string[] = [];
    const files = faultyDataFiles();
    const counting = { ...files, sync: (fd: number) => (calls.push('sync'), files.sync(fd)), syncDirectory: (path: string) => (calls.push('dir'), files.syncDirectory(path)) };
    const store = await open(new JournaledPersistence(file, { files: counting, fsync: true }));
    calls.length = 0;
    await Promise.all([store.put('test', 'things', 'a', { v: 1 }), store.put('test', 'things', 'b', { v: 1 })]);
    expect(calls).toEqual(['sync']);
    await store.put('test', 'things', 'c', { v: 1 });
    expect(calls).toEqual(['sync', 'sync']);
    await store.close();
    expect(calls.slice(2)).toEqual(['dir']);
    const plain = await open(new JournaledPersistence(file, { files: counting }));
    await plain.put('test', 'things', 'd', { v: 1 });
    await plain.close();
    expect(calls.slice(3)).toEqual([]);
  });
});

describe('--read-only', () => {
  it('serves the data as stored, refuses every change, and writes no file', async () => {
    const writable = await open(new JournaledPersistence(file));
    await writable.put('test', 'things', 'a', { v: 1 });
    await writable.close();
    const before = await readFile(file, 'utf8');
    const store = await open(new JournaledPersistence(file, { readOnly: true }));
    expect(store.get('test', 'things', 'a')?.fields()).toEqual({ v: 1 });
    await expect(store.put('test', 'things', 'b', { v: 1 })).rejects.toMatchObject({ name: 'StorageError', failure: 'read-only' });
    await expect(store.commitBatch({ clear: ['test'], put: [] })).rejects.toMatchObject({ failure: 'read-only' });
    expect(store.get('test', 'things', 'b')).toBeUndefined();
    await store.close();
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(await readdir(temp.dir)).toEqual(['data.json']); // no lock, no journal
  });
});
