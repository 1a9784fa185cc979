import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { jsonEqual } from './json-equal.js';

describe('jsonEqual', () => {
  const cases: [unknown, unknown][] = [
    [{ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 }],
    [{ a: 1 }, { a: 1, b: undefined }],
    [{ a: [1, 2] }, { a: [2, 1] }],
    [{ a: null }, { a: {} }],
    [[], {}],
    [{ a: '1' }, { a: 1 }],
    [{ a: { b: 1 } }, { a: { b: 1, c: 2 } }],
    ['x', 'x'],
    [null, null],
    [{ tags: ['a'] }, { tags: ['a'] }],
  ];
  it('agrees with util.isDeepStrictEqual on JSON values, whatever the key order', () => {
    for (const [a, b] of cases) expect(jsonEqual(a, b), JSON.stringify([a, b])).toBe(isDeepStrictEqual(a, b));
  });
});
