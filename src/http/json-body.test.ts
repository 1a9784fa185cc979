import { describe, expect, it } from 'vitest';
import { markStored, recordJson } from '../store/record-json.js';
import { jsonBody } from './json-body.js';

describe('jsonBody', () => {
  it('serialises plain data exactly as JSON.stringify does', () => {
    const values: unknown[] = [
      { items: [{ a: 1, b: [true, null, 'x"y'] }], total: 1, limit: 50, offset: 0 },
      { a: undefined, b: () => 1, c: [undefined, 2], d: new Date(0), e: { f: {} } },
      [],
      'text',
      7,
      null,
    ];
    for (const value of values) expect(jsonBody(value)).toBe(JSON.stringify(value));
  });

  it('sends a stored record as the text the store made for it, alone and inside a page', () => {
    const record = { customerId: 'C1', name: 'A' };
    markStored(record);
    expect(recordJson(record)).toBe(JSON.stringify(record));
    // Proof that the kept text is what is sent: a (forbidden) mutation after storing does not show.
    record.name = 'changed';
    expect(jsonBody(record)).toBe('{"customerId":"C1","name":"A"}');
    expect(jsonBody({ items: [record], total: 1 })).toBe('{"items":[{"customerId":"C1","name":"A"}],"total":1}');
  });
});
