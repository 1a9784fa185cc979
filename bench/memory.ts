// Resident memory of a process, from /proc/<pid>/status (Linux), in MiB.
import { readFile } from 'node:fs/promises';

export interface Rss {
  /** VmRSS: resident now. */
  rssMiB: number;
  /** VmHWM: the peak resident size since the process started. */
  peakMiB: number;
}

export async function readRss(pid: number): Promise<Rss> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
    return Number(match[1]) / 1024;
  };
  return { rssMiB: kib('VmRSS'), peakMiB: kib('VmHWM') };
}
