// When a change cannot be made durable, memory must go back to exactly what the disk holds, also when several
// changes to one record are in flight and fail together (one group commit) or one after another.
import { describe, expect, it } from 'vitest';
import { createStore } from './create-store.js';
import type { Change, Persistence } from './persistence.js';
import type { Store } from './store.js';

/** A persistence whose commits wait until the test settles them, batch by batch, in commit order. */
class ManualPersistence implements Persistence {
  readonly location = 'manual';
  private batches: { change: Change; resolve: () => void; reject: (error: Error) => void }[][] = [[]];
  readonly durable: Change[] = [];

  open(): Promise<void> {
    return Promise.resolve();
  }

  commit(change: Change): Promise<void> {
    return new Promise((resolve, reject) => (this.batches.at(-1) ?? []).push({ change, resolve, reject }));
  }

  commitTransaction(changes: Change[]): Promise<void> {
    return Promise.all(changes.map((change) => this.commit(change))).then(() => undefined);
  }

  /** Ends the current batch: later commits go into the next one. */
  cut(): void {
    this.batches.push([]);
  }

  /** Settles the oldest batch: every change in it is written, or none is. */
  async settle(outcome: 'written' | 'fails'): Promise<void> {
    const batch = this.batches.shift() ?? [];
    if (this.batches.length === 0) this.batches.push([]);
    for (const pending of batch) {
      if (outcome === 'written') {
        this.durable.push(pending.change);
        pending.resolve();
      } else pending.reject(new Error('disk full'));
    }
    await new Promise((resolve) => setImmediate(resolve));
  }

  commitBatch = () => undefined;
  settled = () => Promise.resolve();
  close = () => Promise.resolve();
}

async function setUp(): Promise<{ store: Store; persistence: ManualPersistence; outcomes: string[]; track: (p: Promise<unknown>) => void }> {
  const persistence = new ManualPersistence();
  const store = await createStore({ environments: ['test'], collections: ['things'], indexedFields: { things: ['owner'] }, persistence });
  const outcomes: string[] = [];
  const track = (p: Promise<unknown>) => {
    p.then(
      () => outcomes.push('ok'),
      (error: Error) => outcomes.push(error.message),
    );
  };
  const first = store.put('test', 'things', 'a', { owner: 'o0', v: 0 });
  await persistence.settle('written');
  await first;
  return { store, persistence, outcomes, track };
}

const fieldsOf = (store: Store) => store.get('test', 'things', 'a')?.fields();

describe('the store when a write fails', () => {
  it('puts back the durable version when two changes to a record fail in one batch', async () => {
    const { store, persistence, outcomes, track } = await setUp();
    track(store.put('test', 'things', 'a', { owner: 'o1', v: 1 }));
    track(store.put('test', 'things', 'a', { owner: 'o2', v: 2 }));
    await persistence.settle('fails');
    expect(outcomes).toEqual(['disk full', 'disk full']);
    expect(fieldsOf(store)).toEqual({ owner: 'o0', v: 0 });
    expect([store.count('test', 'things', { owner: 'o0' }), store.count('test', 'things', { owner: 'o1' }), store.count('test', 'things', { owner: 'o2' })]).toEqual([1, 0, 0]);
  });

  it('puts back a record whose delete and re-creation fail in one batch', async () => {
    const { store, persistence, outcomes, track } = await setUp();
    track(store.delete('test', 'things', 'a'));
    track(store.put('test', 'things', 'a', { owner: 'o1', v: 1 }));
    await persistence.settle('fails');
    expect(outcomes).toEqual(['disk full', 'disk full']);
    expect(fieldsOf(store)).toEqual({ owner: 'o0', v: 0 });
  });

  it('goes back to the last change that was written, not to the one before it', async () => {
    const { store, persistence, outcomes, track } = await setUp();
    track(store.put('test', 'things', 'a', { owner: 'o1', v: 1 }));
    persistence.cut();
    track(store.put('test', 'things', 'a', { owner: 'o2', v: 2 }));
    await persistence.settle('written');
    await persistence.settle('fails');
    expect(outcomes).toEqual(['ok', 'disk full']);
    expect(fieldsOf(store)).toEqual({ owner: 'o1', v: 1 });
    expect(store.count('test', 'things', { owner: 'o1' })).toBe(1);
  });

  it('leaves a record to its newer change when an older one fails, and keeps the newer one once it is written', async () => {
    const { store, persistence, outcomes, track } = await setUp();
    track(store.put('test', 'things', 'a', { owner: 'o1', v: 1 }));
    persistence.cut();
    track(store.put('test', 'things', 'a', { owner: 'o2', v: 2 }));
    await persistence.settle('fails');
    expect(fieldsOf(store)).toEqual({ owner: 'o2', v: 2 });
    await persistence.settle('written');
    expect(outcomes).toEqual(['disk full', 'ok']);
    expect(fieldsOf(store)).toEqual({ owner: 'o2', v: 2 });
    expect(persistence.durable.at(-1)?.record?.fields()).toEqual({ owner: 'o2', v: 2 });
  });

  it('goes back to no record when a new record and its change both fail', async () => {
    const { store, persistence, track } = await setUp();
    track(store.put('test', 'things', 'b', { owner: 'o1' }));
    track(store.put('test', 'things', 'b', { owner: 'o2' }));
    await persistence.settle('fails');
    expect(store.get('test', 'things', 'b')).toBeUndefined();
    expect(store.list('test', 'things', { offset: 0, limit: 10 }).total).toBe(1);
  });
});
