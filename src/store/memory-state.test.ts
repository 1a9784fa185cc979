import { describe, expect, it } from 'vitest';
import { MemoryState } from './memory-state.js';
import type { ListResult } from './store.js';
import { type RecordFields, StoredRecord } from './stored-record.js';

const state = () => new MemoryState(['test', 'prod'], ['things']);
const put = (s: MemoryState, environment: string, id: string, fields: RecordFields) => s.set(environment, 'things', id, StoredRecord.of(fields));
const fieldsOf = ({ items, total }: ListResult) => ({ items: items.map((r) => r.fields()), total });

describe('MemoryState', () => {
  it('lists in id order however records arrive, and pages by offset and limit', () => {
    const s = state();
    for (const id of ['m', 'c', 'x', 'a', 'q']) put(s, 'test', id, { id });
    expect(fieldsOf(s.list('test', 'things', { offset: 0, limit: 10 })).items.map((r) => r.id)).toEqual(['a', 'c', 'm', 'q', 'x']);
    expect(fieldsOf(s.list('test', 'things', { offset: 1, limit: 2 }))).toEqual({ items: [{ id: 'c' }, { id: 'm' }], total: 5 });
    s.set('test', 'things', 'c', undefined);
    expect(fieldsOf(s.list('test', 'things', { offset: 0, limit: 10 })).items.map((r) => r.id)).toEqual(['a', 'm', 'q', 'x']);
  });

  it('filters by field equality and counts', () => {
    const s = state();
    put(s, 'test', '1', { owner: 'a' });
    put(s, 'test', '2', { owner: 'b' });
    put(s, 'test', '3', { owner: 'a' });
    expect(fieldsOf(s.list('test', 'things', { where: { owner: 'a' }, offset: 1, limit: 5 }))).toEqual({ items: [{ owner: 'a' }], total: 2 });
    expect(s.count('test', 'things', { owner: 'a' })).toBe(2);
  });

  it('keeps environments apart', () => {
    const s = state();
    put(s, 'test', '1', { v: 1 });
    expect(s.get('prod', 'things', '1')).toBeUndefined();
  });

  it('is safe with ids that name Object.prototype members', () => {
    const s = state();
    expect(s.get('test', 'things', 'constructor')).toBeUndefined();
    put(s, 'test', 'constructor', { v: 1 });
    expect(s.get('test', 'things', 'constructor')?.fields()).toEqual({ v: 1 });
  });

  it('captures every collection in id order, and loads a snapshot', () => {
    const s = state();
    put(s, 'test', 'b', { v: 2 });
    put(s, 'test', 'a', { v: 1 });
    put(s, 'prod', 'z', { v: 3 });
    const captured = s.capture().map(({ entries, ...rest }) => ({ ...rest, entries: entries.map(([id, r]) => [id, r.json]) }));
    expect(captured).toEqual([
      { environment: 'test', collection: 'things', entries: [['a', '{"v":1}'], ['b', '{"v":2}']] },
      { environment: 'prod', collection: 'things', entries: [['z', '{"v":3}']] },
    ]);
    const copy = state();
    copy.load({ format: 'cubit-core-mock/1', environments: { test: { things: { b: { v: 2 } } } } });
    expect(fieldsOf(copy.list('test', 'things', { offset: 0, limit: 5 })).items).toEqual([{ v: 2 }]);
  });

  it('applies journal changes: a record puts, null deletes', () => {
    const s = state();
    s.apply({ environment: 'test', collection: 'things', id: 'a', record: StoredRecord.of({ v: 1 }) });
    expect(s.get('test', 'things', 'a')?.fields()).toEqual({ v: 1 });
    s.apply({ environment: 'test', collection: 'things', id: 'a', record: null });
    expect(s.get('test', 'things', 'a')).toBeUndefined();
  });

  it('refuses a snapshot with records of an environment or collection it does not serve', () => {
    const snapshot = { format: 'cubit-core-mock/1' as const, environments: { staging: { things: { a: {} } } } };
    expect(() => state().load(snapshot)).toThrow('staging/things');
  });

  it('throws on an unknown collection rather than inventing one', () => {
    expect(() => state().get('staging', 'things', 'x')).toThrow('Unknown collection staging/things');
  });
});

describe('MemoryState loading', () => {
  it('loads a large unordered snapshot and serves it in id order', () => {
    const s = new MemoryState(['test'], ['things']);
    const things: Record<string, { n: number }> = {};
    for (let n = 150_000; n > 0; n--) things[`id-${n}`] = { n };
    s.load({ format: 'cubit-core-mock/1', environments: { test: { things } } });
    const page = fieldsOf(s.list('test', 'things', { offset: 0, limit: 3 }));
    expect(page.total).toBe(150_000);
    expect(page.items).toEqual([{ n: 1 }, { n: 10 }, { n: 100 }]);
    put(s, 'test', 'id-0', { n: 0 });
    expect(fieldsOf(s.list('test', 'things', { offset: 0, limit: 1 })).items).toEqual([{ n: 0 }]);
  });
});
