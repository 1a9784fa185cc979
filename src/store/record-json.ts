// The JSON text of stored records, made at most once per record. Records are never mutated once stored
// (a change stores a new object), so the text made for the journal is the text every later answer sends,
// and a record loaded from the snapshot gets its text the first time an answer needs it.
const texts = new WeakMap<object, string | null>();

/** Called for every record that enters the store. */
export function markStored(record: object): void {
  if (!texts.has(record)) texts.set(record, null);
}

/** The record's JSON text (made now if need be, and kept). */
export function recordJson(record: object): string {
  let text = texts.get(record);
  if (text === undefined || text === null) {
    text = JSON.stringify(record);
    texts.set(record, text);
  }
  return text;
}

/** The JSON text of a stored record, or undefined when the value is not a stored record. */
export function storedRecordJson(value: object): string | undefined {
  return texts.has(value) ? recordJson(value) : undefined;
}
