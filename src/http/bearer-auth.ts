// Bearer token (JWT) check for one environment, for the audit operations: HS256 with a shared secret, or RS256
// (ES256 too from a JWKS) with a public key file. Every refused token gets the same 401, whatever the reason.
import { readFile } from 'node:fs/promises';
import { type CryptoKey, type JWK, type JWTPayload, type JWTVerifyOptions, createLocalJWKSet, errors, importJWK, importSPKI, jwtVerify } from 'jose';
import { ApiError } from '../errors/api-error.js';
import { catalogue } from '../errors/catalogue.js';

/** A key file or secret the verifier cannot use: a start-up error, named as such. */
export class BearerSettingsError extends Error {
  override name = 'BearerSettingsError';
}

export interface JwtSettings {
  /** HS256 shared secret (string). Used when neither publicKeyFile nor jwksFile is set. */
  secret: string;
  /** RS256: a PEM SPKI public key file (what an identity provider's signing key exports). */
  publicKeyFile?: string;
  /** RS256 (or ES256): a JWKS JSON file ({"keys":[...]}); the token's `kid` picks the key (jose createLocalJWKSet). */
  jwksFile?: string;
  /** The audience each environment requires; default `cubit-core-<environment>` (cubit-core-test, cubit-core-prod). */
  audiences?: Record<string, string>;
  /** Seconds of clock skew allowed on exp and nbf; default 30 (export it as `defaultClockToleranceSeconds`). */
  clockToleranceSeconds?: number;
  /** Optional required issuer (`iss`); unchecked when undefined. */
  issuer?: string;
}

export const defaultAudience = (environment: string): string => `cubit-core-${environment}`;
export const defaultClockToleranceSeconds = 30;
/** An HS256 secret must be at least as long as the hash output, 256 bits (RFC 7518 §3.2). */
export const minimumSecretBytes = 32;

export interface BearerVerifier {
  /** Resolves with the token's subject, or rejects with the ApiError 401 below. */
  verify(environment: string, authorization: string | string[] | undefined): Promise<{ subject: string }>;
}

/** How tokens are checked: the algorithms accepted, and the signature and claims check with those options. */
interface KeySource {
  algorithms: string[];
  check: (token: string, options: JWTVerifyOptions) => Promise<JWTPayload>;
}

/**
 * `Bearer`, in any case, one or more spaces, and one JWS in compact form: three base64url parts, the last one
 * possibly empty so that an unsecured token (`alg: none`) reaches jose and is refused there like any other.
 */
const bearerCredentials = /^bearer +([a-z0-9_-]+\.[a-z0-9_-]+\.[a-z0-9_-]*)$/i;
const asymmetricAlgorithms = ['RS256', 'ES256'];

async function readKeyFile(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new BearerSettingsError(`The ${what} ${file} cannot be read: ${(error as Error).message}`, { cause: error });
  }
}

/** jose imports an RSA key of any size but refuses, at every verification, one shorter than 2048 bits. */
function assertRsaKeySize(key: CryptoKey, where: string): void {
  const { modulusLength } = key.algorithm as { modulusLength?: number };
  if (modulusLength !== undefined && modulusLength < 2048) throw new BearerSettingsError(`${where} is an RSA key of ${modulusLength} bits; RS256 needs 2048 bits or more`);
}

function secretSource(secret: string): KeySource {
  const key = new TextEncoder().encode(secret);
  if (key.length < minimumSecretBytes) throw new BearerSettingsError(`The JWT secret (CUBIT_MOCK_JWT_SECRET) is ${key.length} bytes long; HS256 needs at least ${minimumSecretBytes}`);
  return { algorithms: ['HS256'], check: async (token, options) => (await jwtVerify(token, key, options)).payload };
}

async function publicKeySource(file: string): Promise<KeySource> {
  const pem = (await readKeyFile(file, 'JWT public key file')).trim();
  let key: CryptoKey;
  try {
    key = await importSPKI(pem, 'RS256');
  } catch (error) {
    throw new BearerSettingsError(`The JWT public key file ${file} is not a PEM SPKI RSA public key (-----BEGIN PUBLIC KEY-----): ${(error as Error).message}`, { cause: error });
  }
  assertRsaKeySize(key, `The JWT public key file ${file}`);
  return { algorithms: ['RS256'], check: async (token, options) => (await jwtVerify(token, key, options)).payload };
}

/** The algorithm a JWKS member verifies, when it is one this verifier accepts; undefined for any other member. */
function signingAlgorithm(jwk: JWK): string | undefined {
  if (jwk.use !== undefined && jwk.use !== 'sig') return undefined;
  if (jwk.alg !== undefined) return asymmetricAlgorithms.includes(jwk.alg) ? jwk.alg : undefined;
  if (jwk.kty === 'RSA') return 'RS256';
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') return 'ES256';
  return undefined;
}

