// The journal: one JSON line per change, appended next to the data file between snapshots.
// A crash can tear only the last line (a write that never finished, so never acknowledged): reading
// drops it. Any other unreadable line means the file was damaged, and reading refuses it.
//
// A batch (a seed or an import: many changes that stand or fall together) is written as lines that carry
// `"tx"`, the sequence number of its first line, and ends with a commit line `{"seq":…,"commit":<tx>}`.
// Reading keeps a batch's changes only when its commit line is there: a crash in the middle of writing one
// leaves lines without a commit at the end of the file, and they are dropped like a torn line.
import { readFile } from 'node:fs/promises';
import { DataFileError } from './data-file-error.js';
import { type BatchChange, isClear } from './persistence.js';
import { type RecordFields, StoredRecord } from './stored-record.js';

export type JournalEntry = BatchChange & { seq: number };

export interface JournalContents {
  exists: boolean;
  entries: JournalEntry[];
  /** True when the end of the file was torn by a crash (a torn line, or a batch without its commit) and dropped. */
  tornTail: boolean;
}

/** One journal line, holding the stored record's JSON text as it is; `tx` when it is part of a batch. */
export function journalLine(entry: JournalEntry, tx?: number): string {
  const head = `{"seq":${entry.seq}${tx === undefined ? '' : `,"tx":${tx}`},"environment":${JSON.stringify(entry.environment)}`;
  if (isClear(entry)) return `${head},"clear":true}\n`;
  const { collection, id, record } = entry;
  return `${head},"collection":${JSON.stringify(collection)},"id":${JSON.stringify(id)},"record":${record === null ? 'null' : record.json}}\n`;
}

/** The line that makes batch `tx` count. */
export const commitLine = (seq: number, tx: number): string => `{"seq":${seq},"commit":${tx}}\n`;

type ParsedLine =
  | { kind: 'entry'; entry: JournalEntry; tx: number | undefined }
  | { kind: 'commit'; seq: number; tx: number };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function parseLine(line: string): ParsedLine | undefined {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isObject(v) || !Number.isSafeInteger(v.seq)) return undefined;
  const seq = v.seq as number;
  if (v.commit !== undefined) return Number.isSafeInteger(v.commit) ? { kind: 'commit', seq, tx: v.commit as number } : undefined;
  const tx = v.tx === undefined ? undefined : Number.isSafeInteger(v.tx) ? (v.tx as number) : NaN;
  if (Number.isNaN(tx) || typeof v.environment !== 'string') return undefined;
  if (v.clear === true) return tx === undefined ? undefined : { kind: 'entry', tx, entry: { seq, environment: v.environment, clear: true } };
  const recordOk = v.record === null || isObject(v.record);
  if (typeof v.collection !== 'string' || typeof v.id !== 'string' || !recordOk) return undefined;
  const record = v.record === null ? null : StoredRecord.of(v.record as RecordFields);
  return { kind: 'entry', tx, entry: { seq, environment: v.environment, collection: v.collection, id: v.id, record } };
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
  let batch: { tx: number; entries: JournalEntry[] } | undefined;
  let lastSeq = 0;
  for (const [index, line] of lines.entries()) {
    const parsed = parseLine(line);
    const where = `journal line ${index + 1}`;
    if (!parsed) throw new DataFileError(file, `${where} is not a valid change (only a torn last line is recovered)`);
    const seq = parsed.kind === 'commit' ? parsed.seq : parsed.entry.seq;
    if (seq <= lastSeq) throw new DataFileError(file, `${where} is out of order (seq ${seq})`);
    lastSeq = seq;
    if (parsed.kind === 'commit') {
      if (batch?.tx !== parsed.tx) throw new DataFileError(file, `${where} commits batch ${parsed.tx}, which it does not follow`);
      entries.push(...batch.entries);
      batch = undefined;
    } else if (parsed.tx === undefined) {
      if (batch) throw new DataFileError(file, `${where} interrupts batch ${batch.tx}, which has no commit`);
      entries.push(parsed.entry);
    } else {
      if (!batch) {
        if (parsed.tx !== seq) throw new DataFileError(file, `${where} continues batch ${parsed.tx}, whose start is missing`);
        batch = { tx: parsed.tx, entries: [] };
      } else if (batch.tx !== parsed.tx) throw new DataFileError(file, `${where} starts batch ${parsed.tx} inside batch ${batch.tx}`);
      batch.entries.push(parsed.entry);
    }
  }
  return { exists: true, entries, tornTail: last !== '' || batch !== undefined };
}
