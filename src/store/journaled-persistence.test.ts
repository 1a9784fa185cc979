import { copyFile, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withTempDir } from '../../test/support/temp-dir.js';
import { createStore } from './create-store.js';
import { JournaledPersistence } from './journaled-persistence.js';
import type { Persistence } from './persistence.js';
import type { Store } from './store.js';
import { StoredRecord } from './stored-record.js';

let temp: Awaited<ReturnType<typeof withTempDir>>;
let file: string;
beforeEach(async () => {
  temp = await withTempDir();
  file = join(temp.dir, 'data.json');
});
afterEach(() => temp.remove());

const open = (persistence: Persistence): Promise<Store> => createStore({ environments: ['test', 'prod'], collections: ['things'], persistence });
const snapshotOf = async (path: string) => JSON.parse(await readFile(path, 'utf8')) as { seq: number; environments: Record<string, { things: object }> };
const journalLines = async (path: string) => (await readFile(path, 'utf8')).split('\n').filter(Boolean);
const entry = (seq: number, id: string, record: object | null) => `${JSON.stringify({ seq, environment: 'test', collection: 'things', id, record })}\n`;
const snapshotText = (seq: number, things: object) => JSON.stringify({ format: 'cubit-core-mock/1', seq, environments: { test: { things } } });

describe('JournaledPersistence', () => {
  it('journals each acknowledged change, and on close folds everything into the data file and removes the journal', async () => {
    const nested = join(temp.dir, 'a', 'b', 'data.json');
    const store = await open(new JournaledPersistence(nested));
    await store.put('test', 'things', 'x', { v: 1 });
    await store.put('prod', 'things', 'y', { v: 2 });
    await store.delete('test', 'things', 'x');
    expect((await journalLines(`${nested}.journal`)).map((line) => JSON.parse(line) as object)).toEqual([
      { seq: 1, environment: 'test', collection: 'things', id: 'x', record: { v: 1 } },
      { seq: 2, environment: 'prod', collection: 'things', id: 'y', record: { v: 2 } },
      { seq: 3, environment: 'test', collection: 'things', id: 'x', record: null },
    ]);
    await store.close();
    expect(await snapshotOf(nested)).toEqual({ format: 'cubit-core-mock/1', seq: 3, environments: { test: { things: {} }, prod: { things: { y: { v: 2 } } } } });
    expect(await readdir(join(temp.dir, 'a', 'b'))).toEqual(['data.json']);
  });

  it('group-commits concurrent changes into a few journal writes, every one durable', async () => {
    const persistence = new JournaledPersistence(file);
    const store = await open(persistence);
    await Promise.all(Array.from({ length: 200 }, (_, i) => store.put('test', 'things', `id-${i}`, { i })));
    expect(await journalLines(`${file}.journal`)).toHaveLength(200);
    expect(persistence.stats.journalWrites).toBeLessThanOrEqual(3);
    await store.close();
  });

  it('never leaves a caller waiting for more than the write in flight and its own, even while writes keep coming', async () => {
    const persistence = new JournaledPersistence(file);
    const store = await open(persistence);
    const first = store.put('test', 'things', 'first', { v: 1 });
    const second = store.put('test', 'things', 'second', { v: 1 });
    let streaming = true;
    const stream: Promise<unknown>[] = [];
    const pump = () => {
      if (!streaming || stream.length >= 2000) return;
      stream.push(store.put('test', 'things', `more-${stream.length}`, { v: 1 }));
      setImmediate(pump);
    };
    pump();
    await first;
    expect(persistence.stats.journalWrites).toBe(1);
    await second;
    expect(persistence.stats.journalWrites).toBeLessThanOrEqual(2);
    streaming = false;
    await Promise.all(stream);
    await store.close();
  });

  it('compacts in the background once the journal outgrows the snapshot, without losing a change', async () => {
    const persistence = new JournaledPersistence(file, { compactAfterBytes: 2048 });
    const store = await open(persistence);
    for (let round = 0; round < 5; round++) {
      await Promise.all(Array.from({ length: 100 }, (_, i) => store.put('test', 'things', `id-${i}`, { round, i })));
    }
    await persistence.compacted();
    expect(persistence.stats.compactions).toBeGreaterThan(0);
    const snapshot = await snapshotOf(file);
    expect(snapshot.seq).toBeGreaterThan(0);
    // A second process opening a copy of the files now (as after kill -9) sees every change.
    const copy = join(temp.dir, 'copy', 'data.json');
    await mkdir(dirname(copy));
    for (const suffix of ['', '.journal', '.journal.1']) await copyFile(`${file}${suffix}`, `${copy}${suffix}`).catch(() => undefined);
    const recovered = await open(new JournaledPersistence(copy));
    expect(recovered.list('test', 'things', { offset: 0, limit: 1000 }).items).toHaveLength(100);
    expect(recovered.get('test', 'things', 'id-7')?.fields()).toEqual({ round: 4, i: 7 });
    await recovered.close();
    await store.close();
  });

  it('recovers from a crash mid-compaction: snapshot, rotated journal and live journal, each change once', async () => {
    await writeFile(file, snapshotText(2, { a: { v: 'a2' }, b: { v: 'b1' } }));
    await writeFile(`${file}.journal.1`, entry(1, 'a', { v: 'a1' }) + entry(2, 'a', { v: 'a2' }) + entry(3, 'c', { v: 'c1' }));
    await writeFile(`${file}.journal`, entry(4, 'b', null) + entry(5, 'a', { v: 'a3' }));
    const store = await open(new JournaledPersistence(file));
    expect(store.list('test', 'things', { offset: 0, limit: 10 }).items.map((r) => r.fields())).toEqual([{ v: 'a3' }, { v: 'c1' }]);
    expect(await snapshotOf(file)).toMatchObject({ seq: 5, environments: { test: { things: { a: { v: 'a3' }, c: { v: 'c1' } } } } });
    expect(await readdir(temp.dir)).toEqual(['data.json', 'data.json.journal', 'data.json.lock', 'data.json.lock-owner.json']);
    expect(await readFile(`${file}.journal`, 'utf8')).toBe('');
    await store.put('test', 'things', 'd', { v: 1 });
    expect(JSON.parse((await journalLines(`${file}.journal`))[0] as string)).toMatchObject({ seq: 6, id: 'd' });
    await store.close();
  });

  it('drops a journal line torn by a crash and keeps the rest', async () => {
    await writeFile(`${file}.journal`, entry(1, 'a', { v: 1 }) + entry(2, 'b', { v: 2 }).slice(0, 25));
    const store = await open(new JournaledPersistence(file));
    expect(store.get('test', 'things', 'a')?.fields()).toEqual({ v: 1 });
    expect(store.get('test', 'things', 'b')).toBeUndefined();
    expect(await snapshotOf(file)).toMatchObject({ seq: 1 });
    await store.close();
  });

  const damaged: [string, () => Promise<void>][] = [
    ['a bad line before the last', () => writeFile(`${file}.journal`, `${entry(1, 'a', { v: 1 })}{"seq":2,"oops"\n${entry(3, 'b', { v: 1 })}`)],
    ['a line that is JSON but not a change', () => writeFile(`${file}.journal`, `${entry(1, 'a', { v: 1 })}{"seq":2}\n`)],
    ['lines out of order', () => writeFile(`${file}.journal`, entry(2, 'a', { v: 1 }) + entry(1, 'b', { v: 1 }))],
    ['a corrupt rotated journal', () => writeFile(`${file}.journal.1`, 'garbage\n')],
    ['a snapshot that is not JSON', () => writeFile(file, '{"format":"cubit-core-mock/1",')],
  ];
  for (const [what, damage] of damaged) {
    it(`refuses to start on ${what}, naming the file and touching nothing`, async () => {
      await writeFile(file, snapshotText(0, { keep: { v: 1 } }));
      await writeFile(`${file}.journal`, entry(1, 'a', { v: 1 }));
      await damage();
      const before = await Promise.all((await readdir(temp.dir)).sort().map(async (name) => [name, await readFile(join(temp.dir, name), 'utf8')]));
      await expect(open(new JournaledPersistence(file))).rejects.toThrow(/Cannot use the data file .*data\.json(\.journal(\.1)?)?: /);
      const after = await Promise.all((await readdir(temp.dir)).sort().map(async (name) => [name, await readFile(join(temp.dir, name), 'utf8')]));
      expect(after).toEqual(before);
    });
  }
});

