// The mock's configuration: command-line options over environment variables over defaults.
// Read once by src/server.ts and passed into buildApp; nothing else reads process.env or argv.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataFile } from './project-files.js';

export const devApiKeys = { test: 'cubit-mock-test-key', prod: 'cubit-mock-prod-key' } as const;
/** The admin API's development key (X-Admin-Key), used when CUBIT_MOCK_ADMIN_KEY is not set. */
export const devAdminKey = 'cubit-mock-admin-key';
/** The HS256 secret of bearer tokens, used when CUBIT_MOCK_JWT_SECRET is not set; public, so never for production. */
export const devJwtSecret = 'cubit-mock-dev-jwt-secret-not-for-production';
export { defaultDataFile, specCacheDir } from './project-files.js';
const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const logFormats = ['auto', 'pretty', 'json'] as const;

export interface Config {
  host: string;
  port: number;
  /** undefined: keep everything in memory. */
  dataFile: string | undefined;
  specFile: string | undefined;
  /** Reload the spec file when it is edited, keeping the data and everything in memory (src/reload/). */
  watch: boolean;
  /** Journal size in bytes past which it is folded into the data file. */
  compactAfterBytes: number | undefined;
  /** fdatasync every journal write and snapshot. */
  fsync: boolean;
  /** Never write the data file; changes are 503. */
  readOnly: boolean;
  /** Start on inconsistent data after a backup, dropping what does not fit. */
  repair: boolean;
  apiKeys: { test: string; prod: string };
  logLevel: (typeof logLevels)[number];
  /** pretty: one coloured line per request, for a terminal; json: one JSON object per line; auto: pretty on a terminal. */
  logFormat: (typeof logFormats)[number];
  /**
   * A log line per request: true or false when asked for (--log-requests, CUBIT_MOCK_LOG_REQUESTS); undefined leaves
   * it to where the log goes (see serve.ts): on for a terminal or an explicit --log-format, off otherwise.
   */
  logRequests: boolean | undefined;
  /** `*`, a list of origins, or `off`. */
  corsOrigins: '*' | 'off' | string[];
  trustProxy: boolean;
  /** Milliseconds a request may take to arrive in full. */
  requestTimeout: number;
  connections: { maxConnections: number; keepAliveTimeout: number; maxRequestsPerSocket: number };
  /** The admin API's key; undefined with --no-admin (no admin API, journal or fault rules). */
  adminKey: string | undefined;
  /** Requests the journal keeps. */
  journalSize: number;
  /** Failed authentications one client address may have within the window before it gets 429; false: no limit. */
  authFailureLimit: { failures: number; windowMs: number } | false;
  /**
   * How bearer tokens (the audit operations) are verified: RS256 with the public key file, RS256 or ES256 with the
   * JWKS file (at most one of the two), else HS256 with the secret; `iss` must be the issuer when one is set.
   */
  jwt: { secret: string; publicKeyFile?: string; jwksFile?: string; issuer?: string };
  /** How the audit flow's messages are delivered. */
  delivery: {
    maxDeliveryCount: number;
    /** Receivers the messages are also POSTed to, with a timeout. */
    archiveUrl?: { url: string; timeoutMs: number };
    lanternUrl?: { url: string; timeoutMs: number };
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const helpText = `Usage: cubit-core-mock [start] [options]   (in a checkout: npm start -- [options])

Runs the Cubit Core mock: every operation of openapi/cubit-core.yaml under /test and /prod.

Options:
  --port <n>          Port to listen on (env PORT; default 4010; 0 picks a free port)
  --host <addr>       Address to listen on (env HOST; default 127.0.0.1; 0.0.0.0 for all interfaces)
  --data <file>       JSON data file (env CUBIT_MOCK_DATA; default data/local/cubit-mock.json)
  --in-memory         Keep nothing on disk: state is lost when the mock stops
  --spec <file>       OpenAPI document to serve (default openapi/cubit-core.yaml)
  --watch             Serve each edit of the spec file as soon as it loads, keeping the data, the request journal,
                      the fault rules and the audit flow's pending deliveries; an edit that does not load is logged
                      and the last good spec stays in service (env CUBIT_MOCK_WATCH=1)
  --compact-after <bytes>
                      Fold the write journal into the data file once it is larger than this and than
                      the data file (env CUBIT_MOCK_COMPACT_AFTER; default 4194304)
  --fsync             fdatasync every journal write and snapshot: acknowledged writes then survive power loss,
                      not only the process being killed; slower (env CUBIT_MOCK_FSYNC=1; see docs/reliability.md)
  --read-only         Serve the data file without ever writing it (no lock, no journal): every change is 503
                      read-only (env CUBIT_MOCK_READ_ONLY=1); works on a full or read-only disk
  --repair            Start on a data file that does not add up (a journal gap, a missing snapshot, a record
                      the spec refuses): copy the files to <data>.backup-<time>/, drop what does not fit, and
                      print every record and line dropped
  --log-level <lvl>   ${logLevels.join(', ')} (env CUBIT_MOCK_LOG_LEVEL; default info)
  --log-format <fmt>  pretty (one short coloured line per request), json (one JSON object per line, for CI and
                      log shippers) or auto: pretty when standard output is a terminal, else json
                      (env CUBIT_MOCK_LOG_FORMAT; default auto)
  --log-requests      A log line per request. Default: on when standard output is a terminal or --log-format is
                      given, off otherwise (the request journal under /__admin keeps every request either way);
                      env CUBIT_MOCK_LOG_REQUESTS=1 turns it on, =0 off
  --cors-origin <origins>
                      Origins a browser may call the mock from: *, a comma-separated list
                      (https://app.example,http://localhost:5173), or off (env CUBIT_MOCK_CORS_ORIGIN; default *)
  --trust-proxy       Build Location and the served spec's servers from a proxy's Forwarded or
                      X-Forwarded-Proto/-Host/-Prefix headers (env CUBIT_MOCK_TRUST_PROXY=1); only behind a proxy you run
  --request-timeout <ms>
                      Time a request may take to arrive in full, else 408 (env CUBIT_MOCK_REQUEST_TIMEOUT; default 30000)
  --max-connections <n>
                      Connections held at once; more are closed as they arrive (env CUBIT_MOCK_MAX_CONNECTIONS; default 10000)
  --keep-alive-timeout <ms>
                      Time an idle keep-alive connection stays open (env CUBIT_MOCK_KEEP_ALIVE_TIMEOUT; default 5000)
  --max-requests-per-socket <n>
                      Requests served on one connection before it is closed, 0 for no limit
                      (env CUBIT_MOCK_MAX_REQUESTS_PER_SOCKET; default 0)
  --no-admin          No admin API under /__admin (every path there is 404), no request journal, no fault rules
  --journal-size <n>  Requests the request journal keeps, newest first (env CUBIT_MOCK_JOURNAL_SIZE; default 1000; 0 keeps none)
  --auth-failure-limit <n>
                      Failed authentications (API key, bearer token or admin key) one client address may have within
                      the window; after that its requests that need credentials, correct ones included, get 429 with
                      Retry-After until the window ends (env CUBIT_MOCK_AUTH_FAILURE_LIMIT; default 20; 0 for no limit)
  --auth-failure-window <ms>
                      The window, from an address's first failure (env CUBIT_MOCK_AUTH_FAILURE_WINDOW; default 60000)
  --jwt-public-key <file>
                      Verify bearer tokens with RS256 and this PEM public key (SPKI, -----BEGIN PUBLIC KEY-----)
                      instead of the shared secret (env CUBIT_MOCK_JWT_PUBLIC_KEY)
  --jwt-jwks <file>   Verify bearer tokens with RS256 or ES256 and this JWKS file ({"keys": [...]}; the token's kid
                      picks the key) instead of the shared secret (env CUBIT_MOCK_JWT_JWKS; not with --jwt-public-key)
  --jwt-issuer <iss>  Bearer tokens must carry this iss (env CUBIT_MOCK_JWT_ISSUER; default: iss is not checked)
  --max-delivery-count <n>
                      Deliveries of an audit-flow message before it is dead-lettered
                      (env CUBIT_MOCK_MAX_DELIVERY_COUNT; default 10)
  --archive-url <url> Also POST every Archive save-case message there, with its id as Idempotency-Key; a non-2xx
                      answer or no answer fails the delivery (env CUBIT_MOCK_ARCHIVE_URL)
  --lantern-url <url> The same for Lantern's notifications (env CUBIT_MOCK_LANTERN_URL)
  --forward-timeout <ms>
                      Time a receiver of --archive-url or --lantern-url has to answer (env CUBIT_MOCK_FORWARD_TIMEOUT; default 5000)
  -h, --help          Show this help

Data commands (seed, reset, export, import), tokens, the contract suite, the proxy: cubit-core-mock --help

API keys (header X-API-Key):
  CUBIT_MOCK_TEST_API_KEY   key of the test environment (default ${devApiKeys.test})
  CUBIT_MOCK_PROD_API_KEY   key of the prod environment (default ${devApiKeys.prod})

Admin key (header X-Admin-Key, for /__admin; never an API key):
  CUBIT_MOCK_ADMIN_KEY      (default ${devAdminKey})

Bearer tokens (header Authorization: Bearer …, for the audit operations):
  CUBIT_MOCK_JWT_SECRET     HS256 secret, at least 32 bytes (default ${devJwtSecret});
                            unused with --jwt-public-key or --jwt-jwks
  A token needs exp and a non-empty sub, and aud cubit-core-test for /test, cubit-core-prod for /prod;
  exp and nbf are checked with 30 s of clock skew allowed.
  Mint a development token: cubit-core-mock token --subject you@example.no   (more: cubit-core-mock token --help)
`;

function parseBytes(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new ConfigError(`--compact-after must be a whole number of bytes above 0, got "${value}"`);
  return Number(value);
}

function parseCorsOrigins(value: string): Config['corsOrigins'] {
  if (value === '*' || value === 'off') return value;
  const origins = value.split(',').map((origin) => origin.trim()).filter((origin) => origin !== '');
  const bad = origins.find((origin) => !URL.canParse(origin) || new URL(origin).origin !== origin);
  if (origins.length === 0 || bad !== undefined) throw new ConfigError(`--cors-origin must be *, off, or a comma-separated list of origins such as https://app.example, got "${bad ?? value}"`);
  return origins;
}

function parseTimeout(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 100 || Number(value) > 3_600_000) throw new ConfigError(`--request-timeout must be a whole number of milliseconds from 100 to 3600000, got "${value}"`);
  return Number(value);
}

function parseJournalSize(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 1_000_000) throw new ConfigError(`--journal-size must be a whole number from 0 to 1000000, got "${value}"`);
  return Number(value);
}

