// Command-line options of `npm run bench`. --quick is a smoke test: short, 1k only, no soak, no Prism.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export interface BenchOptions {
  quick: boolean;
  /** Seconds measured per scenario per round. */
  durationSec: number;
  /** Seconds of unmeasured load before each measured run. */
  warmupSec: number;
  rounds: number;
  /** Data-set sizes (customers). */
  sizes: number[];
  connections: number;
  /** Soak seconds; 0 skips the soak. */
  soakSec: number;
  /** Customers loaded for the soak. */
  soakSize: number;
  startupRuns: number;
  prism: boolean;
  /** Prism's --verboseLevel: its default, info, logs every request. */
  prismLogLevel: string;
  /** Measure the audit flow and the admin journal (setAuditStatus, delivery latency, listRequests, countRequests). */
  flows: boolean;
  /** Customers (3 installations each) for the data commands: generate, seed, export, import, start; 0 skips them. */
  dataSize: number;
  /** Customers generated, loaded and measured for the scale rows; 0 skips them. */
  scale: number;
  /** Installations of each customer of the scale rows. */
  scaleInstallations: number;
  /** Cap on the requests of one create run, so that "1k" stays near 1k on a fast server. */
  maxCreates: number;
  /** A measured run during which other processes took more than this share of the machine's CPU is measured again. */
  noiseLimit: number;
  /** At most this many extra runs per measured run; the quietest run is kept. */
  retries: number;
  out: string;
}

export const usage = `Usage: npm run bench -- [options]

Measures the mock against a bare-Fastify ceiling (and Prism's mock) on 127.0.0.1 with autocannon.

Options:
  --quick               Smoke test: 1 s runs, 1k customers only, 1 round, no soak, no Prism
  --duration <s>        Seconds measured per scenario per round (default 6; quick 1)
  --warmup <s>          Unmeasured seconds before each measured run (default 2; quick 0.5)
  --rounds <n>          Interleaved rounds (default 3; quick 1)
  --sizes <list>        Customers loaded, e.g. 1k,100k (default 1k,100k; quick 1k)
  --connections <n>     Concurrent connections (default 10)
  --soak <s>            Seconds of mixed writes and reads; 0 skips it (default 60; quick 0)
  --soak-size <n>       Customers loaded for the soak (default: the largest size)
  --startup-runs <n>    Start-up measurements per server, median reported (default 5; quick 2)
  --max-creates <n>     Cap on requests per create run (default 50000)
  --noise-limit <pct>   Re-measure a run during which other processes took more than this
                        share of the machine's CPU (default 15)
  --retries <n>         Re-measurements per run at most; the quietest run is kept (default 2; quick 0)
  --no-flows            Skip the audit flow and admin journal rows
  --data-size <n>       Customers (3 installations each) to generate, seed, export, import and start on
                        (default 100k; quick 1k; 0 skips it)
  --scale <n>           Also generate, load and measure this many customers, e.g. 1M (default 0: skipped;
                        takes minutes and gigabytes)
  --scale-installations <n>  Installations of each scale customer (default 3)
  --no-prism            Skip the Prism peer (quick skips it too)
  --prism-log-level <l> Prism's --verboseLevel (default info, Prism's own default: a line per
                        request; warn matches the mock's --log-level warn)
  --out <file>          JSON report (default reports/bench/latest.json)
  -h, --help            Show this help
`;

export class UsageError extends Error {
  override name = 'UsageError';
}

function count(value: string, name: string): number {
  const match = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(value.trim());
  if (!match) throw new UsageError(`${name}: "${value}" is not a number (e.g. 1000, 1k, 100k)`);
  const scale = { '': 1, k: 1_000, m: 1_000_000 }[(match[2] ?? '').toLowerCase()] ?? 1;
  return Math.round(Number(match[1]) * scale);
}

function positive(value: string, name: string, allowZero = false): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || (!allowZero && n === 0)) throw new UsageError(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, got "${value}"`);
  return n;
}

const prismLogLevels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

function prismLogLevel(value: string): string {
  if (!prismLogLevels.includes(value)) throw new UsageError(`--prism-log-level must be one of ${prismLogLevels.join(', ')}, got "${value}"`);
  return value;
}

export function parseOptions(argv: string[], cwd: string): BenchOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        quick: { type: 'boolean' },
        duration: { type: 'string' },
        warmup: { type: 'string' },
        rounds: { type: 'string' },
        sizes: { type: 'string' },
        connections: { type: 'string' },
        soak: { type: 'string' },
        'soak-size': { type: 'string' },
        'startup-runs': { type: 'string' },
        'max-creates': { type: 'string' },
        'noise-limit': { type: 'string' },
        retries: { type: 'string' },
        'no-prism': { type: 'boolean' },
        'no-flows': { type: 'boolean' },
        'data-size': { type: 'string' },
        scale: { type: 'string' },
        'scale-installations': { type: 'string' },
        'prism-log-level': { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${usage}`);
  }
  if (values.help) return 'help';
  const quick = values.quick ?? false;
  const sizes = (values.sizes ?? (quick ? '1k' : '1k,100k')).split(',').map((s) => count(s, '--sizes'));
  if (sizes.some((s) => s < 50)) throw new UsageError('--sizes: every size must be at least 50 (a page of 50)');
  return {
    quick,
    durationSec: positive(values.duration ?? (quick ? '1' : '6'), '--duration'),
    warmupSec: positive(values.warmup ?? (quick ? '0.5' : '2'), '--warmup', true),
    rounds: Math.round(positive(values.rounds ?? (quick ? '1' : '3'), '--rounds')),
    sizes,
    connections: Math.round(positive(values.connections ?? '10', '--connections')),
    soakSec: positive(values.soak ?? (quick ? '0' : '60'), '--soak', true),
    soakSize: values['soak-size'] ? count(values['soak-size'], '--soak-size') : Math.max(...sizes),
    startupRuns: Math.round(positive(values['startup-runs'] ?? (quick ? '2' : '5'), '--startup-runs')),
    prism: !quick && !values['no-prism'],
    flows: !values['no-flows'],
    dataSize: count(values['data-size'] ?? (quick ? '1k' : '100k'), '--data-size'),
    scale: count(values.scale ?? '0', '--scale'),
    scaleInstallations: count(values['scale-installations'] ?? '3', '--scale-installations'),
    prismLogLevel: prismLogLevel(values['prism-log-level'] ?? 'info'),
    maxCreates: Math.round(positive(values['max-creates'] ?? '50000', '--max-creates')),
    noiseLimit: positive(values['noise-limit'] ?? '15', '--noise-limit', true) / 100,
    retries: Math.round(positive(values.retries ?? (quick ? '0' : '2'), '--retries', true)),
    out: resolve(cwd, values.out ?? 'reports/bench/latest.json'),
  };
}
