// What the test workers observe, appended as JSON lines to files in the run directory, which the global
// teardown reads to compute coverage, clean up and report. One file per worker process; appends survive a
// test or a worker that fails half-way.
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type RunRecord =
  /** A response that met the contract, to the status the test expected. */
  | { type: 'hit'; operationId: string; status: number; test: string }
  /** A test the suite generated (whether it then ran or was left out). */
  | { type: 'test'; test: string }
  /** A test the run left out, and the (operation, status) pairs it would have exercised. */
  | { type: 'left-out'; test: string; reason: string; pairs: { operationId: string; status: number }[] }
  /** An exchange that broke the contract; its violations and request text are already redacted. */
  | { type: 'violation'; test: string; operationId: string | undefined; expected: number[]; status: number; violations: string[]; request: string }
  /** A resource the target answered a create with (expected or not): the teardown deletes it. */
  | { type: 'created'; resource: string; id: string };

export function appendRecord(runDir: string, record: RunRecord): void {
  appendFileSync(join(runDir, `records-${process.pid}.jsonl`), `${JSON.stringify(record)}\n`);
}

export function readRecords(runDir: string): RunRecord[] {
  const records: RunRecord[] = [];
  for (const file of readdirSync(runDir).filter((name) => name.endsWith('.jsonl')).sort()) {
    for (const line of readFileSync(join(runDir, file), 'utf8').split('\n')) if (line.trim()) records.push(JSON.parse(line) as RunRecord);
  }
  return records;
}
