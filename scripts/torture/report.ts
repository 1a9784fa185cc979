// The run's outcome: a table for the terminal (Markdown, so that it can be pasted as it is) and a JSON report
// under reports/torture/.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { currentLoadAverage, type MachineInfo } from '../../bench/machine.js';
import type { TortureOptions } from './options.js';
import type { Outcome } from './scenario.js';

export interface ScenarioReport extends Outcome {
  name: string;
  seconds: number;
}

export interface TortureReport {
  startedAt: string;
  command: string;
  options: TortureOptions;
  machine: MachineInfo;
  seconds: number;
  pass: boolean;
  scenarios: ScenarioReport[];
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderTable(scenarios: ScenarioReport[]): string {
  const rows = [
    ['scenario', 'what was done', 'result', 'verdict'],
    ['---', '---', '---', '---'],
    ...scenarios.map((s) => [s.name, s.done, s.result, s.pass ? 'PASS' : 'FAIL']),
  ];
  return rows.map((row) => `| ${row.map(cell).join(' | ')} |`).join('\n');
}

export function renderFailures(scenarios: ScenarioReport[]): string {
  const failed = scenarios.filter((s) => s.failures.length > 0);
  return failed.map((s) => [`${s.name}:`, ...s.failures.slice(0, 20).map((f) => `  - ${f}`), ...(s.failures.length > 20 ? [`  … and ${s.failures.length - 20} more`] : [])].join('\n')).join('\n');
}

/** Writes the report as reports/torture/torture-<time>.json and latest.json; returns the first's path, relative. */
export async function writeReport(repoRoot: string, report: TortureReport): Promise<string> {
  const dir = join(repoRoot, 'reports/torture');
  await mkdir(dir, { recursive: true });
  const name = `torture-${report.startedAt.replace(/[:.]/g, '-')}.json`;
  const text = `${JSON.stringify({ ...report, machine: { ...report.machine, loadAverage: { ...report.machine.loadAverage, end: currentLoadAverage() } } }, null, 2)}\n`;
  await writeFile(join(dir, name), text);
  await writeFile(join(dir, 'latest.json'), text);
  return `reports/torture/${name}`;
}
