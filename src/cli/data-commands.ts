// The data commands: seed, reset, export and import, each either on the data file (no mock runs) or through the
// running mock's admin API (one does). Both ways do the same work with the same checks: the offline way calls
// the DataActions the admin API calls.
import type { DataSummary, SeedMode } from '../data-actions/data-actions.js';
import { ApiError } from '../errors/api-error.js';
import { FixtureError, readFixtureFile } from '../fixtures/fixture-file.js';
import { readJsonFile } from '../json/read-json-file.js';
import { snapshotRecordDepth } from '../store/snapshot-file.js';
import { snapshotProblem } from '../store/snapshot-shape.js';
import type { Snapshot } from '../store/store.js';
import { AdminHttp, outputStream } from './admin-http.js';
import { CliError, type DataTarget } from './data-target.js';
import { openDataFile } from './offline-data.js';
import type { Progress } from './progress.js';

export interface CommandOptions {
  environment?: string;
  mode?: SeedMode;
  to?: 'empty' | 'default';
  file?: string;
  out?: string;
}

export interface CommandContext {
  target: DataTarget;
  adminKey: string;
  progress: Progress;
}

const query = (parameters: Record<string, string | undefined>) => {
  const defined = Object.entries(parameters).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return defined.length === 0 ? '' : `?${new URLSearchParams(defined).toString()}`;
};

/** An invalid-fixtures (or any) problem from the data actions, as the command line shows it. */
function asCliError(error: unknown, file: string | undefined): unknown {
  if (error instanceof FixtureError) return new CliError(error.message);
  if (!(error instanceof ApiError)) return error;
  const lines = (error.options.errors ?? []).map((e) => `  ${file ?? ''}${file ? ' ' : ''}${e.pointer}: ${e.message}`);
  return new CliError([error.detail, ...lines].join('\n'));
}

async function offline<T>(context: CommandContext & { target: { kind: 'file' } }, holder: string, file: string | undefined, work: (data: Awaited<ReturnType<typeof openDataFile>>) => Promise<T>): Promise<T> {
  context.progress.update(`opening ${context.target.dataFile}`);
  const data = await openDataFile(context.target.dataFile, holder);
  try {
    return await work(data);
  } catch (error) {
    throw asCliError(error, file);
  } finally {
    context.progress.update(`writing ${context.target.dataFile}`);
    await data.close();
  }
}

async function readSnapshotFile(file: string): Promise<Snapshot> {
  let parsed: unknown;
  try {
    parsed = await readJsonFile(file, { depth: snapshotRecordDepth });
  } catch (error) {
    throw new CliError(`${file}: ${(error as Error).message}`);
  }
  const problem = snapshotProblem(parsed);
  if (problem) throw new CliError(`${file} is not a snapshot: ${problem}`);
  return parsed as Snapshot;
}

export async function seed(context: CommandContext, options: CommandOptions): Promise<DataSummary> {
  const { target } = context;
  if (target.kind === 'mock') {
    const path = `/data/seed${query({ environment: options.environment, mode: options.mode })}`;
    return (await new AdminHttp(target.adminUrl, context.adminKey, context.progress).call({ method: 'POST', path, file: options.file })) as DataSummary;
  }
  return offline({ ...context, target }, 'seed', options.file, async ({ actions }) => {
    context.progress.update(`reading ${options.file ?? 'the default fixtures'}`);
    const fixtures = options.file === undefined ? await actions.defaultFixtures() : await readFixtureFile(options.file);
    context.progress.update('checking and storing the records');
    return actions.seed(fixtures, { environment: options.environment, mode: options.mode });
  });
}

export async function reset(context: CommandContext, options: CommandOptions): Promise<DataSummary> {
  const { target } = context;
  if (target.kind === 'mock') {
    const body = Object.fromEntries(Object.entries({ environment: options.environment, to: options.to }).filter(([, value]) => value !== undefined));
    return (await new AdminHttp(target.adminUrl, context.adminKey, context.progress).call({ method: 'POST', path: '/data/reset', json: body })) as DataSummary;
  }
  return offline({ ...context, target }, 'reset', undefined, ({ actions }) => actions.reset({ environment: options.environment, to: options.to }));
}

export async function exportSnapshot(context: CommandContext, options: CommandOptions): Promise<void> {
  const { target } = context;
  const out = outputStream(options.out);
  if (target.kind === 'mock') {
    await new AdminHttp(target.adminUrl, context.adminKey, context.progress).call({ method: 'GET', path: `/data/snapshot${query({ environment: options.environment })}`, out });
    return;
  }
  await offline({ ...context, target }, 'export', undefined, async ({ actions }) => {
    const finished = new Promise<void>((resolve, reject) => {
      out.on('error', reject);
      if (out === process.stdout) resolve();
      else out.on('finish', resolve);
    });
    for (const piece of actions.exportSnapshot(options.environment)) {
      if (!out.write(piece)) await new Promise((resolve) => out.once('drain', resolve));
    }
    if (out !== process.stdout) out.end();
    await finished;
  });
}

export async function importSnapshot(context: CommandContext, options: CommandOptions & { file: string }): Promise<DataSummary> {
  const { target } = context;
  if (target.kind === 'mock') {
    const path = `/data/snapshot${query({ environment: options.environment })}`;
    return (await new AdminHttp(target.adminUrl, context.adminKey, context.progress).call({ method: 'PUT', path, file: options.file })) as DataSummary;
  }
  return offline({ ...context, target }, 'import', options.file, async ({ actions }) => {
    context.progress.update(`reading ${options.file}`);
    const snapshot = await readSnapshotFile(options.file);
    context.progress.update('checking and storing the records');
    return actions.importSnapshot(snapshot, { environment: options.environment, file: options.file });
  });
}
