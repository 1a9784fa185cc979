// What the figures were measured on: CPU, cores, memory, Node, load generator, and the code's commit.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, release, totalmem } from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  autocannon: string;
  prismCli: string | undefined;
  commit: string | undefined;
  /** Whether the working tree had uncommitted changes. */
  dirty: boolean | undefined;
  /** 1-minute load average when the run started and when it ended: other work on the machine skews figures. */
  loadAverage: { start: number; end?: number };
}

function packageVersion(name: string): string | undefined {
  try {
    const manifest = createRequire(import.meta.url).resolve(`${name}/package.json`);
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
  } catch {
    return undefined;
  }
}

function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

export function machineInfo(repoRoot: string): MachineInfo {
  const status = git(repoRoot, ['status', '--porcelain']);
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${process.platform} ${release()}`,
    node: process.version,
    autocannon: packageVersion('autocannon') ?? 'unknown',
    prismCli: packageVersion('@stoplight/prism-cli'),
    commit: git(repoRoot, ['rev-parse', '--short', 'HEAD']),
    dirty: status === undefined ? undefined : status.length > 0,
    loadAverage: { start: currentLoadAverage() },
  };
}

export function currentLoadAverage(): number {
  return Math.round((loadavg()[0] ?? 0) * 100) / 100;
}
