// Reading a JSON file of any size. A data file, a fixture file or an exported snapshot may hold millions of
// records: more text than one string can be (V8 caps a string at about 512 MiB), and more than is worth holding
// twice. The file is read in chunks of bytes, and every value nested `depth` containers deep (a record: the
// value of an id in a snapshot, an element of a collection's list in a fixture file) is cut out and parsed on
// its own. What is left, the skeleton (format, seq, environments and collections, with each record's index in
// its place), is small; it is parsed too, and the records are put back in their places. Every parse is
// JSON.parse's, so the grammar is checked as strictly as JSON.parse checks a whole file: the scanner only has
// to know where strings, containers and values start and end. Bytes are read as UTF-8 (an invalid sequence
// becomes U+FFFD, as `readFile(file, 'utf8')` makes it).
//
// A file that is not JSON is described by where it breaks: the line and column, when the file is small enough
// to be read whole for the description; else the byte offset of the record that breaks.
import { open, readFile } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { jsonSyntaxProblem } from './json-syntax.js';

/** The file is not JSON: the message says where and why (without the file's name). */
export class JsonFileError extends Error {
  override name = 'JsonFileError';
}

export interface ReadJsonOptions {
  /** How deep the records sit: the number of containers around each (4 for snapshots and fixture files). */
  depth: number;
  /** Bytes read at a time (a test makes records straddle chunks). */
  chunkBytes?: number;
  /** A file up to this size is read whole to describe a syntax error by line and column. */
  describableBytes?: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;

const isSpace = (byte: number) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
/** A byte that cannot start a value: the scanner leaves it in the skeleton, whose parse then says what is wrong. */
const cannotStartValue = (byte: number) => isSpace(byte) || byte === CLOSE_BRACE || byte === CLOSE_BRACKET || byte === COMMA || byte === COLON;

type RecordKind = 'container' | 'string' | 'scalar';

/** Splits a JSON text, fed in chunks of bytes, into its skeleton and its records (each parsed). */
class RecordSplitter {
  private skeleton = '';
  private readonly decoder = new StringDecoder('utf8');
  readonly records: unknown[] = [];
  /** The open containers of the skeleton, by their opening byte. */
  private readonly stack: number[] = [];
  private inString = false;
  private escaped = false;
  /** In the container holding records, a value comes next (after `:` in an object, after `[` or `,` in a list). */
  private valueNext: boolean;
  /** The record being read: its kind, its bytes from earlier chunks, where it starts in the file, and its own scanner state. */
  private record: { kind: RecordKind; pieces: Buffer[]; offset: number; depth: number; inString: boolean; escaped: boolean } | undefined;
  private fileOffset = 0;

  constructor(private readonly depth: number) {
    this.valueNext = depth === 0;
  }

