// The `proxy` command: runs the validation proxy (src/proxy/) in front of an upstream until SIGINT or SIGTERM,
// logging each contract violation as one line on stderr; then writes the JUnit report, prints a summary line and
// resolves with the exit status: 1 with --fail-on-violation when anything broke the contract (or when the proxy
// cannot start, or the report cannot be written), 2 for a usage error, else 0.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeJUnit } from '../proxy/junit-report.js';
import { reportPath, startValidationProxy } from '../proxy/validation-proxy.js';
import type { ProxyReport } from '../proxy/proxy-report.js';

export const proxyUsage = `Usage: cubit-core-mock proxy --upstream <url> [options]

Forwards every request to the upstream and judges the request and the upstream's answer against the spec: the
route, parameters, security header, media type and body of the request (as the mock judges them), and the
status, media type, required headers and body of the answer (as the contract suite does). Each violation is
one line on stderr; GET ${reportPath} on the proxy answers the tally so far. Stop it with Ctrl-C or SIGTERM.

Options:
  --upstream <url>        The upstream's base URL, without the environment, e.g. http://127.0.0.1:4010
                          (clients then send /test/customers and so on to the proxy) (required)
  --port <n>              Port to listen on (default 4011; 0 picks a free port)
  --host <addr>           Address to listen on (default 127.0.0.1)
  --spec <file>           OpenAPI document to judge by (default openapi/cubit-core.yaml)
  --strict                Answer an invalid request with 400 validation-failed instead of forwarding it
  --junit <file>          Write a JUnit report there on shutdown: one test case per operation
  --fail-on-violation     Exit with status 1 on shutdown if any exchange broke the contract
  -h, --help              Show this help

Credentials are never shown: the Authorization, X-API-Key and X-Admin-Key headers, credential-like query
parameters (api_key, key, token, ...), and the values of CUBIT_MOCK_TEST_API_KEY, CUBIT_MOCK_PROD_API_KEY,
CUBIT_MOCK_ADMIN_KEY, CUBIT_MOCK_JWT_SECRET, CONTRACT_API_KEY, CONTRACT_BEARER_TOKEN and CONTRACT_ADMIN_KEY
wherever they appear.
`;

/** Environment variables that may hold credentials: their values are redacted wherever they appear. */
const secretVariables = ['CUBIT_MOCK_TEST_API_KEY', 'CUBIT_MOCK_PROD_API_KEY', 'CUBIT_MOCK_ADMIN_KEY', 'CUBIT_MOCK_JWT_SECRET', 'CONTRACT_API_KEY', 'CONTRACT_BEARER_TOKEN', 'CONTRACT_ADMIN_KEY'];

class UsageError extends Error {}

interface ProxyCommand {
  upstream: string;
  port: number;
  host: string;
  spec: string | undefined;
  strict: boolean;
  junit: string | undefined;
  failOnViolation: boolean;
}

function parse(argv: string[]): ProxyCommand | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        upstream: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        spec: { type: 'string' },
        strict: { type: 'boolean' },
        junit: { type: 'string' },
        'fail-on-violation': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  if (values.upstream === undefined) throw new UsageError('--upstream <url> is required: the base URL of the API to forward to, e.g. http://127.0.0.1:4010');
  let protocol: string | undefined;
  try {
    protocol = new URL(values.upstream).protocol;
  } catch {
    throw new UsageError(`--upstream must be an absolute http: or https: URL, got "${values.upstream}"`);
  }
  if (protocol !== 'http:' && protocol !== 'https:') throw new UsageError(`--upstream must be an http: or https: URL, got a ${protocol} URL`);
  const port = values.port ?? '4011';
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, got "${port}"`);
  for (const name of ['host', 'spec', 'junit'] as const) if (values[name] === '') throw new UsageError(`--${name} must not be empty`);
  return {
    upstream: values.upstream,
    port: Number(port),
    host: values.host ?? '127.0.0.1',
    spec: values.spec === undefined ? undefined : resolve(values.spec),
    strict: values.strict ?? false,
    junit: values.junit === undefined ? undefined : resolve(values.junit),
    failOnViolation: values['fail-on-violation'] ?? false,
  };
}

function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((done) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

export function summaryLine(report: ProxyReport, junit: string | undefined): string {
  const { violations } = report;
  const broke = violations.total === 0 ? 'no violations' : `${plural(violations.total, 'violation')} (${violations.byDirection.request} in requests, ${violations.byDirection.response} in answers)`;
  return `Validation proxy: ${plural(report.exchanges.total, 'exchange')}, ${broke}${junit === undefined ? '' : `; JUnit report: ${junit}`}\n`;
}

export async function runProxyCommand(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  let command;
  try {
    command = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\nRun with --help to list the options.\n`);
    return 2;
  }
  if (command === 'help') {
    process.stdout.write(proxyUsage);
    return 0;
  }
  let proxy;
  try {
    proxy = await startValidationProxy({
      upstream: command.upstream,
      specFile: command.spec,
      host: command.host,
      port: command.port,
      strict: command.strict,
      redact: secretVariables.flatMap((name) => (env[name] ? [env[name]] : [])),
      log: (_violation, line) => process.stderr.write(`${line}\n`),
    });
  } catch (error) {
    process.stderr.write(`The validation proxy cannot start: ${(error as Error).message}\n`);
    return 1;
  }
  const stopped = stopSignal();
  process.stdout.write(`Validation proxy on ${proxy.url} → ${proxy.report().upstream}${command.strict ? ' (strict: invalid requests are answered 400, not forwarded)' : ''}\n`);
  process.stdout.write(`  report: ${proxy.url}${reportPath}\n`);
  await stopped;
  const report = await proxy.close();
  let status = command.failOnViolation && report.violations.total > 0 ? 1 : 0;
  if (command.junit !== undefined) {
    try {
      await writeJUnit(report, command.junit);
    } catch (error) {
      process.stderr.write(`The JUnit report cannot be written to ${command.junit}: ${(error as Error).message}\n`);
      status = 1;
    }
  }
  process.stdout.write(summaryLine(report, command.junit));
  return status;
}
