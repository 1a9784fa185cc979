// Which API the suite judges and what it may do there, from the environment (read once, in the global setup).
//   CONTRACT_BASE_URL      the environment's base URL, e.g. https://host/test; unset: the mock, in-process
//   CONTRACT_API_KEY       the key sent in the spec's API key header (required with CONTRACT_BASE_URL)
//   CONTRACT_BEARER_TOKEN  the JWT sent as `Authorization: Bearer …` to operations a bearer scheme secures (the
//                          audit operations); required with CONTRACT_BASE_URL when the spec has such operations,
//                          and checked by the preflight (a token the environment refuses stops the run)
//   CONTRACT_ADMIN_URL, CONTRACT_ADMIN_KEY  a mock's admin API (…/__admin) and key, where the suite reads the messages
//                          the audit flow sent; unset against a real deployment, whose messages cannot be seen
//   CONTRACT_ALLOW_WRITES  1 lets tests that write run against a prod target
//   CONTRACT_READ_ONLY     1 leaves out every test that writes, whatever the target
//   CONTRACT_SPEC_FILE     the OpenAPI document (default openapi/cubit-core.yaml)
//   CONTRACT_REPORT_DIR    where coverage.json, violations.json and summary.txt go (default reports/contract)
//   CONTRACT_ENFORCE_COVERAGE  0 reports coverage gaps without failing the run (for a filtered run)

export interface TargetSettings {
  /** Undefined: start the mock in-process. */
  baseUrl: string | undefined;
  apiKey: string | undefined;
  bearerToken: string | undefined;
  adminUrl: string | undefined;
  adminKey: string | undefined;
  prod: boolean;
  writesAllowed: boolean;
  /** Why tests that write are left out, when they are. */
  writesDisabledReason: string | undefined;
  specFile: string | undefined;
  reportDir: string;
  enforceCoverage: boolean;
}

const prodWords = new Set(['prod', 'production']);

/**
 * A base URL is a prod target when one of its path segments, or one of its host name's words (split on `.`
 * and `-`), is `prod` or `production`: `https://host/prod`, `https://prod.api.example`, `https://api-prod.example/v1`.
 * When in doubt the suite treats a target as prod: a false alarm costs a flag, a miss could write to production.
 */
export function isProdTarget(baseUrl: string): boolean {
  const url = new URL(baseUrl);
  const words = [...url.hostname.split(/[.-]/), ...url.pathname.split('/')].map((word) => word.toLowerCase());
  return words.some((word) => prodWords.has(word));
}

export function readTargetSettings(env: NodeJS.ProcessEnv): TargetSettings {
  const rawBaseUrl = env.CONTRACT_BASE_URL?.trim() || undefined;
  const baseUrl = rawBaseUrl?.replace(/\/+$/, '');
  if (baseUrl !== undefined) {
    if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol)) throw new Error(`CONTRACT_BASE_URL is not an http(s) URL: ${baseUrl}`);
    if (!env.CONTRACT_API_KEY) throw new Error('CONTRACT_BASE_URL is set but CONTRACT_API_KEY is not: the suite needs the environment\'s API key');
  }
  const prod = baseUrl !== undefined && isProdTarget(baseUrl);
  let writesDisabledReason: string | undefined;
  if (env.CONTRACT_READ_ONLY === '1') writesDisabledReason = 'CONTRACT_READ_ONLY=1 (read-only mode)';
  else if (prod && env.CONTRACT_ALLOW_WRITES !== '1') writesDisabledReason = 'the target is prod and CONTRACT_ALLOW_WRITES is not 1 (read-only mode)';
  return {
    baseUrl,
    apiKey: baseUrl === undefined ? undefined : env.CONTRACT_API_KEY,
    bearerToken: baseUrl === undefined ? undefined : env.CONTRACT_BEARER_TOKEN?.trim() || undefined,
    adminUrl: baseUrl === undefined ? undefined : env.CONTRACT_ADMIN_URL?.trim().replace(/\/+$/, '') || undefined,
    adminKey: baseUrl === undefined ? undefined : env.CONTRACT_ADMIN_KEY || undefined,
    prod,
    writesAllowed: writesDisabledReason === undefined,
    writesDisabledReason,
    specFile: env.CONTRACT_SPEC_FILE || undefined,
    reportDir: env.CONTRACT_REPORT_DIR || 'reports/contract',
    enforceCoverage: env.CONTRACT_ENFORCE_COVERAGE !== '0',
  };
}
