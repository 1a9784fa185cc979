// Runs the contract suite (`vitest run --project contract`) in a child process against a given base URL, with its
// reports in a temporary directory, and returns what it printed and wrote. A run the preflight stopped writes no
// report: `missingReports` lists the files it did not write, and reading one of them throws.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');

export interface ContractRun {
  exitCode: number | null;
  output: string;
  /** The report files the run did not write. */
  missingReports: string[];
  junit: string;
  coverage: { totals: Record<string, number>; pairs: { operationId: string; status: number; state: string; reason?: string }[]; leftOut: { test: string; reason: string }[] };
  violations: { test: string; operationId?: string; status: number; violations: string[]; request: string }[];
  summary: string;
}

export async function runContractSuite(reportDir: string, env: Record<string, string>): Promise<ContractRun> {
  // The child must not think it is a worker of the vitest that runs this test.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && !name.startsWith('CONTRACT_') && name !== 'TEST'));
  const junitFile = join(reportDir, 'junit.xml');
  const child = spawn(process.execPath, [vitest, 'run', '--project', 'contract', '--reporter=default', '--reporter=junit', `--outputFile.junit=${junitFile}`], {
    cwd: root,
    env: { ...inherited, NO_COLOR: '1', CONTRACT_REPORT_DIR: reportDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const read = (name: string) => readIfWritten(join(reportDir, name));
  const parse = (text: string | undefined): unknown => (text === undefined ? undefined : JSON.parse(text));
  const reports = { 'junit.xml': await read('junit.xml'), 'coverage.json': parse(await read('coverage.json')), 'violations.json': parse(await read('violations.json')), 'summary.txt': await read('summary.txt') };
  const written = <T>(name: keyof typeof reports): T => {
    if (reports[name] === undefined) throw new Error(`The contract run wrote no ${name}; it printed:\n${output.slice(-3000)}`);
    return reports[name] as T;
  };
  return {
    exitCode,
    output,
    missingReports: Object.keys(reports).filter((name) => reports[name as keyof typeof reports] === undefined),
    get junit() {
      return written<string>('junit.xml');
    },
    get coverage() {
      return written<ContractRun['coverage']>('coverage.json');
    },
    get violations() {
      return written<ContractRun['violations']>('violations.json');
    },
    get summary() {
      return written<string>('summary.txt');
    },
  };
}

/** A report's text; undefined when the run did not write it. */
async function readIfWritten(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
