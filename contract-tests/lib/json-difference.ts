// Where two JSON values differ, as short readable lines (JSON Pointer: expected → actual), for violation messages.
import { childPointer } from './json-pointer.js';

const show = (value: unknown): string => (value === undefined ? '(absent)' : JSON.stringify(value).slice(0, 120));

function walk(expected: unknown, actual: unknown, pointer: string, out: string[]): void {
  if (out.length >= 8) return;
  const bothObjects = typeof expected === 'object' && expected !== null && typeof actual === 'object' && actual !== null;
  if (bothObjects && Array.isArray(expected) === Array.isArray(actual)) {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const key of keys) walk((expected as Record<string, unknown>)[key], (actual as Record<string, unknown>)[key], childPointer(pointer, key), out);
    return;
  }
  if (JSON.stringify(expected) !== JSON.stringify(actual)) out.push(`${pointer || '(root)'}: expected ${show(expected)}, got ${show(actual)}`);
}

/** Empty when the values are equal as JSON. */
export function jsonDifferences(expected: unknown, actual: unknown): string[] {
  const out: string[] = [];
  walk(expected, actual, '', out);
  return out;
}

/** The value without the named top-level properties (e.g. readOnly ones, which the server sets). */
export function without(value: unknown, names: Iterable<string>): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const copy = { ...(value as Record<string, unknown>) };
  for (const name of names) delete copy[name];
  return copy;
}

/** A response check: the body (without the named properties) equals `expected`. */
export function bodyEquals(expected: unknown, what: string, ignoring: Iterable<string> = []): (response: { body: unknown }) => string[] {
  const names = [...ignoring];
  return (response) => jsonDifferences(without(expected, names), without(response.body, names)).map((difference) => `${what}: ${difference}`);
}
