// The data file: a readable JSON snapshot of every record, the format lowdb reads (`new Low(new JSONFile(path))`).
// Reading parses it in chunks, record by record (see read-json-file.ts), so that its size is not bounded by the
// longest string a process can make; what it parses is what lowdb's JSONFile reads. Writing streams one record per line into a temporary file,
// yielding to the event loop between chunks so that requests are never held up by a large snapshot, then
// renames it over the data file: a crash of the process leaves either the old or the new snapshot. The data
// reaches the disk before the rename only with `--fsync` (see docs/reliability.md): by default the promise is
// survival of the process being killed, not of the machine losing power.
import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { readJsonFile } from '../json/read-json-file.js';
import { DataFileError } from './data-file-error.js';
import { type DataFiles, nodeDataFiles } from './data-files.js';
import type { CapturedCollection } from './persistence.js';
import { snapshotProblem } from './snapshot-shape.js';
import { type Snapshot, snapshotFormat } from './store.js';
import type { StoredRecord } from './stored-record.js';

/** Each record sits inside four containers: the file's object, `environments`, its environment, its collection. */
export const snapshotRecordDepth = 4;

/** The snapshot in the file, or undefined when there is no file. Throws DataFileError when it cannot be used. */
export async function readSnapshot(file: string): Promise<Snapshot | undefined> {
  const exists = await stat(file).then(
    () => true,
    () => false,
  );
  if (!exists) return undefined;
  let parsed: unknown;
  try {
    parsed = await readJsonFile(file, { depth: snapshotRecordDepth });
  } catch (error) {
    throw new DataFileError(file, (error as Error).message);
  }
  const problem = snapshotProblem(parsed);
  if (problem) throw new DataFileError(file, problem);
  return parsed as Snapshot;
}

const recordsPerChunk = 500;

/**
 * The text of a snapshot, in pieces of at most a few hundred records: as of journal sequence number `seq` for the
 * data file, without one for an export. The same records always give the same bytes.
 */
export function* snapshotText(seq: number | undefined, collections: CapturedCollection[]): Generator<string> {
  yield `{\n  "format": ${JSON.stringify(snapshotFormat)},${seq === undefined ? '' : `\n  "seq": ${seq},`}\n  "environments": {`;
  const environments = [...new Set(collections.map((c) => c.environment))];
  for (const [e, environment] of environments.entries()) {
    yield `${e > 0 ? ',' : ''}\n    ${JSON.stringify(environment)}: {`;
    const ofEnvironment = collections.filter((c) => c.environment === environment);
    for (const [c, { collection, entries }] of ofEnvironment.entries()) {
      yield `${c > 0 ? ',' : ''}\n      ${JSON.stringify(collection)}: {`;
      for (let start = 0; start < entries.length; start += recordsPerChunk) {
        let chunk = '';
        for (let i = start; i < Math.min(start + recordsPerChunk, entries.length); i++) {
          const [id, record] = entries[i] as [string, StoredRecord];
          chunk += `${i > 0 ? ',' : ''}\n        ${JSON.stringify(id)}: ${record.json}`;
        }
        yield chunk;
      }
      yield entries.length > 0 ? '\n      }' : '}';
    }
    yield '\n    }';
  }
  yield '\n  }\n}\n';
}

/**
 * Writes a snapshot of the captured collections, as of journal sequence number `seq`. Returns its size in bytes.
 * With `sync`, the file's data reaches the disk before it is renamed over the data file (and the rename itself
 * is made durable by the caller's directory sync).
 */
export async function writeSnapshot(file: string, seq: number, collections: CapturedCollection[], files: DataFiles = nodeDataFiles, sync = false): Promise<number> {
  const temporary = join(dirname(file), `.${basename(file)}.tmp`);
  const handle = await files.create(temporary);
  let bytes = 0;
  try {
    for (const text of snapshotText(seq, collections)) {
      await handle.write(text);
      bytes += Buffer.byteLength(text);
      await yieldToEventLoop();
    }
    if (sync) await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await files.rm(temporary).catch(() => undefined);
    throw error;
  }
  await handle.close();
  await files.rename(temporary, file);
  return bytes;
}
