// A fresh temporary directory for one benchmark run: seed files generated once per size, and a fresh copy of
// one for every server start (the mock writes to its data file; no run sees another's writes).
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSeedFile } from './seed.js';

export interface Workspace {
  dir: string;
  /** A data file holding `size` customers, in a directory of its own that nothing else uses. */
  freshDataFile(size: number): Promise<string>;
  remove(): Promise<void>;
}

export async function createWorkspace(): Promise<Workspace> {
  const dir = await mkdtemp(join(tmpdir(), 'cubit-mock-bench-'));
  const seeds = new Map<number, Promise<string>>();
  let copies = 0;
  const seed = (size: number) => {
    let file = seeds.get(size);
    if (!file) {
      const path = join(dir, `seed-${size}.json`);
      file = writeSeedFile(path, size).then(() => path);
      seeds.set(size, file);
    }
    return file;
  };
  return {
    dir,
    async freshDataFile(size) {
      const source = await seed(size);
      const runDir = join(dir, `run-${++copies}`);
      await mkdir(runDir);
      const file = join(runDir, 'cubit-mock.json');
      await copyFile(source, file);
      return file;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** 1000 → "1k", 100000 → "100k", 0 → "empty". */
export function sizeLabel(size: number): string {
  if (size === 0) return 'empty';
  if (size >= 1_000_000 && size % 1_000_000 === 0) return `${size / 1_000_000}M`;
  if (size >= 1_000 && size % 1_000 === 0) return `${size / 1_000}k`;
  return String(size);
}
