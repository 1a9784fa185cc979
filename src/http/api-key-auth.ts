// API key check for one environment: constant-time, and the same 401 for a missing, wrong or foreign key.
import { timingSafeEqual } from 'node:crypto';
import { ApiError } from '../errors/api-error.js';
import { catalogue } from '../errors/catalogue.js';
import type { ApiKeyScheme } from '../spec/operations.js';

/**
 * Compares a presented key with the expected one in time that depends only on the expected key's length:
 * the presented key is copied into a buffer of that length (cut or zero-padded) and compared with
 * timingSafeEqual, then the lengths are compared.
 */
function keyComparer(expectedKey: string): (presented: string) => boolean {
  const expected = Buffer.from(expectedKey);
  const scratch = Buffer.alloc(expected.length);
  return (presented) => {
    scratch.fill(0);
    scratch.write(presented);
    return timingSafeEqual(scratch, expected) && Buffer.byteLength(presented) === expected.length;
  };
}

export type HeaderLookup = (name: string) => string | string[] | undefined;

/**
 * Returns a check that throws the catalogue's 401 unless one of the schemes' headers carries the key. `detail`
 * says what is required where (the API key of an environment, by default; the admin key for the admin API).
 */
export function apiKeyCheck(expectedKey: string, schemes: ApiKeyScheme[], detail?: string): (header: HeaderLookup) => void {
  const matches = keyComparer(expectedKey);
  const challenge = schemes.map((s) => `ApiKey header="${s.header}"`).join(', ');
  const headers = schemes.map((s) => s.header).join(' or ');
  const message = detail ?? `A valid API key for this environment is required in the ${headers} header.`;
  const unauthorized = () => new ApiError(catalogue.unauthorized, message, { headers: { 'www-authenticate': challenge } });
  return (header) => {
    for (const scheme of schemes) {
      const provided = header(scheme.header.toLowerCase());
      if (typeof provided === 'string' && matches(provided)) return;
    }
    throw unauthorized();
  };
}
