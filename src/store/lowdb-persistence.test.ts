import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JSONFile } from 'lowdb/node';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withTempDir } from '../../test/support/temp-dir.js';
import { createStore } from './create-store.js';
import { LowdbPersistence } from './lowdb-persistence.js';
import type { Persistence } from './persistence.js';

let temp: Awaited<ReturnType<typeof withTempDir>>;
beforeEach(async () => {
  temp = await withTempDir();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await temp.remove();
});

const open = (persistence: Persistence) => createStore({ environments: ['test'], collections: ['things'], persistence });

describe('LowdbPersistence', () => {
  it('creates the data directory and file on the first write', async () => {
    const file = join(temp.dir, 'nested', 'dir', 'data.json');
    const store = await open(new LowdbPersistence(file));
    await store.put('test', 'things', 'a', { v: 1 });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ format: 'cubit-core-mock/1', environments: { test: { things: { a: { v: 1 } } } } });
  });

  it('group-commits concurrent writes: every one durable, far fewer file writes than changes', async () => {
    const file = join(temp.dir, 'data.json');
    const writes = vi.spyOn(JSONFile.prototype, 'write');
    const store = await open(new LowdbPersistence(file));
    await Promise.all(Array.from({ length: 200 }, (_, i) => store.put('test', 'things', `id-${i}`, { i })));
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as { environments: { test: { things: object } } };
    expect(Object.keys(onDisk.environments.test.things)).toHaveLength(200);
    expect(writes.mock.calls.length).toBeLessThanOrEqual(3);
  });

  it('never leaves a caller waiting for more than the write in flight and its own, even while writes keep coming', async () => {
    const file = join(temp.dir, 'data.json');
    let completed = 0;
    const original = JSONFile.prototype.write; // eslint-disable-line @typescript-eslint/unbound-method -- called with the adapter as `this`
    vi.spyOn(JSONFile.prototype, 'write').mockImplementation(async function (this: JSONFile<unknown>, data: unknown) {
      await original.call(this, data);
      completed++;
    });
    const store = await open(new LowdbPersistence(file));
    const first = store.put('test', 'things', 'first', { v: 1 });
    const second = store.put('test', 'things', 'second', { v: 1 });
    // A steady stream of further writes while the two above are waiting.
    let streaming = true;
    const stream: Promise<void>[] = [];
    const pump = () => {
      if (!streaming || stream.length >= 500) return;
      stream.push(store.put('test', 'things', `more-${stream.length}`, { v: 1 }));
      setImmediate(pump);
    };
    pump();
    await first;
    expect(completed).toBe(1);
    await second;
    expect(completed).toBeLessThanOrEqual(2);
    streaming = false;
    await Promise.all(stream);
    await store.close();
  });
});

describe('createStore', () => {
  it('undoes a change in memory when it cannot be made durable, and reports the error', async () => {
    let fail = false;
    const flaky: Persistence = {
      location: 'flaky',
      load: () => Promise.resolve(undefined),
      commit: () => (fail ? Promise.reject(new Error('disk full')) : Promise.resolve()),
      close: () => Promise.resolve(),
    };
    const store = await open(flaky);
    await store.put('test', 'things', 'a', { v: 1 });
    fail = true;
    await expect(store.put('test', 'things', 'a', { v: 2 })).rejects.toThrow('disk full');
    await expect(store.delete('test', 'things', 'a')).rejects.toThrow('disk full');
    await expect(store.put('test', 'things', 'b', { v: 1 })).rejects.toThrow('disk full');
    expect(store.get('test', 'things', 'a')).toEqual({ v: 1 });
    expect(store.get('test', 'things', 'b')).toBeUndefined();
  });
});
