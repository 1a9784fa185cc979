// Smoke test of `npm run bench -- --quick`, end to end: real processes, real load, a real report.
// It checks the report's structure, never a timing.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withTempDir } from '../test/support/temp-dir.js';
import type { BenchReport } from './report.js';
import { mockKind, nodeOptionsOf, repoRoot, startNodeOptions } from './servers.js';

let temp: Awaited<ReturnType<typeof withTempDir>>;
beforeEach(async () => {
  temp = await withTempDir();
});
afterEach(async () => {
  await temp.remove();
});

function runBench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // Not vitest's NODE_ENV=test: the bench and the servers it starts run as they do from a shell.
    const env = { ...process.env, NODE_ENV: undefined };
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run bench -- --quick', () => {
  it('measures every scenario against the ceiling, prints the table and writes the JSON report', async () => {
    const out = join(temp.dir, 'bench.json');
    const run = await runBench(['--quick', '--duration', '0.5', '--warmup', '0.2', '--startup-runs', '1', '--data-size', '0', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    for (const text of ['scenario', 'req/s', '×ceil', 'p99.9 ms', 'getCustomer', 'listCustomers', 'upsertCustomer, update', 'upsertCustomer, create', '1k, default', '1k, quiet', 'setAuditStatus', 'listRequests', 'countRequests', 'commit to delivery', 'Start-up', 'Targets']) {
      expect(run.stdout).toContain(text);
    }

    const report = JSON.parse(await readFile(out, 'utf8')) as BenchReport;
    expect(report.machine.cores).toBeGreaterThan(0);
    expect(report.machine.node).toBe(process.version);
    const mockKeys = ['getCustomer@1000', 'listCustomers@1000', 'upsertCreate@1000', 'upsertUpdate@1000'];
    expect(report.scenarios.map((s) => s.key).sort()).toEqual(['ceiling', 'ceilingPage', 'countRequests', 'listRequests', 'setAuditStatus', ...mockKeys, ...mockKeys.map((key) => `${key}/default`)].sort());
    expect(report.delivery.map((d) => d.subscription).sort()).toEqual(['archive', 'lantern']);
    for (const d of report.delivery) expect(d.delivered).toBe(d.messages);
    for (const s of report.scenarios) {
      expect(s.flags, s.key).toEqual([]);
      expect(s.responses, s.key).toBeGreaterThan(0);
      for (const value of [s.reqPerSec, s.p50Ms, s.p99Ms, s.p999Ms, s.maxMs, s.ratioToCeiling.reqPerSec, s.ratioToCeiling.maxMs]) expect(value, s.key).toBeGreaterThan(0);
      expect(s.maxMs).toBeGreaterThanOrEqual(s.p99Ms);
      expect(s.p99Ms).toBeGreaterThanOrEqual(s.p50Ms);
      expect(s.runs.length, s.key).toBe(s.key === 'ceiling' ? 2 : 1);
    }
    expect(report.scenarios.find((s) => s.key === 'ceiling')?.ratioToCeiling.reqPerSec).toBe(1);
    expect(report.startup.map((s) => s.name)).toEqual(['bare Fastify', 'mock, empty data file', 'cubit-core-mock start, empty data file', 'npm start, empty data file', 'bare Fastify, through npm run', 'mock, 1k customers']);
    for (const s of report.startup) expect(s.medianMs).toBeGreaterThan(0);
    expect(report.memory.map((m) => `${m.server}${m.size ?? ''}${m.config ?? ''}`).sort()).toEqual(['ceiling', 'mock1000default', 'mock1000quiet']);
    for (const m of report.memory) expect(m.afterScenariosMiB).toBeGreaterThan(0);
    expect(report.soak).toBeUndefined();
    expect(report.prism.status).toBe('skipped');
    expect(report.targets.length).toBeGreaterThan(0);
  }, 180_000);
});

describe('the mock as the bench starts it', () => {
  it('finds the node options of the start script', () => {
    expect(nodeOptionsOf('node scripts/build.mjs && node dist/server.js')).toEqual([]);
    expect(nodeOptionsOf('node scripts/build.mjs && node --max-old-space-size=1024 --no-warnings dist/server.js')).toEqual(['--max-old-space-size=1024', '--no-warnings']);
    expect(nodeOptionsOf('node --max-old-space-size=1024 bin/cubit-core-mock.js start')).toEqual(['--max-old-space-size=1024']);
    expect(() => nodeOptionsOf('tsx src/server.ts')).toThrow('does not run');
  });

  it('runs dist/server.js with the node options npm start gives it (the heap cap the memory figures depend on)', () => {
    expect(startNodeOptions()).toContain('--max-old-space-size=1024');
    const { args } = mockKind('mock', 'data.json').command(4321);
    expect(args.slice(0, args.indexOf('dist/server.js') + 1)).toEqual([...startNodeOptions(), 'dist/server.js']);
  });

  it('runs the default configuration as npm start does: its script, no log options, the log settings of the environment left out', () => {
    const command = mockKind('mock', 'data.json', 'default').command(4321);
    expect(command.args).toEqual([...startNodeOptions(), 'bin/cubit-core-mock.js', 'start', '--host', '127.0.0.1', '--port', '4321', '--data', 'data.json']);
    expect(command.env).toMatchObject({ CUBIT_MOCK_LOG_LEVEL: undefined, CUBIT_MOCK_LOG_FORMAT: undefined });
  });
});
