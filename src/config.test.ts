import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { type Config, ConfigError, defaultDataFile, devAdminKey, devApiKeys, devJwtSecret, helpText, readConfig } from './config.js';

const jwtOf = (argv: string[], env: NodeJS.ProcessEnv) => (readConfig(argv, env) as Config).jwt;

describe('readConfig', () => {
  it('has safe local defaults', () => {
    expect(readConfig([], {})).toEqual({
      host: '127.0.0.1',
      port: 4010,
      dataFile: defaultDataFile,
      specFile: undefined,
      watch: false,
      compactAfterBytes: undefined,
      fsync: false,
      readOnly: false,
      repair: false,
      apiKeys: devApiKeys,
      logLevel: 'info',
      logFormat: 'auto',
      corsOrigins: '*',
      trustProxy: false,
      requestTimeout: 30000,
      adminKey: devAdminKey,
      journalSize: 1000,
      authFailureLimit: { failures: 20, windowMs: 60_000 },
      jwt: { secret: devJwtSecret },
      delivery: { maxDeliveryCount: 10 },
      connections: { maxConnections: 10_000, keepAliveTimeout: 5_000, maxRequestsPerSocket: 0 },
    });
    expect(defaultDataFile).toMatch(/\/data\/local\/cubit-mock\.json$/);
  });

  it('takes options over environment variables over defaults', () => {
    const env = { PORT: '5000', HOST: '0.0.0.0', CUBIT_MOCK_DATA: '/tmp/env.json', CUBIT_MOCK_TEST_API_KEY: 'k1', CUBIT_MOCK_PROD_API_KEY: 'k2' };
    expect(readConfig([], env)).toMatchObject({ port: 5000, host: '0.0.0.0', dataFile: '/tmp/env.json', apiKeys: { test: 'k1', prod: 'k2' } });
    expect(readConfig(['--port', '6000', '--data', '/tmp/arg.json'], env)).toMatchObject({ port: 6000, dataFile: '/tmp/arg.json' });
    expect(readConfig(['--in-memory'], env).valueOf()).toMatchObject({ dataFile: undefined });
  });

  it('reads the log format: pretty, json, or auto (pretty on a terminal)', () => {
    expect(readConfig(['--log-format', 'json'], {})).toMatchObject({ logFormat: 'json' });
    expect(readConfig([], { CUBIT_MOCK_LOG_FORMAT: 'pretty' })).toMatchObject({ logFormat: 'pretty' });
    expect(() => readConfig(['--log-format', 'yaml'], {})).toThrow('--log-format must be one of auto, pretty, json, got "yaml"');
  });

  it('logs a line per request when asked for, by --log-requests, CUBIT_MOCK_LOG_REQUESTS or an explicit --log-format', () => {
    expect(readConfig([], {})).toMatchObject({ logRequests: undefined });
    expect(readConfig(['--log-format', 'auto'], {})).toMatchObject({ logRequests: undefined });
    expect(readConfig(['--log-requests'], {})).toMatchObject({ logRequests: true });
    expect(readConfig([], { CUBIT_MOCK_LOG_REQUESTS: '1' })).toMatchObject({ logRequests: true });
    expect(readConfig(['--log-format', 'json'], { CUBIT_MOCK_LOG_REQUESTS: '0' })).toMatchObject({ logRequests: false });
    expect(readConfig(['--log-format', 'json'], {})).toMatchObject({ logRequests: true });
    expect(readConfig([], { CUBIT_MOCK_LOG_FORMAT: 'pretty' })).toMatchObject({ logRequests: true });
    expect(() => readConfig([], { CUBIT_MOCK_LOG_REQUESTS: 'yes' })).toThrow('CUBIT_MOCK_LOG_REQUESTS must be 1 or 0');
    expect(helpText).toContain('--log-requests');
  });

  it('watches the spec with --watch or CUBIT_MOCK_WATCH=1', () => {
    expect(readConfig(['--watch'], {})).toMatchObject({ watch: true });
    expect(readConfig([], { CUBIT_MOCK_WATCH: '1' })).toMatchObject({ watch: true });
    expect(readConfig([], { CUBIT_MOCK_WATCH: '0' })).toMatchObject({ watch: false });
    expect(helpText).toContain('--watch ');
    expect(helpText).toContain('CUBIT_MOCK_WATCH=1');
  });

  it('answers help', () => {
    expect(readConfig(['--help'], {})).toBe('help');
  });

  it('rejects bad input with a clear message', () => {
    expect(() => readConfig(['--port', '99999'], {})).toThrow(ConfigError);
    expect(() => readConfig(['--port', 'abc'], {})).toThrow('--port must be a whole number');
    expect(() => readConfig(['--log-level', 'loud'], {})).toThrow('--log-level must be one of');
    expect(() => readConfig(['--data', 'x.json', '--in-memory'], {})).toThrow('cannot be used together');
    expect(() => readConfig(['--nope'], {})).toThrow("Unknown option '--nope'");
    expect(() => readConfig(['--compact-after', '0'], {})).toThrow('--compact-after must be a whole number');
    expect(readConfig(['--compact-after', '4096'], {})).toMatchObject({ compactAfterBytes: 4096 });
    expect(() => readConfig(['--cors-origin', 'app.example'], {})).toThrow('--cors-origin must be *, off, or a comma-separated list of origins');
    expect(() => readConfig(['--cors-origin', 'https://app.example/path'], {})).toThrow('--cors-origin must be');
    expect(() => readConfig(['--request-timeout', '5'], {})).toThrow('--request-timeout must be a whole number of milliseconds');
  });

  it('reads the admin key and the journal size, and turns the admin API off', () => {
    expect(readConfig([], { CUBIT_MOCK_ADMIN_KEY: 'a-fake-admin-key', CUBIT_MOCK_JOURNAL_SIZE: '50' })).toMatchObject({ adminKey: 'a-fake-admin-key', journalSize: 50 });
    expect(readConfig(['--no-admin', '--journal-size', '0'], {})).toMatchObject({ adminKey: undefined, journalSize: 0 });
    expect(() => readConfig(['--journal-size', '1.5'], {})).toThrow('--journal-size must be a whole number');
    // An API key must never open the admin API, so the admin key may not be one.
    expect(() => readConfig([], { CUBIT_MOCK_ADMIN_KEY: 'same-key', CUBIT_MOCK_TEST_API_KEY: 'same-key' })).toThrow('must differ from both API keys');
  });

  it('reads CORS origins, proxy trust and the request timeout', () => {
    expect(readConfig(['--cors-origin', 'https://app.example, http://localhost:5173'], {})).toMatchObject({ corsOrigins: ['https://app.example', 'http://localhost:5173'] });
    expect(readConfig([], { CUBIT_MOCK_CORS_ORIGIN: 'off' })).toMatchObject({ corsOrigins: 'off' });
    expect(readConfig(['--trust-proxy'], {})).toMatchObject({ trustProxy: true });
    expect(readConfig([], { CUBIT_MOCK_TRUST_PROXY: '1', CUBIT_MOCK_REQUEST_TIMEOUT: '5000' })).toMatchObject({ trustProxy: true, requestTimeout: 5000 });
  });

  it('reads the failed-authentication limit and its window, and turns the limit off with 0', () => {
    expect(readConfig(['--auth-failure-limit', '5', '--auth-failure-window', '250'], {})).toMatchObject({ authFailureLimit: { failures: 5, windowMs: 250 } });
    expect(readConfig([], { CUBIT_MOCK_AUTH_FAILURE_LIMIT: '100', CUBIT_MOCK_AUTH_FAILURE_WINDOW: '300000' })).toMatchObject({ authFailureLimit: { failures: 100, windowMs: 300_000 } });
    expect(readConfig(['--auth-failure-limit', '7'], { CUBIT_MOCK_AUTH_FAILURE_LIMIT: '100' })).toMatchObject({ authFailureLimit: { failures: 7, windowMs: 60_000 } });
    expect(readConfig(['--auth-failure-limit', '0'], {})).toMatchObject({ authFailureLimit: false });
    expect(readConfig([], { CUBIT_MOCK_AUTH_FAILURE_LIMIT: '0' })).toMatchObject({ authFailureLimit: false });
    expect(() => readConfig(['--auth-failure-limit=-1'], {})).toThrow('--auth-failure-limit must be a whole number from 0 to 1000000, got "-1"');
    expect(() => readConfig(['--auth-failure-window', '1m'], {})).toThrow('--auth-failure-window must be a whole number from 100 to 86400000, got "1m"');
    for (const text of ['--auth-failure-limit <n>', '--auth-failure-window <ms>', 'CUBIT_MOCK_AUTH_FAILURE_LIMIT', 'CUBIT_MOCK_AUTH_FAILURE_WINDOW', '0 for no limit']) expect(helpText).toContain(text);
  });

  it('reads how bearer tokens are verified: the secret, one key file (resolved), and the issuer', () => {
    expect(jwtOf([], { CUBIT_MOCK_JWT_SECRET: '' })).toEqual({ secret: devJwtSecret });
    const env = { CUBIT_MOCK_JWT_SECRET: 'a-fake-jwt-secret-of-at-least-32-bytes', CUBIT_MOCK_JWT_PUBLIC_KEY: 'keys/env.pem', CUBIT_MOCK_JWT_ISSUER: 'https://idp.example' };
    expect(jwtOf([], env)).toEqual({ secret: env.CUBIT_MOCK_JWT_SECRET, publicKeyFile: resolve('keys/env.pem'), issuer: 'https://idp.example' });
    expect(jwtOf(['--jwt-public-key', '/keys/arg.pem', '--jwt-issuer', 'cubit-core-mock'], env)).toEqual({ secret: env.CUBIT_MOCK_JWT_SECRET, publicKeyFile: resolve('/keys/arg.pem'), issuer: 'cubit-core-mock' });
    expect(jwtOf([], { CUBIT_MOCK_JWT_JWKS: 'keys/jwks.json' })).toEqual({ secret: devJwtSecret, jwksFile: resolve('keys/jwks.json') });
    expect(jwtOf(['--jwt-jwks', '/keys/arg.json'], {})).toEqual({ secret: devJwtSecret, jwksFile: resolve('/keys/arg.json') });
  });

  it('refuses a public key file together with a JWKS file, from options or the environment', () => {
    expect(() => readConfig(['--jwt-public-key', 'a.pem', '--jwt-jwks', 'b.json'], {})).toThrow(ConfigError);
    expect(() => readConfig(['--jwt-jwks', 'b.json'], { CUBIT_MOCK_JWT_PUBLIC_KEY: 'a.pem' })).toThrow('--jwt-public-key (CUBIT_MOCK_JWT_PUBLIC_KEY) and --jwt-jwks (CUBIT_MOCK_JWT_JWKS) cannot be used together');
    expect(() => readConfig([], { CUBIT_MOCK_JWT_PUBLIC_KEY: 'a.pem', CUBIT_MOCK_JWT_JWKS: 'b.json' })).toThrow('cannot be used together');
  });

  it('reads how the audit flow delivers: the max delivery count, and receivers to forward to with a timeout', () => {
    const config = readConfig(['--max-delivery-count', '3', '--archive-url', 'http://127.0.0.1:9999/cases', '--forward-timeout', '250'], { CUBIT_MOCK_LANTERN_URL: 'https://lantern.example/notify' });
    expect(config).toMatchObject({
      delivery: { maxDeliveryCount: 3, archiveUrl: { url: 'http://127.0.0.1:9999/cases', timeoutMs: 250 }, lanternUrl: { url: 'https://lantern.example/notify', timeoutMs: 250 } },
    });
    expect(() => readConfig(['--max-delivery-count', '0'], {})).toThrow(/--max-delivery-count must be a whole number from 1 to 100, got "0"/);
    expect(() => readConfig(['--archive-url', 'ftp://x'], {})).toThrow(/--archive-url must be an http or https URL/);
    expect(() => readConfig(['--forward-timeout', '5'], {})).toThrow(/--forward-timeout/);
  });

  it('documents bearer tokens in the help', () => {
    expect(helpText).toContain('Bearer tokens (header Authorization: Bearer …, for the audit operations):');
    expect(helpText).toContain(`CUBIT_MOCK_JWT_SECRET     HS256 secret, at least 32 bytes (default ${devJwtSecret})`);
    for (const text of ['--jwt-public-key <file>', '--jwt-jwks <file>', '--jwt-issuer <iss>', 'cubit-core-test', 'cubit-core-prod', '30 s of clock skew', 'cubit-core-mock token --subject you@example.no']) expect(helpText).toContain(text);
  });
});
