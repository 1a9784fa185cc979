// Writes fixture data (src/fixtures/generate-fixtures.ts): the default set, or a large deterministic one.
//   npm run fixtures -- --default                      rewrites data/fixtures/default.json
//   npm run fixtures -- --customers 100000 --installations-per-customer 3 --seed 42 --out big.json
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultPlan, type FixturePlan, fixtureText } from '../src/fixtures/generate-fixtures.js';

const usage = `Usage: npm run fixtures -- [--default | --customers <n> [--installations-per-customer <n>] [--seed <n>] [--environment <env>]] [--out <file>]

  --default                         the default fixtures (data/fixtures/default.json unless --out is given)
  --customers <n>                   customers to generate, in one environment
  --installations-per-customer <n>  installations of each customer (default 3)
  --seed <n>                        the same seed gives the same bytes (default 1)
  --environment <env>               the environment to fill (default test)
  --out <file>                      where to write (default: standard output)
`;

const whole = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new Error(`--${name} must be a whole number, got "${value}"`);
  return Number(value);
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      default: { type: 'boolean' },
      customers: { type: 'string' },
      'installations-per-customer': { type: 'string' },
      seed: { type: 'string' },
      environment: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || (!values.default && values.customers === undefined)) {
    process.stdout.write(usage);
    return;
  }
  const plan: FixturePlan = values.default
    ? defaultPlan
    : {
        seed: whole('seed', values.seed, 1),
        environments: { [values.environment ?? 'test']: { customers: whole('customers', values.customers, 0), installationsPerCustomer: whole('installations-per-customer', values['installations-per-customer'], 3) } },
      };
  const out = values.out ?? (values.default ? fileURLToPath(new URL('../data/fixtures/default.json', import.meta.url)) : undefined);
  const stream = out ? createWriteStream(out) : process.stdout;
  const total = Object.values(plan.environments).reduce((sum, e) => sum + e.customers, 0);
  let customers = 0;
  const progress = out !== undefined && process.stderr.isTTY && total >= 10_000;
  for (const chunk of fixtureText(plan)) {
    if (!stream.write(chunk)) await once(stream, 'drain');
    if (progress && chunk.includes('"customerId"') && !chunk.includes('"installationId"') && ++customers % 10_000 === 0) process.stderr.write(`\r${customers} of ${total} customers`);
  }
  if (out) {
    stream.end();
    await once(stream, 'finish');
    process.stderr.write(`${progress ? '\n' : ''}wrote ${out}\n`);
  }
}

main().catch((error: unknown) => {
  console.error(`generate-fixtures: ${(error as Error).message}`);
  process.exit(2);
});
