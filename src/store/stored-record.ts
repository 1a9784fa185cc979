// A stored record is kept as its JSON text, made once when the record is written. The same text is appended
// to the journal, written into snapshots and sent by every answer. The fields are parsed from it where they
// are needed: an upsert comparing a body with what is stored; a collection indexing a record it was given
// without its fields (journal replay); a filter on a field that has no index (none today). Text is about
// half the heap of the object graph plus its text, and the garbage collector has nothing inside a string to
// trace: with 100k records resident this keeps both the resident memory and the collector's pauses down.
export type RecordFields = Record<string, unknown>;

export class StoredRecord {
  private constructor(readonly json: string) {}

  /** The record for these fields. Records are never changed once stored: a change stores a new one. */
  static of(fields: RecordFields): StoredRecord {
    return new StoredRecord(JSON.stringify(fields));
  }

  /** A fresh copy of the record's fields. */
  fields(): RecordFields {
    return JSON.parse(this.json) as RecordFields;
  }

  /** So that JSON.stringify of a value holding stored records writes their fields. */
  toJSON(): RecordFields {
    return this.fields();
  }
}
