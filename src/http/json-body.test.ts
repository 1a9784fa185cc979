import { describe, expect, it } from 'vitest';
import { StoredRecord } from '../store/stored-record.js';
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

  it('sends a stored record as the text the store keeps, alone and inside a page', () => {
    const fields = { customerId: 'C1', name: 'A' };
    const record = StoredRecord.of(fields);
    // The text is made when the record is stored: changing the fields object afterwards does not show.
    fields.name = 'changed';
    expect(jsonBody(record)).toBe('{"customerId":"C1","name":"A"}');
    expect(jsonBody({ items: [record], total: 1 })).toBe('{"items":[{"customerId":"C1","name":"A"}],"total":1}');
    expect(JSON.stringify({ items: [record] })).toBe('{"items":[{"customerId":"C1","name":"A"}]}');
    expect(record.fields()).toEqual({ customerId: 'C1', name: 'A' });
    expect(record.fields()).not.toBe(record.fields());
  });
});
