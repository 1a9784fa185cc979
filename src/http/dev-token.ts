// Development bearer tokens: HS256 JWTs signed with the mock's shared secret, which the mock accepts for the audit
// operations. The token command prints one; the admin API's issueClientCredentials hands them to the QA console.
import { SignJWT } from 'jose';
import { defaultAudience, minimumSecretBytes } from './bearer-auth.js';

/** What `iss` every development token carries. */
export const devTokenIssuer = 'cubit-core-mock';
const unitSeconds = { s: 1, m: 60, h: 3_600, d: 86_400 } as const;
const longestLifetimeSeconds = 365 * unitSeconds.d;

/** Input a token cannot be minted from; the message says what is wrong. */
export class DevTokenError extends Error {
  override name = 'DevTokenError';
}

/** Seconds of a lifetime such as `90s`, `15m`, `1h` or `2d`; throws DevTokenError on anything else. */
export function parseLifetime(text: string): number {
  const match = /^(\d{1,9})([smhd])$/.exec(text);
  const seconds = match === null ? Number.NaN : Number(match[1]) * unitSeconds[match[2] as keyof typeof unitSeconds];
  if (!(seconds >= 1 && seconds <= longestLifetimeSeconds)) {
    throw new DevTokenError(`--expires-in must be a whole number above 0 and s, m, h or d (such as 90s, 15m, 1h, 2d), at most 365d, got "${text}"`);
  }
  return seconds;
}

export interface DevTokenRequest {
  subject: string;
  environment: string;
  /** A lifetime such as `90s`, `15m`, `1h` or `2d`. */
  expiresIn: string;
  /** Default: the environment's audience, cubit-core-<environment>. */
  audience?: string;
  secret: string;
  /** The token's iss; default devTokenIssuer. */
  issuer?: string;
  /** The issue time; default: now. */
  now?: Date;
}

/** Signs a development token (HS256; iss, sub, aud, iat, exp). Throws DevTokenError on unusable input. */
export async function mintDevToken({ subject, environment, expiresIn, audience, secret, issuer = devTokenIssuer, now = new Date() }: DevTokenRequest): Promise<string> {
  if (subject.trim() === '') throw new DevTokenError('--subject must not be empty');
  const aud = audience ?? defaultAudience(environment);
  if (aud === '') throw new DevTokenError('--audience must not be empty');
  const key = new TextEncoder().encode(secret);
  if (key.length < minimumSecretBytes) throw new DevTokenError(`The secret is ${key.length} bytes long; HS256 needs at least ${minimumSecretBytes}`);
  const lifetime = parseLifetime(expiresIn);
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT()
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(issuer)
    .setSubject(subject)
    .setAudience(aud)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + lifetime)
    .sign(key);
}
