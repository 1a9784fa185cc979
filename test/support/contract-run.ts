// Runs the contract suite (`vitest run --project contract`) in a child process against a given base URL, with its
// reports in a temporary directory, and returns what it printed and wrote.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');

export interface ContractRun {
  exitCode: number | null;
  output: string;
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
  const read = async (name: string) => readFile(join(reportDir, name), 'utf8');
  return {
    exitCode,
    output,
    junit: await read('junit.xml'),
    coverage: JSON.parse(await read('coverage.json')) as ContractRun['coverage'],
    violations: JSON.parse(await read('violations.json')) as ContractRun['violations'],
    summary: await read('summary.txt'),
  };
}
