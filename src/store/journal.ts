// The journal: one JSON line per change, appended next to the data file between snapshots.
// A crash can tear only the last line (a write that never finished, so never acknowledged): reading
// drops it. Any other unreadable line means the file was damaged, and reading refuses it.
//
// A batch (a seed or an import: many changes that stand or fall together) is written as lines that carry
// `"tx"`, the sequence number of its first line, and ends with a commit line `{"seq":…,"commit":<tx>}`.
// Reading keeps a batch's changes only when its commit line is there: a crash in the middle of writing one
// leaves lines without a commit at the end of the file, and they are dropped like a torn line.
//
// Sequence numbers count every line, commits included, without gaps: a failed write is cut off the file and
// its numbers are used again. A gap, a repeat or a line out of order means changes were lost or a second
// writer was at work, and reading refuses the journal (or, for a repair, drops the offending lines).
import { DataFileError } from './data-file-error.js';
import { type DataFiles, nodeDataFiles } from './data-files.js';
import { type BatchChange, isClear } from './persistence.js';
import { type RecordFields, StoredRecord } from './stored-record.js';

export type JournalEntry = BatchChange & { seq: number };

export interface JournalContents {
  exists: boolean;
  entries: JournalEntry[];
  /** True when the end of the file was torn by a crash (a torn line, or a batch without its commit) and dropped. */
  tornTail: boolean;
  /** The sequence numbers of the first and last complete lines (changes and commits); undefined when there are none. */
  firstSeq: number | undefined;
  lastSeq: number | undefined;
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

/**
 * What to do with a line that breaks the journal's rules: refuse (the default: throw a DataFileError naming the
 * file, the line and the rule), or, for `--repair`, drop it and say so.
 */
export type JournalProblemHandler = (where: string, rule: string) => void;

export const refuseJournalProblem =
  (file: string): JournalProblemHandler =>
  (where, rule) => {
    throw new DataFileError(file, `${where} ${rule}`);
  };

/** Each line of the file, as it is read in chunks (a journal may be longer than one string can be), and what follows the last newline. */
async function forEachLine(chunks: AsyncIterable<Buffer>, onLine: (line: string, index: number) => void): Promise<string> {
  let carry: Buffer[] = [];
  let index = 0;
  for await (const chunk of chunks) {
    let start = 0;
    for (let newline = chunk.indexOf(0x0a); newline >= 0; newline = chunk.indexOf(0x0a, start)) {
      const piece = chunk.subarray(start, newline);
      onLine((carry.length === 0 ? piece : Buffer.concat([...carry, piece])).toString('utf8'), index++);
      carry = [];
      start = newline + 1;
    }
    if (start < chunk.length) carry.push(chunk.subarray(start));
  }
  return Buffer.concat(carry).toString('utf8');
}

export async function readJournal(file: string, files: DataFiles = nodeDataFiles, onProblem: JournalProblemHandler = refuseJournalProblem(file)): Promise<JournalContents> {
  if (!files.exists(file)) return { exists: false, entries: [], tornTail: false, firstSeq: undefined, lastSeq: undefined };
  const entries: JournalEntry[] = [];
  let batch: { tx: number; entries: JournalEntry[]; where: string } | undefined;
  let firstSeq: number | undefined;
  let lastSeq: number | undefined;
  const dropBatch = (rule: string) => {
    if (!batch) return;
    onProblem(batch.where, `starts batch ${batch.tx}, which ${rule}: its ${batch.entries.length} change(s) are dropped`);
    batch = undefined;
  };
  const onLine = (line: string, index: number) => {
    const parsed = parseLine(line);
    const where = `journal line ${index + 1}`;
    if (!parsed) {
      onProblem(where, 'is not a valid change (only a torn last line is recovered)');
      return;
    }
    const seq = parsed.kind === 'commit' ? parsed.seq : parsed.entry.seq;
    if (lastSeq !== undefined && seq <= lastSeq) {
      onProblem(where, `is out of order (seq ${seq} after ${lastSeq}): it repeats a change or comes from another writer`);
      return;
    }
    if (lastSeq !== undefined && seq > lastSeq + 1) onProblem(where, `leaves a gap: changes ${lastSeq + 1} to ${seq - 1} are missing`);
    firstSeq ??= seq;
    lastSeq = seq;
    if (parsed.kind === 'commit') {
      if (batch?.tx !== parsed.tx) {
        onProblem(where, `commits batch ${parsed.tx}, which it does not follow`);
        return;
      }
      for (const entry of batch.entries) entries.push(entry);
      batch = undefined;
    } else if (parsed.tx === undefined) {
      if (batch) dropBatch(`has no commit (${where} interrupts it)`);
      entries.push(parsed.entry);
    } else {
      if (batch && batch.tx !== parsed.tx) dropBatch(`has no commit (${where} starts batch ${parsed.tx} inside it)`);
      if (!batch) {
        if (parsed.tx !== seq) {
          onProblem(where, `continues batch ${parsed.tx}, whose start is missing`);
          return;
        }
        batch = { tx: parsed.tx, entries: [], where };
      }
      batch.entries.push(parsed.entry);
    }
  };
  let last: string;
  try {
    last = await forEachLine(files.readChunks(file), onLine);
  } catch (error) {
    if (error instanceof DataFileError) throw error;
    throw new DataFileError(file, (error as Error).message);
  }
  return { exists: true, entries, tornTail: last !== '' || batch !== undefined, firstSeq, lastSeq };
}