function wholeNumber(option: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) throw new ConfigError(`--${option} must be a whole number from ${min} to ${max}, got "${value}"`);
  return Number(value);
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new ConfigError(`--port must be a whole number from 0 to 65535, got "${value}"`);
  return port;
}

function readJwtSettings(values: { 'jwt-public-key'?: string; 'jwt-jwks'?: string; 'jwt-issuer'?: string }, env: NodeJS.ProcessEnv): Config['jwt'] {
  const publicKeyFile = values['jwt-public-key'] || env.CUBIT_MOCK_JWT_PUBLIC_KEY || undefined;
  const jwksFile = values['jwt-jwks'] || env.CUBIT_MOCK_JWT_JWKS || undefined;
  if (publicKeyFile !== undefined && jwksFile !== undefined) {
    throw new ConfigError('--jwt-public-key (CUBIT_MOCK_JWT_PUBLIC_KEY) and --jwt-jwks (CUBIT_MOCK_JWT_JWKS) cannot be used together');
  }
  const issuer = values['jwt-issuer'] || env.CUBIT_MOCK_JWT_ISSUER || undefined;
  return {
    secret: env.CUBIT_MOCK_JWT_SECRET || devJwtSecret,
    ...(publicKeyFile === undefined ? {} : { publicKeyFile: resolve(publicKeyFile) }),
    ...(jwksFile === undefined ? {} : { jwksFile: resolve(jwksFile) }),
    ...(issuer === undefined ? {} : { issuer }),
  };
}

