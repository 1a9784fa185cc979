import { describe, expect, it } from 'vitest';
import { Collection } from './collection.js';

describe('Collection', () => {
  it('answers filters on an indexed field exactly as a scan would, through puts, moves and deletes', () => {
    const indexed = new Collection(['owner']);
    const scanned = new Collection();
    const apply = (fn: (c: Collection) => void) => {
      fn(indexed);
      fn(scanned);
    };
    for (let i = 0; i < 60; i++) apply((c) => c.set(`id-${String(i).padStart(2, '0')}`, { owner: `o${i % 4}`, kind: i % 2 === 0 ? 'even' : 'odd' }));
    apply((c) => c.set('id-05', { owner: 'o0', kind: 'odd' })); // moves from o1 to o0
    apply((c) => c.delete('id-08'));
    apply((c) => c.set('id-09', { kind: 'odd' })); // no owner any more
    apply((c) => c.bulkLoad({ 'id-99': { owner: 'o3', kind: 'odd' }, 'id-00': { owner: 'o2', kind: 'even' } }));
    const filters: Record<string, string>[] = [{ owner: 'o0' }, { owner: 'o1' }, { owner: 'o2', kind: 'even' }, { owner: 'o3' }, { owner: 'none' }, { kind: 'odd' }];
    for (const where of filters) {
      expect(indexed.list(where, 0, 100), JSON.stringify(where)).toEqual(scanned.list(where, 0, 100));
      expect(indexed.list(where, 2, 3)).toEqual(scanned.list(where, 2, 3));
      expect(indexed.count(where)).toBe(scanned.count(where));
    }
    expect(indexed.list({ owner: 'o0' }, 0, 100).items).toContainEqual({ owner: 'o0', kind: 'odd' });
    expect(indexed.count({ owner: 'o1' })).toBe(13); // 15 at first, less id-05 (moved) and id-09 (owner removed)
  });
});
