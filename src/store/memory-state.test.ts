import { describe, expect, it } from 'vitest';
import { MemoryState } from './memory-state.js';

const state = () => new MemoryState(['test', 'prod'], ['things']);

describe('MemoryState', () => {
  it('lists in id order however records arrive, and pages by offset and limit', () => {
    const s = state();
    for (const id of ['m', 'c', 'x', 'a', 'q']) s.set('test', 'things', id, { id });
    expect(s.list('test', 'things', { offset: 0, limit: 10 }).items.map((r) => r.id)).toEqual(['a', 'c', 'm', 'q', 'x']);
    expect(s.list('test', 'things', { offset: 1, limit: 2 })).toEqual({ items: [{ id: 'c' }, { id: 'm' }], total: 5 });
    s.set('test', 'things', 'c', undefined);
    expect(s.list('test', 'things', { offset: 0, limit: 10 }).items.map((r) => r.id)).toEqual(['a', 'm', 'q', 'x']);
  });

  it('filters by field equality and counts', () => {
    const s = state();
    s.set('test', 'things', '1', { owner: 'a' });
    s.set('test', 'things', '2', { owner: 'b' });
    s.set('test', 'things', '3', { owner: 'a' });
    expect(s.list('test', 'things', { where: { owner: 'a' }, offset: 1, limit: 5 })).toEqual({ items: [{ owner: 'a' }], total: 2 });
    expect(s.count('test', 'things', { owner: 'a' })).toBe(2);
  });

  it('keeps environments apart', () => {
    const s = state();
    s.set('test', 'things', '1', { v: 1 });
    expect(s.get('prod', 'things', '1')).toBeUndefined();
  });

  it('is safe with ids that name Object.prototype members', () => {
    const s = state();
    expect(s.get('test', 'things', 'constructor')).toBeUndefined();
    s.set('test', 'things', 'constructor', { v: 1 });
    expect(s.get('test', 'things', 'constructor')).toEqual({ v: 1 });
  });

  it('captures every collection in id order, and loads a snapshot', () => {
    const s = state();
    s.set('test', 'things', 'b', { v: 2 });
    s.set('test', 'things', 'a', { v: 1 });
    s.set('prod', 'things', 'z', { v: 3 });
    expect(s.capture()).toEqual([
      { environment: 'test', collection: 'things', entries: [['a', { v: 1 }], ['b', { v: 2 }]] },
      { environment: 'prod', collection: 'things', entries: [['z', { v: 3 }]] },
    ]);
    const copy = state();
    copy.load({ format: 'cubit-core-mock/1', environments: { test: { things: { b: { v: 2 } } } } });
    expect(copy.list('test', 'things', { offset: 0, limit: 5 }).items).toEqual([{ v: 2 }]);
  });

  it('applies journal changes: a record puts, null deletes', () => {
    const s = state();
    s.apply({ environment: 'test', collection: 'things', id: 'a', record: { v: 1 } });
    expect(s.get('test', 'things', 'a')).toEqual({ v: 1 });
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
    const page = s.list('test', 'things', { offset: 0, limit: 3 });
    expect(page.total).toBe(150_000);
    expect(page.items).toEqual([{ n: 1 }, { n: 10 }, { n: 100 }]);
    s.set('test', 'things', 'id-0', { n: 0 });
    expect(s.list('test', 'things', { offset: 0, limit: 1 }).items).toEqual([{ n: 0 }]);
  });
});
