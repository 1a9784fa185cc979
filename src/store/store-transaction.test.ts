// A transaction (an audit's status change with its history, installation and outbox rows) is durable whole or not
// at all, goes out in the group commit with the single changes around it, and is undone whole when it fails.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withTempDir } from '../../test/support/temp-dir.js';
import { createStore } from './create-store.js';
import { JournaledPersistence } from './journaled-persistence.js';
import type { Persistence } from './persistence.js';
import type { Store } from './store.js';

let temp: Awaited<ReturnType<typeof withTempDir>>;
let file: string;
beforeEach(async () => {
  temp = await withTempDir();
  file = join(temp.dir, 'data.json');
});
afterEach(() => temp.remove());

const options = { environments: ['test'], collections: ['things', 'rows'], indexedFields: { rows: ['thing'] } };
const open = (): Promise<Store> => createStore({ ...options, persistence: new JournaledPersistence(file) });
const change = (collection: string, id: string, fields: Record<string, unknown> | null) => ({ environment: 'test', collection, id, fields });

describe('Store.transact', () => {
  it('writes every record at once and as one journal transaction, in order with the changes around it', async () => {
    const store = await open();
    const before = store.put('test', 'things', 'a', { v: 1 });
    const done = store.transact([change('things', 'a', { v: 2 }), change('rows', 'r1', { thing: 'a' }), change('rows', 'r2', { thing: 'a' })]);
    // In memory at once, before the write is durable.
    expect(store.get('test', 'things', 'a')?.fields()).toEqual({ v: 2 });
    expect(store.count('test', 'rows', { thing: 'a' })).toBe(2);
    const stored = await done;
    await before;
    expect(stored.map((record) => record?.fields())).toEqual([{ v: 2 }, { thing: 'a' }, { thing: 'a' }]);
    const lines = (await readFile(`${file}.journal`, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.seq, l.tx ?? null, l.commit ?? null, l.id ?? null])).toEqual([
      [1, null, null, 'a'],
      [2, 2, null, 'a'],
      [3, 2, null, 'r1'],
      [4, 2, null, 'r2'],
      [5, null, 2, null],
    ]);
    await store.close();
  });

  it('is dropped whole after a crash that tore it, and kept whole when its commit line is there', async () => {
    const store = await open();
    await store.put('test', 'things', 'a', { v: 1 });
    await store.transact([change('things', 'a', { v: 2 }), change('rows', 'r1', { thing: 'a' })]);
    const journal = `${file}.journal`;
    const text = await readFile(journal, 'utf8');
    await store.close();
    const lines = text.split('\n').filter(Boolean);
    // Killed after the first line of the transaction reached the file: no commit line.
    await writeFile(journal, `${lines.slice(0, 2).join('\n')}\n`);
    await writeFile(file, JSON.stringify({ format: 'cubit-core-mock/1', seq: 0, environments: {} }));
    let reopened = await open();
    expect(reopened.get('test', 'things', 'a')?.fields()).toEqual({ v: 1 });
    expect(reopened.get('test', 'rows', 'r1')).toBeUndefined();
    await reopened.close();
    await writeFile(journal, text);
    await writeFile(file, JSON.stringify({ format: 'cubit-core-mock/1', seq: 0, environments: {} }));
    reopened = await open();
    expect(reopened.get('test', 'things', 'a')?.fields()).toEqual({ v: 2 });
    expect(reopened.get('test', 'rows', 'r1')?.fields()).toEqual({ thing: 'a' });
    await reopened.close();
  });

  it('puts every record back when the transaction cannot be made durable', async () => {
    let fail = false;
    const flaky: Persistence = {
      location: 'flaky',
      open: () => Promise.resolve(),
      commit: () => Promise.resolve(),
      commitTransaction: () => (fail ? Promise.reject(new Error('disk full')) : Promise.resolve()),
      commitBatch: () => undefined,
      settled: () => Promise.resolve(),
      close: () => Promise.resolve(),
    };
    const store = await createStore({ ...options, persistence: flaky });
    await store.put('test', 'things', 'a', { v: 1 });
    fail = true;
    await expect(store.transact([change('things', 'a', { v: 2 }), change('rows', 'r1', { thing: 'a' }), change('things', 'a', { v: 3 }), change('things', 'b', null)])).rejects.toThrow('disk full');
    expect(store.get('test', 'things', 'a')?.fields()).toEqual({ v: 1 });
    expect(store.get('test', 'rows', 'r1')).toBeUndefined();
    expect(store.count('test', 'rows', { thing: 'a' })).toBe(0);
  });
});
