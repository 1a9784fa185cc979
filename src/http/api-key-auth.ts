// API key check for one environment: constant-time, and the same 401 for a missing, wrong or foreign key.
import { createHash, timingSafeEqual } from 'node:crypto';
import { ApiError } from '../errors/api-error.js';
import { catalogue } from '../errors/catalogue.js';
import type { ApiKeyScheme } from '../spec/operations.js';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

export type HeaderLookup = (name: string) => string | string[] | undefined;

/** Returns a check that throws the catalogue's 401 unless one of the schemes' headers carries the key. */
export function apiKeyCheck(expectedKey: string, schemes: ApiKeyScheme[]): (header: HeaderLookup) => void {
  const expected = digest(expectedKey);
  const challenge = schemes.map((s) => `ApiKey header="${s.header}"`).join(', ');
  const unauthorized = () =>
    new ApiError(catalogue.unauthorized, `A valid API key for this environment is required in the ${schemes.map((s) => s.header).join(' or ')} header.`, {
      headers: { 'www-authenticate': challenge },
    });
  return (header) => {
    for (const scheme of schemes) {
      const provided = header(scheme.header.toLowerCase());
      if (typeof provided === 'string' && timingSafeEqual(digest(provided), expected)) return;
    }
    throw unauthorized();
  };
}
