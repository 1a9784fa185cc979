// The limit on failed authentications per client address, kept by @fastify/rate-limit's counter. Only a refused
// credential counts: a missing or wrong API key, bearer token or admin key, all on one count per address. Once an
// address has `failures` of them within the window, every request from it that needs credentials is a 429 with
// Retry-After until the window ends, and then the count starts again from zero.
//
// While an address is blocked, a correct credential from it gets the 429 too, and is not checked. Were it let
// through, the block would still tell a right guess (200) from a wrong one (429), and guessing could go on at full
// speed: the limit would protect nothing. A correct credential never counts, and never clears the count either
// (else one known key would buy unlimited guesses at another). Other addresses are not affected; clients behind
// one proxy or NAT share its address, and so share its count.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error.js';
import { catalogue } from '../errors/catalogue.js';

export interface AuthFailureLimit {
  /** Refused credentials from one address, within the window, after which its requests get 429. */
  failures: number;
  /** Milliseconds from an address's first counted failure until its count starts again. */
  windowMs: number;
}

/** 20 failed authentications per address per minute. */
export const authFailureLimitDefaults: AuthFailureLimit = { failures: 20, windowMs: 60_000 };

/**
 * Runs a credential check under the limit: rejects with the 429 while the request's address is blocked (without
 * running the check), and counts the check's 401 against the address before passing it on.
 */
export type AuthFailureGuard = (request: FastifyRequest, check: () => unknown) => Promise<void>;

const refusedCredential = (error: unknown): boolean => error instanceof ApiError && error.problem === catalogue.unauthorized;

/**
 * Registers @fastify/rate-limit (for no route of its own: `global: false`) and returns the guard. The address is the
 * socket's (`request.ip`; an IPv6 address counts for its /64 network, as the plugin does), and the plugin's
 * in-memory store keeps the counts of the 5000 addresses that failed most recently.
 */
export async function registerAuthFailureLimit(app: FastifyInstance, limit: AuthFailureLimit): Promise<AuthFailureGuard> {
  await app.register(rateLimit, { global: false });
  const count = app.createRateLimit({ max: limit.failures, timeWindow: limit.windowMs });
  const window = `${Math.ceil(limit.windowMs / 1000)} s`;
  return async (request, check) => {
    // A look at the count that does not add to it: only refused credentials do.
    const state = await count(request, { increment: false });
    if (!state.isAllowed && state.remaining === 0) {
      const seconds = Math.max(1, state.ttlInSeconds);
      throw new ApiError(
        catalogue.tooManyAuthFailures,
        `Too many failed authentications from this address (${limit.failures} within ${window}): requests that need credentials are refused, correct ones included, for ${seconds} more seconds.`,
        { headers: { 'retry-after': String(seconds) } },
      );
    }
    try {
      await check();
    } catch (error) {
      if (refusedCredential(error)) {
        const after = await count(request);
        // remaining 0 and not yet exceeded: this failure is the one that reached the limit.
        if (!after.isAllowed && after.remaining === 0 && !after.isExceeded) {
          request.log.warn({ address: request.ip, failures: limit.failures, window }, 'too many failed authentications: this address gets 429 until the window ends');
        }
      }
      throw error;
    }
  };
}
