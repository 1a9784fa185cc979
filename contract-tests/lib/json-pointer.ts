// RFC 6901 JSON Pointers, and copies of a JSON value with one member set or removed.

export const pointerSegment = (name: string): string => name.replace(/~/g, '~0').replace(/\//g, '~1');
export const childPointer = (pointer: string, name: string | number): string => `${pointer}/${pointerSegment(String(name))}`;

function segmentsOf(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export const removed = Symbol('removed');

/** A deep copy of `document` with the member at `pointer` replaced by `value` (or deleted, for `removed`). */
export function withMember(document: unknown, pointer: string, value: unknown): unknown {
  const copy = structuredClone(document);
  const segments = segmentsOf(pointer);
  const last = segments.pop();
  if (last === undefined) return value;
  let parent = copy as Record<string, unknown>;
  for (const segment of segments) parent = parent[segment] as Record<string, unknown>;
  if (value === removed) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    parent[last] = structuredClone(value);
  }
  return copy;
}
