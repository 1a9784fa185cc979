// What is on disk for a data file right now (snapshot plus journals), read without writing anything,
// so a test can check that an acknowledged change is durable while the mock keeps running.
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { readJournal } from '../../src/store/journal.js';
import { isClear } from '../../src/store/persistence.js';
import { readSnapshot } from '../../src/store/snapshot-file.js';
import type { RecordFields } from '../../src/store/stored-record.js';

export type DurableState = Record<string, Record<string, Record<string, RecordFields>>>;

export async function durableState(dataFile: string): Promise<DurableState> {
  const snapshot = await readSnapshot(dataFile);
  const state: DurableState = structuredClone(snapshot?.environments ?? {});
  const seq = snapshot?.seq ?? 0;
  for (const journal of [`${dataFile}.journal.1`, `${dataFile}.journal`]) {
    for (const entry of (await readJournal(journal)).entries) {
      if (entry.seq <= seq) continue;
      if (isClear(entry)) {
        state[entry.environment] = {};
        continue;
      }
      const records = ((state[entry.environment] ??= {})[entry.collection] ??= {});
      if (entry.record) records[entry.id] = entry.record.fields();
      else delete records[entry.id];
    }
  }
  return state;
}

/** Every file that belongs to the data file, with its bytes: for "nothing changed on disk" checks. */
export async function dataFiles(dataFile: string): Promise<Record<string, string>> {
  const dir = dirname(dataFile);
  // The lock is a directory (see data-file-lock.ts); its owner record is a file, and stays as it is.
  const names = (await readdir(dir, { withFileTypes: true })).filter((entry) => entry.isFile() && entry.name.includes(basename(dataFile))).map((entry) => entry.name).sort();
  const contents = await Promise.all(names.map(async (name): Promise<[string, string]> => [name, await readFile(join(dir, name), 'utf8')]));
  return Object.fromEntries(contents);
}
