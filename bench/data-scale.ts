// A large data set, end to end: generate it with the fixture generator, seed it through a running mock (as QA
// does), export and import it through the mock, then start a mock on the data file and (for the scale rows)
// measure its reads and writes against the ceiling. Each step's time and peak memory; a step that cannot be done
// (a file too large to read, a heap too small) says why, and the steps that need it are left out.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { customerId as generatedCustomerId } from '../src/fixtures/generate-fixtures.js';
import { readRss } from './memory.js';
import type { Rounds } from './rounds.js';
import { scenarios } from './scenarios.js';
import { mockKind, repoRoot, type Server, startServer } from './servers.js';
import { runTimed } from './timed-command.js';
import { sizeLabel } from './workspace.js';

export interface DataStep {
  step: string;
  ok: boolean;
  wallSec: number;
  /** Peak RSS of the command (MB), where measured. */
  peakRssMB?: number;
  /** The mock's peak RSS (VmHWM, MB) after the step, for a step done through it. */
  mockPeakMB?: number;
  note?: string;
}

export interface DataSetResult {
  customers: number;
  installationsPerCustomer: number;
  /** The node heap cap the mocks ran with (MiB). */
  heapMiB: number;
  fixtureMB?: number;
  dataFileMB?: number;
  steps: DataStep[];
}

const mb = (bytes: number) => bytes / 1e6;
const node = process.execPath;

/** Heap cap for a mock that is to hold `customers` with their installations: the --max-old-space-size it needs. */
export function heapFor(customers: number, installationsPerCustomer: number): number {
  const records = customers * (1 + installationsPerCustomer);
  return Math.max(1024, Math.ceil((records * 3_000) / 2 ** 20 / 512) * 512);
}

export async function measureDataSet(
  rounds: Rounds,
  customers: number,
  installationsPerCustomer: number,
  options: { exportImport: boolean; measureLoad: boolean; throughMock: boolean },
  log: (line: string) => void,
): Promise<DataSetResult> {
  const label = `${sizeLabel(customers)} customers × ${installationsPerCustomer}`;
  const heapMiB = heapFor(customers, installationsPerCustomer);
  const result: DataSetResult = { customers, installationsPerCustomer, heapMiB, steps: [] };
  const dir = rounds.workspace.dir;
  const fixtures = join(dir, `fixtures-${customers}-${installationsPerCustomer}.json`);
  const dataFile = join(dir, `data-${customers}-${installationsPerCustomer}`, 'cubit-mock.json');
  const record = (step: DataStep) => {
    result.steps.push(step);
    log(`data ${label}: ${step.step}: ${step.ok ? `${step.wallSec.toFixed(1)} s` : `FAILED (${step.note ?? ''})`}${step.peakRssMB ? `, peak ${step.peakRssMB.toFixed(0)} MB` : ''}${step.mockPeakMB ? `, mock peak ${step.mockPeakMB.toFixed(0)} MB` : ''}`);
    return step.ok;
  };
  const data = (args: string[]) => runTimed(node, ['bin/cubit-core-mock.js', ...args, '--data', dataFile], repoRoot);

  log(`data ${label}: generating the fixtures`);
  const generated = await runTimed(node, ['--import', 'tsx', 'scripts/generate-fixtures.ts', '--customers', String(customers), '--installations-per-customer', String(installationsPerCustomer), '--seed', '42', '--out', fixtures], repoRoot);
  if (!record({ step: 'generate the fixture file', ok: generated.ok, wallSec: generated.wallSec, peakRssMB: generated.peakRssMB, note: generated.tail })) return result;
  result.fixtureMB = mb((await stat(fixtures)).size);

  if (options.throughMock) {
    // Seeded through a running mock (the command finds it from the data file's lock), as the README shows.
    const mock = await startServer(mockKind(`mock, seeding ${label}`, dataFile, 'default', [`--max-old-space-size=${heapMiB}`]));
    try {
      const seeded = await data(['seed', '--file', fixtures, '--environment', 'test']);
      const ok = record({ step: 'seed it through the mock', ok: seeded.ok, wallSec: seeded.wallSec, peakRssMB: seeded.peakRssMB, mockPeakMB: mb((await readRss(mock.pid)).peakMiB * 2 ** 20), note: seeded.tail });
      if (!ok) return result;
      if (options.exportImport) {
        const snapshot = join(dir, `snapshot-${customers}-${installationsPerCustomer}.json`);
        const exported = await data(['export', '--out', snapshot]);
        record({ step: 'export it through the mock', ok: exported.ok, wallSec: exported.wallSec, peakRssMB: exported.peakRssMB, mockPeakMB: mb((await readRss(mock.pid)).peakMiB * 2 ** 20), note: exported.tail });
        if (exported.ok) {
          const imported = await data(['import', snapshot]);
          record({ step: 'import the export through the mock', ok: imported.ok, wallSec: imported.wallSec, peakRssMB: imported.peakRssMB, mockPeakMB: mb((await readRss(mock.pid)).peakMiB * 2 ** 20), note: imported.tail });
        }
      }
    } finally {
      await mock.stop();
    }
  } else {
    // Into the data file, no mock running (a set larger than the admin API takes in one body), with the heap it needs.
    const seeded = await runTimed(node, [`--max-old-space-size=${heapMiB}`, 'bin/cubit-core-mock.js', 'seed', '--file', fixtures, '--environment', 'test', '--data', dataFile], repoRoot);
    if (!record({ step: 'seed it into the data file (no mock running)', ok: seeded.ok, wallSec: seeded.wallSec, peakRssMB: seeded.peakRssMB, note: seeded.tail })) return result;
  }
  result.dataFileMB = mb((await stat(dataFile)).size);

  // A start on the data file: the load time, and what it holds in memory.
  let server: Server;
  try {
    // A million records take minutes to load: the start is given half an hour.
    server = await startServer({ ...mockKind(`mock on ${label}`, dataFile, 'default', [`--max-old-space-size=${heapMiB}`]), startTimeoutMs: 30 * 60_000 });
  } catch (error) {
    record({ step: 'start the mock on the data file', ok: false, wallSec: 0, note: (error as Error).message.split('\n').slice(0, 3).join(' ') });
    return result;
  }
  try {
    const rss = await readRss(server.pid);
    record({ step: 'start the mock on the data file (to the first answer)', ok: true, wallSec: server.startupMs / 1000, mockPeakMB: mb(rss.peakMiB * 2 ** 20), note: `RSS ${mb(rss.rssMiB * 2 ** 20).toFixed(0)} MB once loaded` });
    if (options.measureLoad) {
      // The generator's ids: CUST-00001 and on, as wide as the count needs (at least 5 digits).
      const target = { ...rounds.target(server, customers), customerIdOf: (index: number) => generatedCustomerId(index + 1, customers) };
      for (const id of ['getCustomer', 'listCustomers', 'upsertUpdate'] as const) {
        await rounds.measure(`${id}@${customers}/scale`, scenarios[id], 'mock', server, target, customers, 'default');
      }
    }
  } finally {
    await server.stop();
  }
  return result;
}
