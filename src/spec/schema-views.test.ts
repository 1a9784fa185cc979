import { describe, expect, it } from 'vitest';
import { readOnlyProperties, requestView, responseView } from './schema-views.js';

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'secret', 'createdAt', 'nested'],
  properties: {
    id: { type: 'string' },
    secret: { type: 'string', writeOnly: true },
    createdAt: { type: 'string', readOnly: true },
    nested: {
      type: 'object',
      required: ['at'],
      properties: { at: { type: 'string', readOnly: true }, x: { type: 'integer' } },
    },
    list: { type: 'array', items: { type: 'object', required: ['v'], properties: { v: { readOnly: true } } } },
  },
};

describe('schema views', () => {
  it('drops readOnly properties from requests, also from required and nested schemas', () => {
    const view = requestView(schema);
    expect(Object.keys(view.properties as object)).toEqual(['id', 'secret', 'nested', 'list']);
    expect(view.required).toEqual(['id', 'secret', 'nested']);
    expect(view.properties).toMatchObject({ nested: { required: [], properties: { x: { type: 'integer' } } }, list: { items: { required: [] } } });
    expect(view.additionalProperties).toBe(false);
  });

  it('drops writeOnly properties from responses', () => {
    const view = responseView(schema);
    expect(Object.keys(view.properties as object)).toEqual(['id', 'createdAt', 'nested', 'list']);
    expect(view.required).toEqual(['id', 'createdAt', 'nested']);
  });

  it('leaves the original schema untouched', () => {
    const copy = structuredClone(schema);
    requestView(schema);
    responseView(schema);
    expect(schema).toEqual(copy);
  });

  it('names the top-level readOnly properties', () => {
    expect([...readOnlyProperties(schema)]).toEqual(['createdAt']);
  });
});
