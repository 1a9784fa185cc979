// The report as text for the terminal: one table of scenarios with ratios to the ceiling, then start-up,
// memory, soak and the targets.
import type { BenchReport, Figures, MemoryResult, RatioFigures, ScenarioResult } from './report.js';
import { sizeLabel } from './workspace.js';
import { startNodeOptions } from './servers.js';

export function formatMs(ms: number): string {
  if (ms >= 100) return ms.toFixed(0);
  if (ms >= 10) return ms.toFixed(1);
  return ms.toFixed(2);
}

export function formatRate(perSec: number): string {
  return perSec >= 100 ? Math.round(perSec).toLocaleString('en-US') : perSec.toFixed(1);
}

export function formatRatio(ratio: number): string {
  return ratio >= 100 ? ratio.toFixed(0) : ratio >= 10 ? ratio.toFixed(1) : ratio.toFixed(2);
}

function renderTable(header: string[], rows: string[][], alignLeft: number[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (alignLeft.includes(i) ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function scenarioRow(label: string, data: string, f: Figures, r: RatioFigures, check: string): string[] {
  return [
    label,
    data,
    formatRate(f.reqPerSec),
    formatRatio(r.reqPerSec),
    formatMs(f.p50Ms),
    formatRatio(r.p50Ms),
    formatMs(f.p99Ms),
    formatRatio(r.p99Ms),
    formatMs(f.p999Ms),
    formatRatio(r.p999Ms),
    formatMs(f.maxMs),
    formatRatio(r.maxMs),
    `${(f.otherCpu * 100).toFixed(0)}%`,
    check,
  ];
}

const header = ['scenario', 'data', 'req/s', '×ceil', 'p50 ms', '×ceil', 'p99 ms', '×ceil', 'p99.9 ms', '×ceil', 'max ms', '×ceil', 'others', 'check'];

function check(s: { flags: string[] }): string {
  return s.flags.length === 0 ? 'ok' : `FLAGGED: ${s.flags.join('; ')}`;
}

const order = ['ceiling', 'mock', 'prism'];
const memoryLabel = (m: MemoryResult) =>
  m.server === 'ceiling' ? 'bare Fastify' : m.server === 'prism' ? 'Prism mock' : `mock, ${sizeLabel(m.size ?? 0)} customers${m.config ? `, ${m.config}` : ''}`;

function dataColumn(s: ScenarioResult): string {
  if (s.size === undefined) return '-';
  const config = s.config === undefined ? '' : `, ${s.config}`;
  return `${sizeLabel(s.size)}${s.key.endsWith('/scale') ? ' (scale)' : ''}${config}`;
}

function deliveryTable(report: BenchReport): string[] {
  if (report.delivery.length === 0) return [];
  return [
    '',
    'Audit flow: commit to delivery of each outbox message during the setAuditStatus runs (enqueuedAt to deliveredAt, ms):',
    renderTable(
      ['receiver', 'messages', 'delivered', 'p50 ms', 'p99 ms', 'max ms'],
      report.delivery.map((d) => [d.subscription === 'archive' ? 'Archive' : d.subscription === 'lantern' ? 'Lantern' : d.subscription, String(d.messages), String(d.delivered), String(d.p50Ms), String(d.p99Ms), String(d.maxMs)]),
      [0],
    ),
  ];
}

function dataSetTables(report: BenchReport): string[] {
  const out: string[] = [];
  for (const set of report.dataSets) {
    out.push(
      '',
      `Data set: ${sizeLabel(set.customers)} customers, ${set.installationsPerCustomer} installations each (${sizeLabel(set.customers * set.installationsPerCustomer)}); fixture file ${set.fixtureMB?.toFixed(0) ?? '-'} MB, data file ${set.dataFileMB?.toFixed(0) ?? '-'} MB; mocks run with --max-old-space-size=${set.heapMiB}:`,
      renderTable(
        ['step', 'wall s', 'peak RSS (command)', 'peak RSS (mock)', 'note'],
        set.steps.map((step) => [
          step.step,
          step.ok ? step.wallSec.toFixed(1) : 'FAILED',
          step.peakRssMB === undefined ? '-' : `${step.peakRssMB.toFixed(0)} MB`,
          step.mockPeakMB === undefined ? '-' : `${step.mockPeakMB.toFixed(0)} MB`,
          (step.note ?? '').replace(/\s+/g, ' ').slice(0, step.ok ? 60 : 200),
        ]),
        [0, 4],
      ),
    );
  }
  return out;
}

export function renderReport(report: BenchReport): string {
  const { machine, options } = report;
  const out: string[] = [];
  out.push(
    `cubit-core-mock benchmark, ${report.generatedAt}`,
    `${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}, autocannon ${machine.autocannon}, commit ${machine.commit ?? '?'}${machine.dirty ? ' (uncommitted changes)' : ''}`,
    `load average (1 min) ${machine.loadAverage.start} at start, ${machine.loadAverage.end ?? '?'} at end`,
    `${options.connections} connections on 127.0.0.1, ${options.rounds} interleaved round(s) × ${options.durationSec} s per scenario (after ${options.warmupSec} s warm-up); figures merge the rounds; ×ceil = figure / ceiling's figure in this run`,
    `mock rows: "default" runs the mock exactly as \`npm start\` does (node ${startNodeOptions().join(' ')} bin/cubit-core-mock.js start, its default log level, log format and journal size); "quiet" adds --log-level warn (dist/server.js)`,
    `others = share of the machine's CPU that other processes (and the hypervisor) took during the runs behind a figure; runs above ${(options.noiseLimit * 100).toFixed(0)}% are measured again or, where quieter runs exist, left out`,
    '',
  );
  const ceiling = report.scenarios.find((s) => s.key === report.ceiling);
  const rows = report.scenarios.map((s) => scenarioRow(s.label, dataColumn(s), s, s.ratioToCeiling, check(s)));
  if (report.soak) {
    const soak = report.soak;
    const base = ceiling ?? undefined;
    for (const [name, f] of [
      ['soak: all', soak.overall],
      [`soak: reads (${soak.readers} conn)`, soak.reads],
      [`soak: writes (${soak.writers} conn)`, soak.writes],
    ] as const) {
      const r = base
        ? { reqPerSec: f.reqPerSec / base.reqPerSec, p50Ms: f.p50Ms / base.p50Ms, p99Ms: f.p99Ms / base.p99Ms, p999Ms: f.p999Ms / base.p999Ms, maxMs: f.maxMs / base.maxMs }
        : { reqPerSec: 0, p50Ms: 0, p99Ms: 0, p999Ms: 0, maxMs: 0 };
      rows.push(scenarioRow(name, sizeLabel(soak.size), f, r, name === 'soak: all' ? check(soak) : ''));
    }
  }
  out.push(renderTable(header, rows, [0, 1, 13]));
  const notes = report.scenarios.flatMap((s) => s.notes.map((n) => `  ${s.label} ${dataColumn(s)}: ${n}`));
  if (report.soak) notes.push(`  soak: ${report.soak.durationSec.toFixed(0)} s, ${report.soak.readers} connections reading, ${report.soak.writers} writing (4 updates : 1 create), ${report.soak.overall.over100ms} responses over 100 ms`);
  if (notes.length > 0) out.push('', 'Notes:', ...notes);
  const prism = report.prism;
  out.push(
    '',
    `Prism peer (prism mock, @stoplight/prism-cli ${machine.prismCli ?? '?'}): ${prism.status}${prism.reason ? ` (${prism.reason})` : ''}${prism.logLevel ? `, --verboseLevel ${prism.logLevel}` : ''}${prism.startupMs ? `, started in ${prism.startupMs.toFixed(0)} ms` : ''}`,
  );

  out.push('', `Start-up, spawn to first 2xx answer (median of ${options.startupRuns}):`);
  const ceilingStart = report.startup.find((s) => s.name === 'bare Fastify');
  // The documented commands against the built server they run (node dist/server.js on the same empty data file).
  const builtStart = report.startup.find((s) => s.name === 'mock, empty data file');
  const documented = (name: string) => name.startsWith('npm start') || name.startsWith('cubit-core-mock start');
  out.push(
    renderTable(
      ['server', 'median ms', '×ceil', '×dist/server.js', 'runs ms'],
      report.startup.map((s) => [
        s.name,
        s.medianMs.toFixed(0),
        ceilingStart ? formatRatio(s.medianMs / ceilingStart.medianMs) : '-',
        builtStart && documented(s.name) ? formatRatio(s.medianMs / builtStart.medianMs) : '-',
        s.runsMs.map((v) => v.toFixed(0)).join(' '),
      ]),
      [0, 4],
    ),
  );

  if (report.memory.length > 0) {
    out.push(
      '',
      'Resident memory (VmRSS; MB = 10^6 bytes): after start-up; after the reads and updates of the last round (the data',
      'set still at its size); after all its scenarios (the creates have added customers); peak (VmHWM):',
    );
    const mb = (mib: number) => ((mib * 2 ** 20) / 1e6).toFixed(0);
    out.push(
      renderTable(
        ['server', 'RSS after start', 'RSS before creates', 'RSS after scenarios', 'peak RSS'],
        [...report.memory]
          .sort((a, b) => order.indexOf(a.server) - order.indexOf(b.server) || (a.size ?? 0) - (b.size ?? 0))
          .map((m) => [
            memoryLabel(m),
            `${mb(m.afterLoadMiB)} MB`,
            m.beforeCreatesMiB === undefined ? '-' : `${mb(m.beforeCreatesMiB)} MB`,
            `${mb(m.afterScenariosMiB)} MB`,
            `${mb(m.peakMiB)} MB`,
          ]),
        [0],
      ),
    );
  }

  out.push(...deliveryTable(report), ...dataSetTables(report));
  out.push('', 'Targets:');
  out.push(renderTable(['', 'target', 'goal', 'measured'], report.targets.map((t) => [t.status === 'met' ? 'met' : t.status === 'missed' ? 'MISSED' : 'n/a', t.name, t.goal, t.measured]), [0, 1, 2, 3]));
  out.push('', `Wall time ${report.wallSec.toFixed(0)} s. JSON: ${options.out}`);
  return out.join('\n') + '\n';
}
