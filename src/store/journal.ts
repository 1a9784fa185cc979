// The journal: one JSON line per change, appended next to the data file between snapshots.
// A crash can tear only the last line (a write that never finished, so never acknowledged): reading
// drops it. Any other unreadable line means the file was damaged, and reading refuses it.
import { readFile } from 'node:fs/promises';
import { DataFileError } from './data-file-error.js';
import type { Change } from './persistence.js';
import { type RecordFields, StoredRecord } from './stored-record.js';

export interface JournalEntry extends Change {
  seq: number;
}

export interface JournalContents {
  exists: boolean;
  entries: JournalEntry[];
  /** True when the last line was torn by a crash and dropped. */
  tornTail: boolean;
}

/** One journal line, holding the stored record's JSON text as it is. */
export function journalLine({ seq, environment, collection, id, record }: JournalEntry): string {
  const head = `{"seq":${seq},"environment":${JSON.stringify(environment)},"collection":${JSON.stringify(collection)},"id":${JSON.stringify(id)}`;
  return `${head},"record":${record === null ? 'null' : record.json}}\n`;
}

/** A journal line as parsed: the record still as fields. */
type ParsedLine = Omit<JournalEntry, 'record'> & { record: RecordFields | null };

function isEntry(value: unknown): value is ParsedLine {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const recordOk = v.record === null || (typeof v.record === 'object' && !Array.isArray(v.record));
  return Number.isSafeInteger(v.seq) && typeof v.environment === 'string' && typeof v.collection === 'string' && typeof v.id === 'string' && recordOk;
}

function parseLine(line: string): JournalEntry | undefined {
  try {
    const value: unknown = JSON.parse(line);
    if (!isEntry(value)) return undefined;
    return { ...value, record: value.record === null ? null : StoredRecord.of(value.record) };
  } catch {
    return undefined;
  }
}

export async function readJournal(file: string): Promise<JournalContents> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false, entries: [], tornTail: false };
    throw new DataFileError(file, (error as Error).message);
  }
  const lines = text.split('\n');
  const last = lines.pop() as string; // '' when the file ends with a newline, as every complete write does
  const entries: JournalEntry[] = [];
  for (const [index, line] of lines.entries()) {
    const entry = parseLine(line);
    if (!entry) throw new DataFileError(file, `journal line ${index + 1} is not a valid change (only a torn last line is recovered)`);
    if (entries.length > 0 && entry.seq <= (entries.at(-1) as JournalEntry).seq) {
      throw new DataFileError(file, `journal line ${index + 1} is out of order (seq ${entry.seq})`);
    }
    entries.push(entry);
  }
  return { exists: true, entries, tornTail: last !== '' };
}
