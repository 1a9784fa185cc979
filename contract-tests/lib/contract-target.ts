// The target of one run, as the global setup resolved it and hands it to every test file (vitest provide/inject).
export interface ContractTarget {
  /** The environment's base URL; spec paths are appended to it. */
  baseUrl: string;
  apiKey: string;
  /** The bearer token sent to operations a bearer scheme secures (the audit operations); undefined when none do. */
  bearerToken: string | undefined;
  /** The mock's admin API, when the target has one the suite may read (the audit flow's messages); else undefined. */
  adminUrl: string | undefined;
  adminKey: string | undefined;
  /** For the summary: the in-process mock, or the URL given in CONTRACT_BASE_URL. */
  description: string;
  prod: boolean;
  writesAllowed: boolean;
  writesDisabledReason: string | undefined;
  runId: string;
  /** Scratch directory where workers append their records (see run-records.ts). */
  runDir: string;
  specFile: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    contractTarget: ContractTarget;
  }
}
