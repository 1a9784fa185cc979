// `cubit-core-mock contract`: runs the contract suite (contract-tests/, a vitest project) against a deployment of
// the API or a mock, or against the mock started in-process, with the settings of contract-tests/lib/target-settings.ts
// taken from options or the environment. Credentials are best passed in the environment (CONTRACT_API_KEY,
// CONTRACT_BEARER_TOKEN), where shell history does not keep them. Exit code: vitest's (0 when the target honours
// the contract), 2 for a usage error.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot } from '../project-files.js';

export const contractUsage = `Usage: cubit-core-mock contract [options]

Runs the contract suite: tests generated from the spec, every answer checked against it. Without --url it judges
the mock, started in-process on 127.0.0.1.

Options (each also from the environment variable named):
  --url <base>          The environment's base URL, e.g. https://cubit-core.example.com/test (CONTRACT_BASE_URL)
  --api-key <key>       Its API key (CONTRACT_API_KEY; prefer the variable: shell history keeps options)
  --token <jwt>         A bearer token for the audit operations (CONTRACT_BEARER_TOKEN)
  --admin-url <url>     A mock's admin API, to check the messages the audit flow sent (CONTRACT_ADMIN_URL)
  --admin-key <key>     Its admin key (CONTRACT_ADMIN_KEY)
  --read-only           Leave out every test that writes (CONTRACT_READ_ONLY=1)
  --allow-writes        Let tests write to a prod target (CONTRACT_ALLOW_WRITES=1)
  --spec <file>         The OpenAPI document (CONTRACT_SPEC_FILE; default the one the mock serves)
  --report-dir <dir>    Where coverage.json, violations.json and summary.txt go (CONTRACT_REPORT_DIR; default reports/contract)
  --junit <file>        Also write a JUnit XML report there, for CI
  -h, --help            Show this help
`;

export async function runContractCommand(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        url: { type: 'string' },
        'api-key': { type: 'string' },
        token: { type: 'string' },
        'admin-url': { type: 'string' },
        'admin-key': { type: 'string' },
        'read-only': { type: 'boolean' },
        'allow-writes': { type: 'boolean' },
        spec: { type: 'string' },
        'report-dir': { type: 'string' },
        junit: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\nRun with --help to list the options.\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(contractUsage);
    return 0;
  }
  const settings: NodeJS.ProcessEnv = {
    CONTRACT_BASE_URL: values.url ?? env.CONTRACT_BASE_URL,
    CONTRACT_API_KEY: values['api-key'] ?? env.CONTRACT_API_KEY,
    CONTRACT_BEARER_TOKEN: values.token ?? env.CONTRACT_BEARER_TOKEN,
    CONTRACT_ADMIN_URL: values['admin-url'] ?? env.CONTRACT_ADMIN_URL,
    CONTRACT_ADMIN_KEY: values['admin-key'] ?? env.CONTRACT_ADMIN_KEY,
    CONTRACT_READ_ONLY: values['read-only'] ? '1' : env.CONTRACT_READ_ONLY,
    CONTRACT_ALLOW_WRITES: values['allow-writes'] ? '1' : env.CONTRACT_ALLOW_WRITES,
    // Relative paths are the caller's: the suite runs with the package as its root.
    CONTRACT_SPEC_FILE: values.spec !== undefined ? resolve(values.spec) : env.CONTRACT_SPEC_FILE,
    CONTRACT_REPORT_DIR: resolve(values['report-dir'] ?? env.CONTRACT_REPORT_DIR ?? 'reports/contract'),
  };
  const vitestManifest = createRequire(import.meta.url).resolve('vitest/package.json');
  const vitest = join(dirname(vitestManifest), 'vitest.mjs');
  const args = [vitest, 'run', '--root', packageRoot, '--project', 'contract'];
  if (values.junit !== undefined) args.push('--reporter=default', '--reporter=junit', `--outputFile.junit=${resolve(values.junit)}`);
  const defined = Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined && value !== ''));
  const child = spawn(process.execPath, args, { stdio: 'inherit', env: { ...env, ...defined } });
  const stop = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', stop).on('SIGTERM', stop);
  return new Promise((done) => child.on('close', (code) => done(code ?? 1)));
}
