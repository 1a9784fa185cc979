// A batch (seed, import, reset) is one change: after a crash all of it is there or none of it, it never
// separates from the single changes around it, and it is seen in memory only whole.
import { appendFile, readFile, readdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withTempDir } from '../../test/support/temp-dir.js';
import { createStore } from './create-store.js';
import { commitLine, journalLine, readJournal } from './journal.js';
import { JournaledPersistence } from './journaled-persistence.js';
import type { Store } from './store.js';
import { StoredRecord } from './stored-record.js';

let temp: Awaited<ReturnType<typeof withTempDir>>;
let file: string;
beforeEach(async () => {
  temp = await withTempDir();
  file = join(temp.dir, 'data.json');
});
afterEach(() => temp.remove());

const open = (): Promise<Store> => createStore({ environments: ['test', 'prod'], collections: ['things'], indexedFields: { things: ['owner'] }, persistence: new JournaledPersistence(file) });
const ids = (store: Store, environment = 'test') => store.list(environment, 'things', { offset: 0, limit: 1000 }).items.map((r) => r.fields().id);
const put = (id: string, extra: object = {}) => ({ environment: 'test', collection: 'things', id, fields: { id, ...extra } });

/** Leaves the data file as a killed process would: the journal as written, no snapshot of it, no lock owner. */
async function crash(store: Store): Promise<void> {
  const persistence = (store as unknown as { persistence: JournaledPersistence }).persistence;
  const copy = await readFile(persistence.journalFile);
  await store.close();
  await writeFile(persistence.journalFile, copy);
}

describe('Store.commitBatch', () => {
  it('clears, then stores, as one change that a restart finds whole, in order with the single changes around it', async () => {
    const store = await open();
    await store.put('test', 'things', 'old', { id: 'old' });
    await store.put('prod', 'things', 'kept', { id: 'kept' });
    const before = store.put('test', 'things', 'before', { id: 'before' }); // still waiting for its write
    await store.commitBatch({ clear: ['test'], put: [put('b', { owner: 'o' }), put('a', { owner: 'o' })] });
    await before;
    expect(ids(store)).toEqual(['a', 'b']);
    expect(store.count('test', 'things', { owner: 'o' })).toBe(2);
    await store.put('test', 'things', 'after', { id: 'after' });
    const lines = (await readFile(`${file}.journal`, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.slice(2).map((l) => [l.seq, l.tx ?? null, l.commit ?? null, l.clear ?? null, l.id ?? null])).toEqual([
      [3, null, null, null, 'before'],
      [4, 4, null, true, null],
      [5, 4, null, null, 'b'],
      [6, 4, null, null, 'a'],
      [7, null, 4, null, null],
      [8, null, null, null, 'after'],
    ]);
    await crash(store);
    const reopened = await open();
    expect(ids(reopened)).toEqual(['a', 'after', 'b']);
    expect(ids(reopened, 'prod')).toEqual(['kept']);
    await reopened.close();
  });

  it('keeps a batch larger than the compaction threshold through the compaction it starts', async () => {
    const persistence = new JournaledPersistence(file, { compactAfterBytes: 1024 });
    const store = await createStore({ environments: ['test', 'prod'], collections: ['things'], indexedFields: { things: ['owner'] }, persistence });
    const put = Array.from({ length: 200 }, (_, i) => ({ environment: 'test', collection: 'things', id: `t${String(i).padStart(3, '0')}`, fields: { owner: 'o', n: i } }));
    await store.commitBatch({ clear: ['test'], put });
    await new Promise(setImmediate); // the compaction it starts, after the batch is in memory
    await persistence.compacted();
    expect(persistence.stats.compactions).toBe(1);
    await store.close();
    const reopened = await open();
    expect(reopened.count('test', 'things', {})).toBe(200);
    expect(reopened.get('test', 'things', 't199')?.fields()).toEqual({ owner: 'o', n: 199 });
    await reopened.close();
  });

  it('closes at once after a batch larger than the compaction threshold, without a compaction racing the close', async () => {
    const persistence = new JournaledPersistence(file, { compactAfterBytes: 1024 });
    const store = await createStore({ environments: ['test', 'prod'], collections: ['things'], indexedFields: { things: ['owner'] }, persistence });
    const put = Array.from({ length: 200 }, (_, i) => ({ environment: 'test', collection: 'things', id: `t${String(i).padStart(3, '0')}`, fields: { owner: 'o', n: i } }));
    await store.commitBatch({ clear: [], put });
    await store.close(); // before the compaction the batch starts has begun
    await new Promise(setImmediate);
    await persistence.compacted();
    expect(await readdir(dirname(file))).toEqual([basename(file)]);
    const reopened = await open();
    expect(reopened.count('test', 'things', {})).toBe(200);
    await reopened.close();
  });

  it('drops a batch whose commit line never reached the file, and keeps what came before it', async () => {
    const store = await open();
    await store.put('test', 'things', 'x', { id: 'x' });
    await crash(store);
    // What a crash in the middle of writing a batch leaves: its first lines, no commit.
    await appendFile(`${file}.journal`, journalLine({ seq: 2, environment: 'test', clear: true }, 2) + journalLine({ seq: 3, environment: 'test', collection: 'things', id: 'y', record: StoredRecord.of({ id: 'y' }) }, 2));
    expect((await readJournal(`${file}.journal`)).tornTail).toBe(true);
    const reopened = await open();
    expect(ids(reopened)).toEqual(['x']);
    await reopened.close();
  });

  it('refuses a journal in which a batch is interrupted by another change (damage, not a crash)', async () => {
    await writeFile(`${file}.journal`, journalLine({ seq: 1, environment: 'test', clear: true }, 1) + journalLine({ seq: 2, environment: 'test', collection: 'things', id: 'y', record: null }) + commitLine(3, 1));
    await expect(open()).rejects.toThrow(/journal line 1 starts batch 1, which has no commit \(journal line 2 interrupts it\)/);
  });

  it('stores a large batch into a filled collection in id order, and a small merge too', async () => {
    const store = await open();
    await store.commitBatch({ clear: [], put: Array.from({ length: 500 }, (_, i) => put(`k${String(999 - i).padStart(4, '0')}`)) });
    await store.commitBatch({ clear: [], put: [put('k0000'), put('k9999'), put('k0500')] });
    const listed = ids(store);
    expect(listed).toHaveLength(502);
    expect(listed).toEqual([...listed].sort());
    await store.close();
  });

  it('leaves memory and the journal as they were when the batch cannot be written', async () => {
    const store = await open();
    await store.put('test', 'things', 'x', { id: 'x' });
    const persistence = (store as unknown as { persistence: JournaledPersistence }).persistence;
    const journalBefore = await readFile(persistence.journalFile, 'utf8');
    await persistence.close(); // the journal is closed: every write now fails
    await expect(store.commitBatch({ clear: ['test'], put: [put('y')] })).rejects.toThrow(/closed/);
    expect(ids(store)).toEqual(['x']);
    expect(await readFile(persistence.journalFile, 'utf8').catch(() => journalBefore)).toBe(journalBefore);
  });
});
