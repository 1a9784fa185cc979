// One mock per data file: a lock file next to it holds the owner's process id. A lock left by a process
// that no longer runs (killed with -9, say) is taken over; a live owner stops start-up with a clear message.
import { open, readFile, rm, writeFile } from 'node:fs/promises';
import { DataFileError } from './data-file-error.js';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function lockDataFile(dataFile: string): Promise<() => Promise<void>> {
  const lockFile = `${dataFile}.lock`;
  try {
    const handle = await open(lockFile, 'wx');
    await handle.writeFile(String(process.pid));
    await handle.close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new DataFileError(dataFile, `cannot create ${lockFile}: ${(error as Error).message}`);
    const owner = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isRunning(owner)) {
      throw new DataFileError(dataFile, `it is in use by another mock (process ${owner}); run one mock per data file`);
    }
    await writeFile(lockFile, String(process.pid));
  }
  return () => rm(lockFile, { force: true });
}
