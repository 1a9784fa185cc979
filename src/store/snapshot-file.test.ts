// The data file keeps lowdb's format: what the mock writes, lowdb's own JSONFile adapter reads, and the mock's
// record-by-record reader reads the same value from it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSONFile } from 'lowdb/node';
import { afterAll, describe, expect, it } from 'vitest';
import { readSnapshot, writeSnapshot } from './snapshot-file.js';
import { StoredRecord } from './stored-record.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('the data file', () => {
  it('is read by lowdb as the mock reads it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'snapshot-file-'));
    dirs.push(dir);
    const file = join(dir, 'cubit-mock.json');
    const customers: [string, StoredRecord][] = Array.from({ length: 1200 }, (_, i) => {
      const id = `CUST-${String(i).padStart(5, '0')}`;
      return [id, StoredRecord.of({ customerId: id, name: `Åse Øvrebø ${i} "quoted" \\ {}`, tags: ['a', { b: [i] }], note: '😀' })];
    });
    await writeSnapshot(file, 42, [
      { environment: 'test', collection: 'customers', entries: customers },
      { environment: 'test', collection: 'installations', entries: [] },
      { environment: 'prod', collection: 'customers', entries: [['__proto__', StoredRecord.of({ customerId: '__proto__' })]] },
    ]);
    const byLowdb = await new JSONFile<unknown>(file).read();
    const byMock = await readSnapshot(file);
    expect(byMock).toEqual(byLowdb);
    expect(byMock?.seq).toBe(42);
    expect(Object.keys(byMock?.environments.test?.customers ?? {})).toHaveLength(1200);
    expect(byMock?.environments.test?.customers?.['CUST-00007']).toEqual(customers[7]?.[1].fields());
    expect(Object.keys(byMock?.environments.prod?.customers ?? {})).toEqual(['__proto__']);
  });
});
