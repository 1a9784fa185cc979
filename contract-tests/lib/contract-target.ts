// The target of one run, as the global setup resolved it and hands it to every test file (vitest provide/inject).
export interface ContractTarget {
  /** The environment's base URL; spec paths are appended to it. */
  baseUrl: string;
  apiKey: string;
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