/** Returns the configuration, or `help` when --help was asked for. Throws ConfigError on bad input. */
export function readConfig(argv: string[], env: NodeJS.ProcessEnv): Config | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        'in-memory': { type: 'boolean' },
        spec: { type: 'string' },
        watch: { type: 'boolean' },
        'compact-after': { type: 'string' },
        fsync: { type: 'boolean' },
        'read-only': { type: 'boolean' },
        repair: { type: 'boolean' },
        'log-level': { type: 'string' },
        'log-format': { type: 'string' },
        'log-requests': { type: 'boolean' },
        'cors-origin': { type: 'string' },
        'trust-proxy': { type: 'boolean' },
        'request-timeout': { type: 'string' },
        'max-connections': { type: 'string' },
        'keep-alive-timeout': { type: 'string' },
        'max-requests-per-socket': { type: 'string' },
        'no-admin': { type: 'boolean' },
        'journal-size': { type: 'string' },
        'auth-failure-limit': { type: 'string' },
        'auth-failure-window': { type: 'string' },
        'jwt-public-key': { type: 'string' },
        'jwt-jwks': { type: 'string' },
        'jwt-issuer': { type: 'string' },
        'max-delivery-count': { type: 'string' },
        'archive-url': { type: 'string' },
        'lantern-url': { type: 'string' },
        'forward-timeout': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}\nRun with --help to list the options.`);
  }
  const { values } = parsed;
  if (values.help) return 'help';
  if (values['in-memory'] && values.data) throw new ConfigError('--data and --in-memory cannot be used together');
  const readOnly = values['read-only'] ?? env.CUBIT_MOCK_READ_ONLY === '1';
  if (readOnly && values['in-memory']) throw new ConfigError('--read-only serves a data file: it cannot be used with --in-memory');
  if (readOnly && values.repair) throw new ConfigError('--repair writes the repaired data file: it cannot be used with --read-only');
  const logLevel = values['log-level'] ?? env.CUBIT_MOCK_LOG_LEVEL ?? 'info';
  if (!(logLevels as readonly string[]).includes(logLevel)) throw new ConfigError(`--log-level must be one of ${logLevels.join(', ')}, got "${logLevel}"`);
  const logFormat = values['log-format'] ?? env.CUBIT_MOCK_LOG_FORMAT ?? 'auto';
  if (!(logFormats as readonly string[]).includes(logFormat)) throw new ConfigError(`--log-format must be one of ${logFormats.join(', ')}, got "${logFormat}"`);
  const dataFile = values.data ?? env.CUBIT_MOCK_DATA;
  const apiKeys = { test: env.CUBIT_MOCK_TEST_API_KEY || devApiKeys.test, prod: env.CUBIT_MOCK_PROD_API_KEY || devApiKeys.prod };
  const adminKey = values['no-admin'] ? undefined : env.CUBIT_MOCK_ADMIN_KEY || devAdminKey;
  if (adminKey !== undefined && Object.values(apiKeys).includes(adminKey)) {
    throw new ConfigError('CUBIT_MOCK_ADMIN_KEY must differ from both API keys: an API key never opens the admin API');
  }
  return {
    host: values.host ?? env.HOST ?? '127.0.0.1',
    port: parsePort(values.port ?? env.PORT ?? '4010'),
    dataFile: values['in-memory'] ? undefined : dataFile ? resolve(dataFile) : defaultDataFile,
    specFile: values.spec ? resolve(values.spec) : undefined,
    watch: values.watch ?? env.CUBIT_MOCK_WATCH === '1',
    compactAfterBytes: parseBytes(values['compact-after'] ?? env.CUBIT_MOCK_COMPACT_AFTER),
    fsync: values.fsync ?? env.CUBIT_MOCK_FSYNC === '1',
    readOnly,
    repair: values.repair ?? false,
    apiKeys,
    adminKey,
    journalSize: parseJournalSize(values['journal-size'] ?? env.CUBIT_MOCK_JOURNAL_SIZE ?? '1000'),
    authFailureLimit: readAuthFailureLimit(values, env),
    logLevel: logLevel as Config['logLevel'],
    logFormat: logFormat as Config['logFormat'],
    logRequests: readLogRequests(values['log-requests'], env, values['log-format'] ?? env.CUBIT_MOCK_LOG_FORMAT),
    corsOrigins: parseCorsOrigins(values['cors-origin'] ?? env.CUBIT_MOCK_CORS_ORIGIN ?? '*'),
    trustProxy: values['trust-proxy'] ?? env.CUBIT_MOCK_TRUST_PROXY === '1',
    requestTimeout: parseTimeout(values['request-timeout'] ?? env.CUBIT_MOCK_REQUEST_TIMEOUT ?? '30000'),
    jwt: readJwtSettings(values, env),
    connections: {
      maxConnections: wholeNumber('max-connections', values['max-connections'] ?? env.CUBIT_MOCK_MAX_CONNECTIONS ?? '10000', 1, 1_000_000),
      keepAliveTimeout: wholeNumber('keep-alive-timeout', values['keep-alive-timeout'] ?? env.CUBIT_MOCK_KEEP_ALIVE_TIMEOUT ?? '5000', 100, 600_000),
      maxRequestsPerSocket: wholeNumber('max-requests-per-socket', values['max-requests-per-socket'] ?? env.CUBIT_MOCK_MAX_REQUESTS_PER_SOCKET ?? '0', 0, 1_000_000),
    },
    delivery: readDeliverySettings(values, env),
  };
}

/** Whether to log a line per request: asked for, or (undefined) left to serve.ts; an explicit --log-format asks for them. */
function readLogRequests(flag: boolean | undefined, env: NodeJS.ProcessEnv, explicitFormat: string | undefined): boolean | undefined {
  if (flag) return true;
  const fromEnv = env.CUBIT_MOCK_LOG_REQUESTS;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv !== '0' && fromEnv !== '1') throw new ConfigError(`CUBIT_MOCK_LOG_REQUESTS must be 1 or 0, got "${fromEnv}"`);
    return fromEnv === '1';
  }
  return explicitFormat === undefined || explicitFormat === 'auto' ? undefined : true;
}

function readAuthFailureLimit(values: { 'auth-failure-limit'?: string; 'auth-failure-window'?: string }, env: NodeJS.ProcessEnv): Config['authFailureLimit'] {
  const failures = wholeNumber('auth-failure-limit', values['auth-failure-limit'] ?? env.CUBIT_MOCK_AUTH_FAILURE_LIMIT ?? '20', 0, 1_000_000);
  const windowMs = wholeNumber('auth-failure-window', values['auth-failure-window'] ?? env.CUBIT_MOCK_AUTH_FAILURE_WINDOW ?? '60000', 100, 86_400_000);
  return failures === 0 ? false : { failures, windowMs };
}

function readDeliverySettings(values: { 'max-delivery-count'?: string; 'archive-url'?: string; 'lantern-url'?: string; 'forward-timeout'?: string }, env: NodeJS.ProcessEnv): Config['delivery'] {
  const count = values['max-delivery-count'] ?? env.CUBIT_MOCK_MAX_DELIVERY_COUNT ?? '10';
  if (!/^\d+$/.test(count) || Number(count) < 1 || Number(count) > 100) throw new ConfigError(`--max-delivery-count must be a whole number from 1 to 100, got "${count}"`);
  const timeout = values['forward-timeout'] ?? env.CUBIT_MOCK_FORWARD_TIMEOUT ?? '5000';
  if (!/^\d+$/.test(timeout) || Number(timeout) < 100 || Number(timeout) > 600_000) throw new ConfigError(`--forward-timeout must be a whole number of milliseconds from 100 to 600000, got "${timeout}"`);
  const target = (option: string, value: string | undefined) => {
    if (value === undefined || value === '') return undefined;
    if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) throw new ConfigError(`--${option} must be an http or https URL, got "${value}"`);
    return { url: value, timeoutMs: Number(timeout) };
  };
  const settings: Config['delivery'] = { maxDeliveryCount: Number(count) };
  const archiveUrl = target('archive-url', values['archive-url'] ?? env.CUBIT_MOCK_ARCHIVE_URL);
  const lanternUrl = target('lantern-url', values['lantern-url'] ?? env.CUBIT_MOCK_LANTERN_URL);
  if (archiveUrl) settings.archiveUrl = archiveUrl;
  if (lanternUrl) settings.lanternUrl = lanternUrl;
  return settings;
}
