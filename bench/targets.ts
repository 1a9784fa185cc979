// The issue's targets, judged on one run's figures. A target whose inputs were not measured says so.
import type { BenchReport, TargetResult } from './report.js';
import { sizeLabel } from './workspace.js';
import type { StartupResult } from './startup.js';

const bytesPerMB = 1_000_000;
const x = (value: number) => `${value.toFixed(2)}×`;

const ratioTo = (row: { reqPerSec: number } | undefined, base: { reqPerSec: number } | undefined) => (row && base ? row.reqPerSec / base.reqPerSec : undefined);

function judge(name: string, goal: string, value: number | undefined, ok: (value: number) => boolean, show: (value: number) => string): TargetResult {
  if (value === undefined || !Number.isFinite(value)) return { name, goal, measured: '-', status: 'not measured' };
  return { name, goal, measured: show(value), status: ok(value) ? 'met' : 'missed' };
}

export function evaluateTargets(report: Omit<BenchReport, 'targets'>): TargetResult[] {
  // The rows of the standing targets are the quiet configuration's, as they always were; the shipped configuration's have targets of their own.
  const find = (scenario: string, size?: number, config: string | undefined = size === undefined ? undefined : 'quiet') =>
    report.scenarios.find((s) => s.scenario === scenario && s.size === size && s.config === config && !s.key.endsWith('/scale') && s.flags.length === 0);
  const sizes = report.options.sizes;
  const small = Math.min(...sizes);
  const large = Math.max(...sizes);
  const targets: TargetResult[] = [];

  for (const size of sizes) {
    const get = find('getCustomer', size);
    targets.push(judge(`getCustomer ${sizeLabel(size)}: req/s vs ceiling`, '≥ 0.60×', get?.ratioToCeiling.reqPerSec, (v) => v >= 0.6, (v) => `${x(v)} ceiling`));
  }
  const prism = find('prismGetCustomer');
  for (const size of sizes) {
    const get = find('getCustomer', size);
    const value = get && prism ? get.reqPerSec / prism.reqPerSec : undefined;
    targets.push(judge(`getCustomer ${sizeLabel(size)}: req/s vs Prism's mock`, '≥ 15×', value, (v) => v >= 15, (v) => `${x(v)} Prism`));
  }
  const updateSmall = find('upsertUpdate', small);
  targets.push(
    judge(`upsertCustomer update ${sizeLabel(small)}: req/s vs ceiling`, '≥ 0.25×', updateSmall?.ratioToCeiling.reqPerSec, (v) => v >= 0.25, (v) => `${x(v)} ceiling`),
  );
  if (large !== small) {
    const updateLarge = find('upsertUpdate', large);
    const value = updateLarge && updateSmall ? updateLarge.reqPerSec / updateSmall.reqPerSec : undefined;
    targets.push(
      judge(`upsertCustomer update ${sizeLabel(large)} vs ${sizeLabel(small)}: req/s`, '≥ 0.80×', value, (v) => v >= 0.8, (v) => `${x(v)} (${updateLarge?.reqPerSec.toFixed(0)} vs ${updateSmall?.reqPerSec.toFixed(0)} req/s)`),
    );
  }
  const soakMax = report.soak && report.soak.flags.length === 0 ? report.soak.overall.maxMs : undefined;
  targets.push(
    judge(
      `soak ${report.soak ? `${report.soak.durationSec.toFixed(0)} s at ${sizeLabel(report.soak.size)}` : ''}: max latency`.replace(' :', ':'),
      '≤ 100 ms',
      soakMax,
      (v) => v <= 100,
      (v) => `${v.toFixed(1)} ms (${report.soak?.overall.over100ms ?? 0} requests > 100 ms)`,
    ),
  );
  const shipped = (scenario: string, size: number) => find(scenario, size, 'default');
  const vsCeiling = (v: number) => `${x(v)} ceiling`;
  targets.push(
    judge(`getCustomer ${sizeLabel(small)}, as npm start ships it: req/s vs ceiling`, '≥ 0.70×', shipped('getCustomer', small)?.ratioToCeiling.reqPerSec, (v) => v >= 0.7, vsCeiling),
    judge(`listCustomers ${sizeLabel(small)} (page of 50), as shipped: req/s vs ceiling`, '≥ 0.40×', shipped('listCustomers', small)?.ratioToCeiling.reqPerSec, (v) => v >= 0.4, vsCeiling),
    judge(
      `listCustomers ${sizeLabel(small)} (page of 50), as shipped: req/s vs a bare Fastify sending the same page`,
      '≥ 0.40×',
      ratioTo(shipped('listCustomers', small), report.scenarios.find((s) => s.key === 'ceilingPage')),
      (v) => v >= 0.4,
      (v) => `${x(v)} (${shipped('listCustomers', small)?.reqPerSec.toFixed(0)} vs ${report.scenarios.find((s) => s.key === 'ceilingPage')?.reqPerSec.toFixed(0)} req/s)`,
    ),
    judge(`upsertCustomer update ${sizeLabel(small)} (durable), as shipped: req/s vs ceiling`, '≥ 0.35×', shipped('upsertUpdate', small)?.ratioToCeiling.reqPerSec, (v) => v >= 0.35, vsCeiling),
    judge(`setAuditStatus ${sizeLabel(small)} (durable, 2 outbox rows), as shipped: req/s vs ceiling`, '≥ 0.25×', shipped('setAuditStatus', small)?.ratioToCeiling.reqPerSec, (v) => v >= 0.25, vsCeiling),
  );
  const startupOf = (name: string) => report.startup.find((s) => s.name === name);
  const startupTarget = (what: string, row: StartupResult | undefined, ceiling: StartupResult | undefined) =>
    judge(
      `start-up to first accepted request, ${what} vs ${ceiling?.name ?? 'bare Fastify'}`,
      '≤ 2.00×',
      row && ceiling ? row.medianMs / ceiling.medianMs : undefined,
      (v) => v <= 2,
      (v) => `${x(v)} (${row?.medianMs.toFixed(0)} vs ${ceiling?.medianMs.toFixed(0)} ms)`,
    );
  const bare = startupOf('bare Fastify');
  targets.push(
    startupTarget('mock (empty)', startupOf('mock, empty data file'), bare),
    startupTarget('cubit-core-mock start (empty)', startupOf('cubit-core-mock start, empty data file'), bare),
    startupTarget('npm start (empty)', startupOf('npm start, empty data file'), bare),
    // npm's own start-up (about a quarter of a second) paid by both.
    startupTarget('npm start (empty)', startupOf('npm start, empty data file'), startupOf('bare Fastify, through npm run')),
  );
  const memory = report.memory.find((m) => m.server === 'mock' && m.size === 100_000 && m.config !== 'default');
  targets.push(
    judge(
      'RSS with 100k customers resident (after the reads and updates)',
      '≤ 300 MB',
      memory?.beforeCreatesMiB !== undefined ? (memory.beforeCreatesMiB * 2 ** 20) / bytesPerMB : undefined,
      (v) => v <= 300,
      (v) => `${v.toFixed(0)} MB (peak ${(((memory?.peakMiB ?? 0) * 2 ** 20) / bytesPerMB).toFixed(0)} MB)`,
    ),
  );
  return targets;
}
