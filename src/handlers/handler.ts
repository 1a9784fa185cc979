// What an operation handler receives and returns. Handlers know the store and the contract's types,
// never HTTP: they return a status and a body, or throw an ApiError from the catalogue.
import type { Store } from '../store/store.js';

export interface OperationContext {
  environment: string;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  /**
   * The URL of the request as the client reached it, without the query string, e.g.
   * `http://127.0.0.1:4010/test/customers` (behind a trusted proxy: its scheme, host and prefix). A function,
   * so that only the answers that need it (a 201's Location) pay for building it.
   */
  requestUrl: () => string;
  store: Store;
  now: () => Date;
  /** A request header's value (lower-case name); undefined when absent. */
  header: (name: string) => string | undefined;
  /** Who the bearer token names (`sub`), for operations secured by one; undefined otherwise. */
  subject: string | undefined;
}

export interface OperationResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (context: OperationContext) => Promise<OperationResult>;

export type HandlerMap = Record<string, Handler>;
