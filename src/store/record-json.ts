// The JSON text of stored records, made at most once per record. Records are never mutated once stored
// (a change stores a new object), so the text made for the journal is the text every later answer sends,
// and a record loaded from the snapshot gets its text the first time an answer needs it.
// The text is kept on the record itself, under a symbol that is neither enumerable nor serialised: a WeakMap
// holding hundreds of thousands of records made every full garbage collection pause the server for a few
// hundred milliseconds.
const jsonText = Symbol('jsonText');

type Marked = { [jsonText]?: string | null };

/** Called for every record that enters the store. */
export function markStored(record: object): void {
  if (!(jsonText in record)) Object.defineProperty(record, jsonText, { value: null, writable: true, enumerable: false });
}

/** The record's JSON text (made now if need be, and kept). */
export function recordJson(record: object): string {
  const marked = record as Marked;
  let text = marked[jsonText];
  if (text === undefined || text === null) {
    text = JSON.stringify(record);
    if (text === undefined) return 'null';
    if (jsonText in record) marked[jsonText] = text;
    else Object.defineProperty(record, jsonText, { value: text, writable: true, enumerable: false });
  }
  return text;
}

/** The JSON text of a stored record, or undefined when the value is not a stored record. */
export function storedRecordJson(value: object): string | undefined {
  return jsonText in value ? recordJson(value) : undefined;
}
