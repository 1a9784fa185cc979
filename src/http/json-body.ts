// Serialises a handler's answer. Stored records (alone, or as the items of a page) are sent as the JSON text
// the store keeps for them; any other plain data is serialised as JSON.stringify would.
import { StoredRecord } from '../store/stored-record.js';

const isPlainObject = (value: object): boolean => {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

export function jsonBody(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  if (value instanceof StoredRecord) return value.json;
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined || typeof item === 'function' ? 'null' : jsonBody(item))).join(',')}]`;
  if (!isPlainObject(value)) return JSON.stringify(value);
  const members: string[] = [];
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
    members.push(`${JSON.stringify(key)}:${jsonBody(member)}`);
  }
  return `{${members.join(',')}}`;
}
