// What an admin handler receives and returns: like the contract's handlers, no HTTP, only values (or a stream of
// text, for a snapshot of any size), and ApiErrors from the catalogue.
import type { Readable } from 'node:stream';

export interface AdminContext {
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  /** The admin API's URL as the client reached it, e.g. `http://127.0.0.1:4010/__admin`. */
  adminUrl: () => string;
}

export interface AdminResult {
  status: number;
  body?: unknown;
  /** A JSON body sent as it is produced. */
  stream?: Readable;
  headers?: Record<string, string>;
}

export type AdminHandler = (context: AdminContext) => Promise<AdminResult>;

export type AdminHandlerMap = Record<string, AdminHandler>;