async function jwksSource(file: string): Promise<KeySource> {
  const text = await readKeyFile(file, 'JWKS file');
  let keys: JWK[];
  let jwks: ReturnType<typeof createLocalJWKSet>;
  try {
    const parsed = JSON.parse(text) as { keys: JWK[] };
    jwks = createLocalJWKSet(parsed);
    keys = parsed.keys;
  } catch (error) {
    throw new BearerSettingsError(`The JWKS file ${file} is not a JSON Web Key Set ({"keys": [...]}): ${(error as Error).message}`, { cause: error });
  }
  let usable = 0;
  for (const [index, jwk] of keys.entries()) {
    const where = `The JWKS file ${file}, key ${index}${typeof jwk.kid === 'string' ? ` (kid "${jwk.kid}")` : ''},`;
    if (jwk.kty === 'oct' || 'd' in jwk) throw new BearerSettingsError(`${where} is a private or secret key; a JWKS for verification holds public keys only`);
    const alg = signingAlgorithm(jwk);
    if (alg === undefined) continue;
    let key: CryptoKey | Uint8Array;
    try {
      key = await importJWK(jwk, alg);
    } catch (error) {
      throw new BearerSettingsError(`${where} is not a valid ${alg} public key: ${(error as Error).message}`, { cause: error });
    }
    if (!(key instanceof Uint8Array)) assertRsaKeySize(key, where.slice(0, -1));
    usable += 1;
  }
  if (usable === 0) throw new BearerSettingsError(`The JWKS file ${file} has no ${asymmetricAlgorithms.join(' or ')} signing key`);
  return {
    algorithms: asymmetricAlgorithms,
    check: async (token, options) => {
      try {
        return (await jwtVerify(token, jwks, options)).payload;
      } catch (error) {
        // A token without `kid` matches every key of its algorithm: try each of them in turn.
        if (!(error instanceof errors.JWKSMultipleMatchingKeys)) throw error;
        for await (const key of error) {
          try {
            return (await jwtVerify(token, key, options)).payload;
          } catch {
            // the next key, if any
          }
        }
        throw error;
      }
    },
  };
}

function keySource(settings: JwtSettings): Promise<KeySource> | KeySource {
  if (settings.publicKeyFile !== undefined && settings.jwksFile !== undefined) throw new BearerSettingsError('A JWT public key file and a JWKS file cannot be used together');
  if (settings.publicKeyFile !== undefined) return publicKeySource(settings.publicKeyFile);
  if (settings.jwksFile !== undefined) return jwksSource(settings.jwksFile);
  return secretSource(settings.secret);
}

/** Verified tokens remembered at most (the oldest is forgotten first). */
const verifiedTokensKept = 1024;

/**
 * Returns the verifier of bearer tokens for these environments. Key files are read here, once; one that cannot be
 * read or used, or a secret too short for HS256, throws an Error that says so.
 *
 * A token is accepted when its signature verifies with an accepted algorithm (HS256 for the secret; RS256 for a
 * public key file; RS256 or ES256 for a JWKS), it has `exp` and is not expired, its `nbf` (if any) has come, both
 * within the clock tolerance, its `aud` holds the environment's audience, its `iss` is the issuer (when one is
 * set), and its `sub` is a non-empty string.
 */
export async function createBearerVerifier(settings: JwtSettings, environments: readonly string[]): Promise<BearerVerifier> {
  const clockTolerance = settings.clockToleranceSeconds ?? defaultClockToleranceSeconds;
  if (!Number.isFinite(clockTolerance) || clockTolerance < 0) throw new BearerSettingsError(`The JWT clock tolerance must be a number of seconds from 0, got ${clockTolerance}`);
  const unknown = Object.keys(settings.audiences ?? {}).filter((environment) => !environments.includes(environment));
  if (unknown.length > 0) throw new BearerSettingsError(`JWT audiences are given for unknown environments: ${unknown.join(', ')}`);
  const source = await keySource(settings);
  const perEnvironment = new Map(
    environments.map((environment) => {
      const audience = settings.audiences?.[environment] ?? defaultAudience(environment);
      if (audience === '') throw new BearerSettingsError(`The JWT audience of the ${environment} environment is empty`);
      const options: JWTVerifyOptions = { algorithms: source.algorithms, audience, clockTolerance, requiredClaims: ['exp', 'sub'], ...(settings.issuer === undefined ? {} : { issuer: settings.issuer }) };
      const realm = `Bearer realm="cubit-core-${environment}"`;
      const refusal = (challenge: string) =>
        new ApiError(catalogue.unauthorized, 'A valid bearer token for this environment is required in the Authorization header.', { headers: { 'www-authenticate': challenge } });
      return [environment, { options, missing: () => refusal(realm), invalid: () => refusal(`${realm}, error="invalid_token"`) }] as const;
    }),
  );
  // Tokens verified lately, by environment and token: a client sends the same token with every request until it
  // expires, and its signature (by a key that never changes while the mock runs) and audience were checked the
  // first time. Its times are checked again at each use, as jose checks them.
  const verified = new Map<string, { subject: string; exp: number; nbf: number | undefined }>();
  const stillValid = (entry: { exp: number; nbf: number | undefined }) => {
    const now = Date.now() / 1000;
    return entry.exp > now - clockTolerance && (entry.nbf === undefined || entry.nbf <= now + clockTolerance);
  };
  return {
    async verify(environment, authorization) {
      const target = perEnvironment.get(environment);
      if (target === undefined) throw new BearerSettingsError(`No bearer token verification for the environment "${environment}"`);
      // RFC 6750 §3.1: a request without any credentials gets the challenge without an error code.
      if (authorization === undefined) throw target.missing();
      const token = typeof authorization === 'string' ? bearerCredentials.exec(authorization)?.[1] : undefined;
      if (token === undefined) throw target.invalid();
      const key = `${environment} ${token}`;
      const known = verified.get(key);
      if (known !== undefined) {
        if (stillValid(known)) return { subject: known.subject };
        verified.delete(key);
        throw target.invalid();
      }
      let payload: JWTPayload;
      try {
        payload = await source.check(token, target.options);
      } catch {
        throw target.invalid();
      }
      if (typeof payload.sub !== 'string' || payload.sub.trim() === '') throw target.invalid();
      if (verified.size >= verifiedTokensKept) verified.delete(verified.keys().next().value as string);
      verified.set(key, { subject: payload.sub, exp: payload.exp as number, nbf: payload.nbf });
      return { subject: payload.sub };
    },
  };
}
