import { describe, expect, it } from 'vitest';
import { Collection } from './collection.js';
import { type RecordFields, StoredRecord } from './stored-record.js';

describe('Collection', () => {
  it('answers filters on an indexed field exactly as a scan would, through puts, moves and deletes', () => {
    const indexed = new Collection(['owner']);
    const scanned = new Collection();
    const apply = (fn: (c: Collection) => void) => {
      fn(indexed);
      fn(scanned);
    };
    const set = (id: string, fields: RecordFields, pass: 'with fields' | 'without fields') =>
      apply((c) => c.set(id, StoredRecord.of(fields), pass === 'with fields' ? fields : undefined));
    for (let i = 0; i < 60; i++) set(`id-${String(i).padStart(2, '0')}`, { owner: `o${i % 4}`, kind: i % 2 === 0 ? 'even' : 'odd' }, i % 3 ? 'with fields' : 'without fields');
    set('id-05', { owner: 'o0', kind: 'odd' }, 'with fields'); // moves from o1 to o0
    apply((c) => c.delete('id-08'));
    set('id-09', { kind: 'odd' }, 'without fields'); // no owner any more
    const loaded: RecordFields[] = [
      { owner: 'o3', kind: 'odd' },
      { owner: 'o2', kind: 'even' },
    ];
    apply((c) => c.bulkLoad([['id-99', StoredRecord.of(loaded[0] as RecordFields), loaded[0] as RecordFields], ['id-00', StoredRecord.of(loaded[1] as RecordFields), loaded[1] as RecordFields]]));
    const json = ({ items, total }: { items: StoredRecord[]; total: number }) => ({ items: items.map((r) => r.json), total });
    const filters: Record<string, string>[] = [{ owner: 'o0' }, { owner: 'o1' }, { owner: 'o2', kind: 'even' }, { kind: 'odd', owner: 'o3' }, { owner: 'none' }, { kind: 'odd' }];
    for (const where of filters) {
      expect(json(indexed.list(where, 0, 100)), JSON.stringify(where)).toEqual(json(scanned.list(where, 0, 100)));
      expect(json(indexed.list(where, 2, 3))).toEqual(json(scanned.list(where, 2, 3)));
      expect(indexed.count(where)).toBe(scanned.count(where));
    }
    expect(indexed.list({ owner: 'o0' }, 0, 100).items.map((r) => r.fields())).toContainEqual({ owner: 'o0', kind: 'odd' });
    expect(indexed.count({ owner: 'o1' })).toBe(13); // 15 at first, less id-05 (moved) and id-09 (owner removed)
    expect(indexed.count({ owner: 'o2' })).toBe(16); // 15 at first, plus id-00 (moved from o0 by the bulk load)
  });
});
