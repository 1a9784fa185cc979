import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonFileError, readJsonFile } from './read-json-file.js';

const dir = mkdtempSync(join(tmpdir(), 'read-json-file-'));
let files = 0;
const fileOf = (text: string | Buffer) => {
  const file = join(dir, `f${files++}.json`);
  writeFileSync(file, text);
  return file;
};

const problemOf = async (text: string, options: { chunkBytes?: number; describableBytes?: number } = {}) => {
  const error = await readJsonFile(fileOf(text), { depth: 4, ...options }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JsonFileError);
  return (error as Error).message;
};

describe('readJsonFile', () => {
  it('reads what JSON.parse reads, records straddling chunks of any size, keys with escapes and non-ASCII text', async () => {
    const value = {
      format: 'x',
      seq: 7,
      environments: {
        'te"st': { customers: { 'CUST-1': { name: 'Åse Ødegård "q" \\ }', list: [1, { a: [] }] }, '2': { n: '😀' }, '1': { n: 1 } }, empty: {} },
        prod: { installations: [{ id: 'I-1', nested: { deep: [[[]]] } }, 'a string', 12.5e3, null, true], none: [] },
      },
      tail: [1, 2],
    };
    const text = JSON.stringify(value, null, 2);
    for (const chunkBytes of [1, 2, 3, 7, 64, 1 << 20]) {
      expect(await readJsonFile(fileOf(text), { depth: 4, chunkBytes })).toEqual(JSON.parse(text));
    }
  });

  it('keeps a __proto__ key as data, as JSON.parse does', async () => {
    const text = '{"environments":{"test":{"customers":{"__proto__":{"polluted":true}}}}}';
    const read = (await readJsonFile(fileOf(text), { depth: 4, chunkBytes: 5 })) as { environments: { test: { customers: Record<string, unknown> } } };
    expect(Object.keys(read.environments.test.customers)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('equals JSON.parse on any JSON value, at any depth and chunk size', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 6 }), fc.boolean(), async (value, chunkBytes, depth, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        expect(await readJsonFile(fileOf(text), { depth, chunkBytes })).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it('accepts a text with one character changed exactly when JSON.parse does, and then reads the same value', async () => {
    const characters = [...'{}[],:"\\ 0e-.tn'];
    await fc.assert(
      fc.asyncProperty(
        fc.jsonValue({ maxDepth: 6 }),
        fc.nat(),
        fc.constantFrom(...characters, ''),
        fc.boolean(),
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 0, max: 5 }),
        async (value, at, replacement, insert, chunkBytes, depth) => {
          const valid = JSON.stringify(value);
          const place = at % (valid.length + 1);
          const text = valid.slice(0, place) + replacement + valid.slice(insert ? place : place + 1);
          let expected: unknown;
          let parses = true;
          try {
            expected = JSON.parse(text);
          } catch {
            parses = false;
          }
          const read = await readJsonFile(fileOf(text), { depth, chunkBytes }).then(
            (v) => ({ ok: true as const, v }),
            (error: unknown) => ({ ok: false as const, error }),
          );
          expect(read.ok).toBe(parses);
          if (read.ok) expect(read.v).toEqual(expected);
          else expect(read.error).toBeInstanceOf(JsonFileError);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('refuses what JSON.parse refuses, at any chunk size', async () => {
    const broken = ['', '{', '{"environments":{"test":{"c":{"a":{"x":1}', '{"e":{"t":{"c":{"a":{"x":1,}}}}}', '{"e":{"t":{"c":[{"x":1},]}}}', '{"e":{"t":{"c":{"a": }}}}', '{"e":{"t":{"c":{"a":tru}}}}', '{"a":1} x', "{'a':1}", '{"e":{"t":{"c":{"a":{"b":"\n"}}}}}'];
    for (const text of broken) {
      expect(() => JSON.parse(text) as unknown).toThrow();
      for (const chunkBytes of [1, 4, 1 << 20]) await problemOf(text, { chunkBytes });
    }
  });

  it('says where a file breaks: line and column for a file it can read whole, else the byte where the record starts', async () => {
    const text = '{\n  "environments": {\n    "test": {\n      "customers": {\n        "A": {"name": "x",}\n      }\n    }\n  }\n}\n';
    expect(await problemOf(text)).toBe('it is not valid JSON: a property name in double quotes was expected at line 5, column 27');
    expect(await problemOf(text, { describableBytes: 10 })).toBe('the value starting at byte 70 is not valid JSON: a property name in double quotes was expected at line 1, column 14');
    expect(await problemOf('{"e":{"t":{"c":{"a":{"x":1', { describableBytes: 10 })).toBe('the file ends inside the value starting at byte 20');
    expect(await problemOf('')).toBe('it is empty');
  });

  it('leaves a missing file to the file system error', async () => {
    await expect(readJsonFile(join(dir, 'missing.json'), { depth: 4 })).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
