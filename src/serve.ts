// Serving the mock: read the configuration, build the app, listen, print where it is, close gracefully on a
// signal. `cubit-core-mock start` and dist/server.js both come here. A problem the operator can fix is one
// sentence on stderr and exit code 1 (2 for a usage error).
import { relative } from 'node:path';
import { type AppOptions, buildApp } from './app.js';
import { serveWithHotReload } from './reload/hot-reload.js';
import { type Config, ConfigError, devAdminKey, devApiKeys, devJwtSecret, helpText, readConfig, specCacheDir } from './config.js';
import { heapRoomWarning } from './heap-room.js';
import { jsonLogDestination, prettyLogDestination } from './log-destination.js';
import { recordAdminAddress } from './store/data-file-lock.js';
import type { RepairReport } from './store/journaled-persistence.js';
import { type FailureContext, exitCodes, failureReport, showsStacks } from './operator-errors.js';
import { defaultSpecFile } from './project-files.js';

function tokenSource(config: Config): string {
  if (config.jwt.publicKeyFile) return `RS256, key ${relative(process.cwd(), config.jwt.publicKeyFile)}`;
  if (config.jwt.jwksFile) return `JWKS ${relative(process.cwd(), config.jwt.jwksFile)}`;
  return config.jwt.secret === devJwtSecret ? `HS256, secret ${devJwtSecret}` : 'HS256, secret from CUBIT_MOCK_JWT_SECRET';
}

/** `test: 12 customers, 30 installations, 4 audits`: what each environment holds, for the banner. */
function recordCounts(counts: Record<string, Record<string, number>>): string {
  const shown = ['customers', 'installations', 'audits'];
  return Object.entries(counts)
    .map(([environment, collections]) => `${environment}: ${shown.filter((name) => name in collections).map((name) => `${collections[name]} ${name}`).join(', ')}`)
    .join('; ');
}

function banner(config: Config, address: string, counts: Record<string, Record<string, number>>): string {
  const keyOf = (environment: 'test' | 'prod') =>
    config.apiKeys[environment] === devApiKeys[environment] ? devApiKeys[environment] : `(from CUBIT_MOCK_${environment.toUpperCase()}_API_KEY)`;
  const data = config.dataFile ? relative(process.cwd(), config.dataFile) || config.dataFile : 'in memory only (--in-memory)';
  return [
    'Cubit Core mock is listening',
    `  test  ${address}/test   X-API-Key: ${keyOf('test')}`,
    `  prod  ${address}/prod   X-API-Key: ${keyOf('prod')}`,
    `  audit ${address}/{test,prod}/audits   Authorization: Bearer <token>   (${tokenSource(config)}; npx cubit-core-mock token --subject you@example.no)`,
    `  docs  ${address}/docs   (spec: ${address}/openapi.yaml, ${address}/openapi.json)`,
    config.adminKey === undefined
      ? '  admin off (--no-admin)'
      : `  admin ${address}/__admin   X-Admin-Key: ${config.adminKey === devAdminKey ? devAdminKey : '(from CUBIT_MOCK_ADMIN_KEY)'}   (spec: ${address}/__admin/openapi.json; QA console: ${address}/__admin/console)`,
    `  data  ${data}${config.readOnly ? '   (read-only: changes are refused with 503)' : config.fsync ? '   (--fsync: every write reaches the disk before it is acknowledged)' : ''}`,
    `        ${recordCounts(counts)}`,
    '',
  ].join('\n');
}

/** What a failure to start is reported against; filled in once the configuration is read. */
let failureContext: FailureContext = { program: 'cubit-core-mock' };

/** What --repair did, for the operator: where the originals are, and every line and record dropped. */
function repairReport({ backupDir, dropped }: RepairReport): string {
  return [`cubit-core-mock: repaired the data file; the originals are in ${backupDir}. Dropped or noticed:`, ...dropped.map((line) => `  - ${line}`), ''].join('\n');
}