  write(chunk: Buffer): void {
    const n = chunk.length;
    let i = 0;
    let skeletonFrom = 0;
    let recordFrom = 0;
    while (i < n) {
      const record = this.record;
      if (record) {
        const end = this.scanRecord(record, chunk, i);
        if (end < 0) {
          record.pieces.push(chunk.subarray(recordFrom));
          break;
        }
        this.finishRecord(record, chunk.subarray(recordFrom, end));
        i = end;
        skeletonFrom = end;
        continue;
      }
      const byte = chunk[i] as number;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (byte === BACKSLASH) this.escaped = true;
        else if (byte === QUOTE) this.inString = false;
        i++;
        continue;
      }
      if (this.valueNext && this.stack.length === this.depth && !cannotStartValue(byte)) {
        this.skeleton += this.decoder.write(chunk.subarray(skeletonFrom, i)) + String(this.records.length);
        this.valueNext = false;
        const kind: RecordKind = byte === OPEN_BRACE || byte === OPEN_BRACKET ? 'container' : byte === QUOTE ? 'string' : 'scalar';
        // The record's first byte is scanned by scanRecord: a container's opening counts, a string's quote opens it.
        this.record = { kind, pieces: [], offset: this.fileOffset + i, depth: 0, inString: false, escaped: false };
        recordFrom = i;
        continue;
      }
      if (byte === QUOTE) this.inString = true;
      else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        this.stack.push(byte);
        this.valueNext = byte === OPEN_BRACKET && this.stack.length === this.depth;
      } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        this.stack.pop();
        this.valueNext = false;
      } else if (this.stack.length === this.depth) {
        if (byte === COLON) this.valueNext = this.stack[this.depth - 1] === OPEN_BRACE;
        else if (byte === COMMA) this.valueNext = this.stack[this.depth - 1] === OPEN_BRACKET;
      }
      i++;
    }
    if (!this.record) this.skeleton += this.decoder.write(chunk.subarray(skeletonFrom));
    this.fileOffset += n;
  }

  /** Scans a record from `i`: the index just past its end, or -1 when it goes on past this chunk. */
  private scanRecord(record: NonNullable<RecordSplitter['record']>, chunk: Buffer, from: number): number {
    const n = chunk.length;
    let { depth, inString, escaped } = record;
    let i = from;
    while (i < n) {
      if (inString) {
        // Most of a record is text: jump from quote to quote (Buffer.indexOf), and count the backslashes before
        // each to tell an escaped quote from the closing one. `escaped` carries a backslash that ended the last chunk.
        const quote = chunk.indexOf(QUOTE, i);
        const end = quote < 0 ? n : quote;
        let backslashes = 0;
        while (end - backslashes - 1 >= i && chunk[end - backslashes - 1] === BACKSLASH) backslashes++;
        if (end - backslashes === i && escaped) backslashes++;
        escaped = false;
        if (quote < 0) {
          escaped = backslashes % 2 === 1;
          break;
        }
        i = quote + 1;
        if (backslashes % 2 === 1) continue; // an escaped quote: the string goes on
        inString = false;
        if (depth === 0) return i; // a string record ends with its closing quote
        continue;
      }
      const byte = chunk[i] as number;
      if (record.kind === 'scalar') {
        if (cannotStartValue(byte)) return i;
      } else if (byte === QUOTE) inString = true;
      else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
      else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    Object.assign(record, { depth, inString, escaped });
    return -1;
  }

  private finishRecord(record: NonNullable<RecordSplitter['record']>, last: Buffer): void {
    const bytes = record.pieces.length === 0 ? last : Buffer.concat([...record.pieces, last]);
    this.record = undefined;
    const text = bytes.toString('utf8');
    try {
      this.records.push(JSON.parse(text));
    } catch (error) {
      throw new JsonFileError(`the value starting at byte ${record.offset} is not valid JSON: ${jsonSyntaxProblem(text) ?? (error as Error).message}`);
    }
  }

  /** The whole value, records in their places. */
  end(): unknown {
    if (this.record?.kind === 'scalar') this.finishRecord(this.record, Buffer.alloc(0));
    if (this.record) throw new JsonFileError(`the file ends inside the value starting at byte ${this.record.offset}`);
    this.skeleton += this.decoder.end();
    let parsed: unknown;
    try {
      parsed = JSON.parse(this.skeleton);
    } catch (error) {
      throw new JsonFileError(`it is not valid JSON: ${(error as Error).message}`);
    }
    return this.restore(parsed, 0);
  }

  private restore(value: unknown, level: number): unknown {
    if (level === this.depth) return this.records[value as number];
    if (typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = this.restore(value[i], level + 1);
    } else {
      const object = value as Record<string, unknown>;
      for (const key of Object.keys(object)) object[key] = this.restore(object[key], level + 1);
    }
    return value;
  }
}

/**
 * The parsed content of a JSON file, read in chunks so that its size is not bounded by the longest string.
 * Throws JsonFileError when it is not JSON (the message says where), and the file system's error otherwise.
 */
export async function readJsonFile(file: string, options: ReadJsonOptions): Promise<unknown> {
  const handle = await open(file, 'r');
  const splitter = new RecordSplitter(options.depth);
  const chunkBytes = options.chunkBytes ?? 16 * 2 ** 20;
  let size = 0;
  try {
    size = (await handle.stat()).size;
    for (;;) {
      const chunk = Buffer.allocUnsafe(chunkBytes);
      const { bytesRead } = await handle.read(chunk, 0, chunkBytes, null);
      if (bytesRead === 0) break;
      splitter.write(chunk.subarray(0, bytesRead));
    }
    return splitter.end();
  } catch (error) {
    if (!(error instanceof JsonFileError)) throw error;
    // Small enough to read whole: say where it breaks by line and column.
    if (size <= (options.describableBytes ?? 64 * 2 ** 20)) {
      const text = await readFile(file, 'utf8').catch(() => '');
      const problem = text.trim() === '' ? 'it is empty' : jsonSyntaxProblem(text);
      if (problem !== undefined) throw new JsonFileError(problem.startsWith('it is') ? problem : `it is not valid JSON: ${problem}`);
    }
    throw error;
  } finally {
    await handle.close();
  }
}
