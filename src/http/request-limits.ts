// Limits on the request itself, each answered with a problem from the catalogue before anything else is
// looked at: the URL's length (414), the request head's size (431, enforced by Node's parser: see
// client-errors.ts) and how long a request may take to arrive (408, likewise). A mock that is shutting down
// answers 503 and closes the connection.

import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors/api-error.js';
import { catalogue } from '../errors/catalogue.js';

/** Largest request body accepted, in bytes; larger is 413. Documented in the spec. */
export const bodyLimit = 1024 * 1024;
/** Longest request target (path and query) served; longer is 414. */
export const maxUrlLength = 8192;
/** Largest request head (request line and header fields) Node's parser accepts; larger is 431 (or 414). */
export const maxHeaderBytes = 16384;
/** Default time for a whole request to arrive, in milliseconds; slower is 408. */
/** How many connections the mock holds, and for how long an idle one stays open. */
export interface ConnectionLimits {
  /** Connections open at once; more are closed as they arrive. */
  maxConnections: number;
  /** Milliseconds an idle keep-alive connection stays open. */
  keepAliveTimeout: number;
  /** Requests served on one connection before it is closed (0: no limit). */
  maxRequestsPerSocket: number;
}

/**
 * The defaults: room for many thousands of idle or slow clients (each costs a file descriptor and a few KiB), well
 * below the usual descriptor limits; idle connections closed after 5 s (Node's own default; Fastify's is 72 s);
 * no limit on requests per connection (a limit protects nothing the connection cap and the timeouts do not, and
 * makes keep-alive clients reconnect; when one is set, connection-turns.ts closes the connection after the last
 * answer). A request's head and body must arrive within the request timeout (30 s).
 */
export const connectionDefaults: ConnectionLimits = { maxConnections: 10_000, keepAliveTimeout: 5_000, maxRequestsPerSocket: 0 };

export const defaultRequestTimeout = 30_000;

/** The first check of every request Fastify routes, served or not: shutting down (503), then the URL's length (414). */
export function registerRequestLimits(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onRequest', (request, reply, done) => {
    if (closing) {
      reply.header('connection', 'close');
      done(new ApiError(catalogue.serviceUnavailable, 'The mock is shutting down; send the request again once it is back.'));
    } else if (request.url.length > maxUrlLength) {
      done(new ApiError(catalogue.uriTooLong, `The URL is longer than ${maxUrlLength} bytes.`));
    } else done();
  });
}
