// One entry of the request journal, as the admin document's JournalEntry schema has it: a type of its own, with no
// imports, so that the QA console (console/, compiled for the browser) shares it with the admin API.
export interface JournalEntry {
  id: string;
  time: string;
  environment: string | null;
  operationId: string | null;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  requestHeaders: Record<string, string>;
  requestBody: string | null; requestBodyTruncated: boolean;
  status: number | null;
  outcome: 'answered' | 'connection-closed' | 'aborted';
  latencyMs: number;
  responseBody: string | null; responseBodyTruncated: boolean;
  faultRuleId: string | null;
}