/** Pretty log lines on a terminal (or when asked for), JSON lines otherwise. */
function prettyLogs(config: Config): boolean {
  return config.logFormat === 'pretty' || (config.logFormat === 'auto' && process.stdout.isTTY === true);
}

async function run(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  let config: Config | 'help';
  try {
    config = readConfig(argv, env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(exitCodes.usage);
    }
    throw error;
  }
  if (config === 'help') {
    process.stdout.write(helpText);
    return;
  }
  failureContext = {
    program: 'cubit-core-mock',
    serving: true,
    debug: showsStacks(config.logLevel),
    dataFile: config.dataFile,
    specFile: config.specFile ?? defaultSpecFile,
    listen: { host: config.host, port: config.port },
  };
  // A data file this process cannot load is refused before loading it, with the way out, rather than crashing.
  const tooLarge = heapRoomWarning(config.dataFile, argv);
  if (tooLarge) {
    console.error(`cubit-core-mock: cannot load ${relative(process.cwd(), config.dataFile ?? '') || config.dataFile}: ${tooLarge}`);
    process.exit(exitCodes.failure);
  }
  const pretty = prettyLogs(config);
  const colours = pretty && process.stdout.isTTY && process.stdout.hasColors();
  // A line per request where someone reads it: on a terminal, or when asked for (config.ts).
  const logRequests = config.logRequests ?? pretty;
  const destination = pretty ? await prettyLogDestination(colours) : jsonLogDestination();
  const appOptions: AppOptions = {
    spec: config.specFile,
    specCacheDir,
    apiKeys: config.apiKeys,
    dataFile: config.dataFile,
    compactAfterBytes: config.compactAfterBytes,
    fsync: config.fsync,
    readOnly: config.readOnly,
    repair: config.repair && ((report) => process.stderr.write(repairReport(report))),
    corsOrigins: config.corsOrigins,
    trustProxy: config.trustProxy,
    requestTimeout: config.requestTimeout,
    adminKey: config.adminKey,
    journalSize: config.journalSize,
    authFailureLimit: config.authFailureLimit,
    jwt: config.jwt,
    connections: config.connections,
    delivery: config.delivery,
    logger: {
      level: config.logLevel,
      redact: ['req.headers["x-api-key"]', 'req.headers["x-admin-key"]', 'req.headers.authorization'],
      stream: destination.stream,
    },
    logRequests,
    ...(pretty && logRequests ? { requestLogLines: { colours } } : {}),
  };
  // --watch: a new app on the same server, data and state for every edit of the spec file (src/reload/).
  const app = config.watch ? await serveWithHotReload(appOptions) : await buildApp(appOptions);
  let listening: string;
  try {
    listening = await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    // Release the data file before stopping: the port is the problem, not the data.
    await app.close().catch(() => undefined);
    throw error;
  }
  const address = listening.replace('[::1]', 'localhost');
  // The data commands (npm run data) read the lock to find this mock, and go through its admin API.
  if (config.dataFile && !config.readOnly) await recordAdminAddress(config.dataFile, config.adminKey === undefined ? null : `${address}/__admin`);
  process.stdout.write(banner(config, address, app.recordCounts()));

  let closing = false;
  const close = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal} received, closing`);
    app.close().then(
      () => {
        destination.flush();
        process.exit(0);
      },
      (error: unknown) => {
        destination.flush();
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', close);
  process.on('SIGTERM', close);
}

/**
 * Serves the mock with these arguments and environment until a signal stops it. A file, port or spec the operator
 * can fix is one sentence (the stack follows at --log-level debug); anything else is a bug, and prints its stack.
 * Either way the process exits with code 1.
 */
export async function serve(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  try {
    await run(argv, env);
  } catch (error) {
    process.stderr.write(failureReport(error, failureContext));
    process.exit(exitCodes.failure);
  }
}