describe('createStore', () => {
  it('undoes a change in memory when it cannot be made durable, and reports the error', async () => {
    let fail = false;
    const flaky: Persistence = {
      location: 'flaky',
      open: () => Promise.resolve(),
      commit: () => (fail ? Promise.reject(new Error('disk full')) : Promise.resolve()),
      commitTransaction: () => (fail ? Promise.reject(new Error('disk full')) : Promise.resolve()),
      commitBatch: () => undefined,
      settled: () => Promise.resolve(),
      close: () => Promise.resolve(),
    };
    const store = await open(flaky);
    await store.put('test', 'things', 'a', { v: 1 });
    fail = true;
    await expect(store.put('test', 'things', 'a', { v: 2 })).rejects.toThrow('disk full');
    await expect(store.delete('test', 'things', 'a')).rejects.toThrow('disk full');
    await expect(store.put('test', 'things', 'b', { v: 1 })).rejects.toThrow('disk full');
    expect(store.get('test', 'things', 'a')?.fields()).toEqual({ v: 1 });
    expect(store.get('test', 'things', 'b')).toBeUndefined();
  });
});

describe('journalLine', () => {
  it('writes exactly the JSON of the entry, with the stored record text as it is', async () => {
    const { journalLine } = await import('./journal.js');
    const entry = { seq: 7, environment: 'test', collection: 'things', id: 'a"b', record: { v: [1, 'x'] } };
    expect(journalLine({ ...entry, record: StoredRecord.of(entry.record) })).toBe(`${JSON.stringify(entry)}\n`);
    expect(journalLine({ ...entry, record: null })).toBe(`${JSON.stringify({ ...entry, record: null })}\n`);
  });
});
