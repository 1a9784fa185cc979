import { describe, expect, it } from 'vitest';
import { nextVersion } from './resource-versioning.js';

const t1 = new Date('2026-01-01T00:00:00.000Z');
const t2 = new Date('2026-02-01T00:00:00.000Z');

describe('nextVersion', () => {
  it('creates version 1 with both timestamps', () => {
    expect(nextVersion(undefined, { id: 'a', n: 1 }, t1, { audit: null })).toEqual({
      id: 'a',
      n: 1,
      audit: null,
      createdAt: t1.toISOString(),
      updatedAt: t1.toISOString(),
      version: 1,
    });
  });

  it('changes nothing when the body holds the same client fields, in any order', () => {
    const stored = { id: 'a', n: { x: 1, y: 2 }, audit: '2026-01-05', createdAt: t1.toISOString(), updatedAt: t1.toISOString(), version: 3 };
    expect(nextVersion(stored, { n: { y: 2, x: 1 }, id: 'a' }, t2, { audit: '2026-01-05' })).toBeUndefined();
  });

  it('bumps the version and updatedAt, keeps createdAt and the server-owned fields, on any change', () => {
    const stored = { id: 'a', n: 1, extra: true, audit: '2026-01-05', createdAt: t1.toISOString(), updatedAt: t1.toISOString(), version: 3 };
    for (const body of [{ id: 'a', n: 2, extra: true }, { id: 'a', n: 1 }, { id: 'a', n: 1, extra: true, more: 1 }]) {
      expect(nextVersion(stored, body, t2, { audit: '2026-01-05' }), JSON.stringify(body)).toEqual({ ...body, audit: '2026-01-05', createdAt: t1.toISOString(), updatedAt: t2.toISOString(), version: 4 });
    }
  });
});
