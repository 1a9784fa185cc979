// Where a data command works: through the running mock's admin API when a mock holds the data file (the lock
// names its admin address), or on the data file itself when none runs. Never both: there is one writer per
// file. An explicit --url always goes through that mock.
import { lockOwner } from '../store/data-file-lock.js';

export type DataTarget = { kind: 'mock'; adminUrl: string; pid?: number } | { kind: 'file'; dataFile: string };

export class CliError extends Error {
  override name = 'CliError';
}

export async function findTarget(options: { url: string | undefined; dataFile: string }): Promise<DataTarget> {
  if (options.url !== undefined) return { kind: 'mock', adminUrl: `${options.url.replace(/\/+$/, '').replace(/\/__admin$/, '')}/__admin` };
  const owner = await lockOwner(options.dataFile);
  if (!owner) return { kind: 'file', dataFile: options.dataFile };
  if (owner.holder !== 'mock') throw new CliError(`The data file ${options.dataFile} is in use by the data command "${owner.holder}" (process ${owner.pid}); wait for it to finish.`);
  if (owner.admin === null) {
    throw new CliError(
      `A mock (process ${owner.pid}) holds the data file ${options.dataFile} and has no admin API (--no-admin, or it is still starting). ` +
        'Stop it and run the command again to work on the file, or restart it without --no-admin.',
    );
  }
  return { kind: 'mock', adminUrl: owner.admin, pid: owner.pid };
}
