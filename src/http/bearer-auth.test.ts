// The bearer token check: what it accepts, the one 401 it answers everything else with, and the key files it
// refuses to start with. Tokens are signed here with jose; key pairs are generated per run.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CryptoKey, type JWK, type JWTPayload, SignJWT, base64url, exportJWK, exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../errors/api-error.js';
import { catalogue } from '../errors/catalogue.js';
import { type BearerVerifier, createBearerVerifier, defaultAudience, defaultClockToleranceSeconds } from './bearer-auth.js';

const secret = 'a-fake-hs256-secret-for-the-unit-tests-only';
const secretKey = new TextEncoder().encode(secret);
const environments = ['test', 'prod'] as const;
const detail = 'A valid bearer token for this environment is required in the Authorization header.';
const nowSeconds = () => Math.floor(Date.now() / 1000);
const claims = (overrides: JWTPayload = {}): JWTPayload => ({ sub: 'qa@example.no', aud: 'cubit-core-test', iat: nowSeconds(), exp: nowSeconds() + 600, ...overrides });
/** The claims without one of them. */
const claimsWithout = (name: keyof JWTPayload): JWTPayload => Object.fromEntries(Object.entries(claims()).filter(([key]) => key !== name));

function sign(payload: JWTPayload, key: CryptoKey | Uint8Array = secretKey, header: { alg: string; kid?: string } = { alg: 'HS256' }): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ typ: 'JWT', ...header }).sign(key);
}

/** An unsecured JWT (RFC 7519 §6): header {"alg":"none"}, the payload, and an empty signature. */
function unsecured(payload: JWTPayload): string {
  const part = (value: object) => base64url.encode(JSON.stringify(value));
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(payload)}.`;
}

async function refusal(verifying: Promise<unknown>): Promise<ApiError> {
  const error = await verifying.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

/** Expects the 401 with the invalid_token challenge of the environment, and a detail that does not echo the token. */
async function expectInvalid(verifying: Promise<unknown>, environment = 'test', token?: string): Promise<void> {
  const error = await refusal(verifying);
  expect(error.problem).toBe(catalogue.unauthorized);
  expect(error.statusCode).toBe(401);
  expect(error.detail).toBe(detail);
  expect(error.options.headers).toEqual({ 'www-authenticate': `Bearer realm="cubit-core-${environment}", error="invalid_token"` });
  if (token !== undefined) expect(`${error.message} ${error.detail}`).not.toContain(token);
}

describe('createBearerVerifier with the HS256 secret', () => {
  let verifier: BearerVerifier;
  beforeAll(async () => {
    verifier = await createBearerVerifier({ secret }, environments);
  });

  it('resolves with the subject of a valid token, whatever the case of the scheme', async () => {
    const token = await sign(claims());
    await expect(verifier.verify('test', `Bearer ${token}`)).resolves.toEqual({ subject: 'qa@example.no' });
    await expect(verifier.verify('test', `bearer ${token}`)).resolves.toEqual({ subject: 'qa@example.no' });
    await expect(verifier.verify('test', `BEARER  ${token}`)).resolves.toEqual({ subject: 'qa@example.no' });
  });

  it('challenges without an error code when there is no Authorization header (RFC 6750 §3.1)', async () => {
    const error = await refusal(verifier.verify('prod', undefined));
    expect(error.statusCode).toBe(401);
    expect(error.problem).toBe(catalogue.unauthorized);
    expect(error.detail).toBe(detail);
    expect(error.options.headers).toEqual({ 'www-authenticate': 'Bearer realm="cubit-core-prod"' });
  });

  it('refuses a malformed Authorization header with invalid_token', async () => {
    const token = await sign(claims());
    const malformed = ['', token, `Basic ${token}`, 'Bearer', 'Bearer ', `Bearer ${token} ${token}`, `Bearer ${token}.x`, 'Bearer a.b', 'Bearer not-a-jwt', `Bearer\t${token}`, `Token ${token}`];
    for (const header of malformed) await expectInvalid(verifier.verify('test', header), 'test', token);
    await expectInvalid(verifier.verify('test', [`Bearer ${token}`, `Bearer ${token}`]));
    await expectInvalid(verifier.verify('test', [`Bearer ${token}`]));
  });

  it('allows the clock skew on exp: refused once expired beyond it, accepted within it', async () => {
    expect(defaultClockToleranceSeconds).toBe(30);
    const beyond = await sign(claims({ exp: nowSeconds() - 60 }));
    await expectInvalid(verifier.verify('test', `Bearer ${beyond}`), 'test', beyond);
    const within = await sign(claims({ exp: nowSeconds() - 10 }));
    await expect(verifier.verify('test', `Bearer ${within}`)).resolves.toEqual({ subject: 'qa@example.no' });
  });

  it('allows the clock skew on nbf: refused while it is further ahead than that, accepted within it', async () => {
    const beyond = await sign(claims({ nbf: nowSeconds() + 60 }));
    await expectInvalid(verifier.verify('test', `Bearer ${beyond}`));
    const within = await sign(claims({ nbf: nowSeconds() + 10 }));
    await expect(verifier.verify('test', `Bearer ${within}`)).resolves.toEqual({ subject: 'qa@example.no' });
  });

  it('accepts a token it verified before only while its times allow, and only for the environment it was verified for', async () => {
    const own = await createBearerVerifier({ secret }, environments);
    const exp = nowSeconds() + 5;
    const token = await sign(claims({ exp }));
    await expect(own.verify('test', `Bearer ${token}`)).resolves.toEqual({ subject: 'qa@example.no' });
    await expectInvalid(own.verify('prod', `Bearer ${token}`), 'prod');
    vi.useFakeTimers({ now: (exp + defaultClockToleranceSeconds - 1) * 1000 });
    try {
      await expect(own.verify('test', `Bearer ${token}`)).resolves.toEqual({ subject: 'qa@example.no' });
      vi.setSystemTime((exp + defaultClockToleranceSeconds + 1) * 1000);
      await expectInvalid(own.verify('test', `Bearer ${token}`));
      await expectInvalid(own.verify('test', `Bearer ${token}`));
    } finally {
      vi.useRealTimers();
    }
    // A token whose nbf is still ahead is not remembered as valid.
    const early = await sign(claims({ nbf: nowSeconds() + defaultClockToleranceSeconds + 60 }));
    await expectInvalid(own.verify('test', `Bearer ${early}`));
    await expectInvalid(own.verify('test', `Bearer ${early}`));
  });

  it('refuses a token without exp', async () => {
    const withoutExp = claimsWithout('exp');
    expect(withoutExp).not.toHaveProperty('exp');
    await expectInvalid(verifier.verify('test', `Bearer ${await sign(withoutExp)}`));
  });

  it('refuses an unsecured token (alg none)', async () => {
    const token = unsecured(claims());
    expect(token.split('.')).toHaveLength(3);
    expect(token.endsWith('.')).toBe(true);
    await expectInvalid(verifier.verify('test', `Bearer ${token}`), 'test', token);
  });

  it('refuses a token signed with another secret, or with another HMAC algorithm', async () => {
    const otherSecret = await sign(claims(), new TextEncoder().encode('another-fake-secret-of-at-least-32-bytes'));
    await expectInvalid(verifier.verify('test', `Bearer ${otherSecret}`));
    const hs384 = await sign(claims(), secretKey, { alg: 'HS384' });
    await expectInvalid(verifier.verify('test', `Bearer ${hs384}`));
  });

  it('refuses a tampered token', async () => {
    const token = await sign(claims());
    const [header, , signature] = token.split('.');
    const forged = `${header}.${base64url.encode(JSON.stringify(claims({ sub: 'admin@example.no' })))}.${signature}`;
    await expectInvalid(verifier.verify('test', `Bearer ${forged}`));
  });

  it('refuses a wrong or missing audience, and a test token on prod', async () => {
    await expectInvalid(verifier.verify('test', `Bearer ${await sign(claims({ aud: 'some-other-api' }))}`));
    await expectInvalid(verifier.verify('test', `Bearer ${await sign(claimsWithout('aud'))}`));
    const testToken = await sign(claims({ aud: defaultAudience('test') }));
    await expect(verifier.verify('test', `Bearer ${testToken}`)).resolves.toEqual({ subject: 'qa@example.no' });
    await expectInvalid(verifier.verify('prod', `Bearer ${testToken}`), 'prod');
    const prodToken = await sign(claims({ aud: 'cubit-core-prod' }));
    await expect(verifier.verify('prod', `Bearer ${prodToken}`)).resolves.toEqual({ subject: 'qa@example.no' });
    await expectInvalid(verifier.verify('test', `Bearer ${prodToken}`));
  });

  it('refuses a missing, empty or non-string sub', async () => {
    await expectInvalid(verifier.verify('test', `Bearer ${await sign(claimsWithout('sub'))}`));
    await expectInvalid(verifier.verify('test', `Bearer ${await sign(claims({ sub: '' }))}`));
    await expectInvalid(verifier.verify('test', `Bearer ${await sign(claims({ sub: '   ' }))}`));
    await expectInvalid(verifier.verify('test', `Bearer ${await sign({ ...claims(), sub: 42 } as unknown as JWTPayload)}`));
  });

  it('does not check iss unless an issuer is set', async () => {
    await expect(verifier.verify('test', `Bearer ${await sign(claims({ iss: 'anyone' }))}`)).resolves.toEqual({ subject: 'qa@example.no' });
    const strict = await createBearerVerifier({ secret, issuer: 'https://idp.example' }, environments);
    await expect(strict.verify('test', `Bearer ${await sign(claims({ iss: 'https://idp.example' }))}`)).resolves.toEqual({ subject: 'qa@example.no' });
    await expectInvalid(strict.verify('test', `Bearer ${await sign(claims({ iss: 'anyone' }))}`));
    await expectInvalid(strict.verify('test', `Bearer ${await sign(claims())}`));
  });

  it('takes other audiences and another clock tolerance', async () => {
    const custom = await createBearerVerifier({ secret, audiences: { test: 'api://cubit-test' }, clockToleranceSeconds: 0 }, environments);
    await expect(custom.verify('test', `Bearer ${await sign(claims({ aud: 'api://cubit-test' }))}`)).resolves.toEqual({ subject: 'qa@example.no' });
    await expectInvalid(custom.verify('test', `Bearer ${await sign(claims())}`));
    await expect(custom.verify('prod', `Bearer ${await sign(claims({ aud: 'cubit-core-prod' }))}`)).resolves.toEqual({ subject: 'qa@example.no' });
    await expectInvalid(custom.verify('test', `Bearer ${await sign(claims({ aud: 'api://cubit-test', exp: nowSeconds() - 5 }))}`));
  });

  it('refuses to be created with a secret too short for HS256 or settings that do not fit', async () => {
    await expect(createBearerVerifier({ secret: 'short' }, environments)).rejects.toThrow('The JWT secret (CUBIT_MOCK_JWT_SECRET) is 5 bytes long; HS256 needs at least 32');
    await expect(createBearerVerifier({ secret, audiences: { staging: 'x' } }, environments)).rejects.toThrow('JWT audiences are given for unknown environments: staging');
    await expect(createBearerVerifier({ secret, clockToleranceSeconds: -1 }, environments)).rejects.toThrow('clock tolerance');
    await expect(createBearerVerifier({ secret, publicKeyFile: 'a.pem', jwksFile: 'b.json' }, environments)).rejects.toThrow('cannot be used together');
    const error: unknown = await verifier.verify('staging', 'Bearer a.b.c').catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ApiError);
  });
});

describe('createBearerVerifier with key files', () => {
  let dir: string;
  let rsa: { publicKey: CryptoKey; privateKey: CryptoKey };
  let pemFile: string;
  let pem: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cubit-mock-bearer-'));
    rsa = await generateKeyPair('RS256', { extractable: true });
    pem = await exportSPKI(rsa.publicKey);
    pemFile = join(dir, 'public.pem');
    await writeFile(pemFile, pem);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const file = async (name: string, text: string) => {
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  };

  it('verifies RS256 tokens with a PEM public key file, and refuses those of another key', async () => {
    const verifier = await createBearerVerifier({ secret, publicKeyFile: pemFile }, environments);
    const token = await sign(claims(), rsa.privateKey, { alg: 'RS256' });
    await expect(verifier.verify('test', `Bearer ${token}`)).resolves.toEqual({ subject: 'qa@example.no' });
    await expectInvalid(verifier.verify('prod', `Bearer ${token}`), 'prod');
    const other = await generateKeyPair('RS256');
    await expectInvalid(verifier.verify('test', `Bearer ${await sign(claims(), other.privateKey, { alg: 'RS256' })}`));
  });

  it('refuses HS256 tokens when it verifies with a public key, even one MACed with that key (algorithm confusion)', async () => {
    const verifier = await createBearerVerifier({ secret, publicKeyFile: pemFile }, environments);
    await expectInvalid(verifier.verify('test', `Bearer ${await sign(claims())}`));
    const confused = await sign(claims(), new TextEncoder().encode(pem));
    await expectInvalid(verifier.verify('test', `Bearer ${confused}`));
    await expectInvalid(verifier.verify('test', `Bearer ${unsecured(claims())}`));
  });

  it('verifies RS256 and ES256 tokens with a JWKS file, the kid picking the key', async () => {
    const rsa2 = await generateKeyPair('RS256');
    const ec = await generateKeyPair('ES256');
    const jwks = {
      keys: [
        { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
        { ...(await exportJWK(rsa2.publicKey)), kid: 'rsa-2' },
        { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
      ],
    };
    const verifier = await createBearerVerifier({ secret, jwksFile: await file('jwks.json', JSON.stringify(jwks)) }, environments);
    const verified = async (key: CryptoKey, header: { alg: string; kid?: string }) => verifier.verify('test', `Bearer ${await sign(claims(), key, header)}`);
    await expect(verified(rsa.privateKey, { alg: 'RS256', kid: 'rsa-1' })).resolves.toEqual({ subject: 'qa@example.no' });
    await expect(verified(rsa2.privateKey, { alg: 'RS256', kid: 'rsa-2' })).resolves.toEqual({ subject: 'qa@example.no' });
    await expect(verified(ec.privateKey, { alg: 'ES256', kid: 'ec-1' })).resolves.toEqual({ subject: 'qa@example.no' });
    // Without kid, each key of the algorithm is tried.
    await expect(verified(rsa2.privateKey, { alg: 'RS256' })).resolves.toEqual({ subject: 'qa@example.no' });
    await expectInvalid(verified(rsa.privateKey, { alg: 'RS256', kid: 'rsa-2' }));
    await expectInvalid(verified(rsa.privateKey, { alg: 'RS256', kid: 'unknown' }));
    await expectInvalid(verified((await generateKeyPair('RS256')).privateKey, { alg: 'RS256' }));
    await expectInvalid(verifier.verify('test', `Bearer ${await sign(claims(), secretKey, { alg: 'HS256', kid: 'rsa-1' })}`));
    await expectInvalid(verifier.verify('test', `Bearer ${unsecured(claims())}`));
  });

  it('refuses to start with a key file that cannot be read or used, naming the file', async () => {
    const missing = join(dir, 'missing.pem');
    await expect(createBearerVerifier({ secret, publicKeyFile: missing }, environments)).rejects.toThrow(`The JWT public key file ${missing} cannot be read`);
    const notPem = await file('not.pem', 'hello');
    await expect(createBearerVerifier({ secret, publicKeyFile: notPem }, environments)).rejects.toThrow(`The JWT public key file ${notPem} is not a PEM SPKI RSA public key`);
    const privatePem = await file('private.pem', await exportPKCS8(rsa.privateKey));
    await expect(createBearerVerifier({ secret, publicKeyFile: privatePem }, environments)).rejects.toThrow(`The JWT public key file ${privatePem} is not a PEM SPKI RSA public key`);
    const ecPem = await file('ec.pem', await exportSPKI((await generateKeyPair('ES256')).publicKey));
    await expect(createBearerVerifier({ secret, publicKeyFile: ecPem }, environments)).rejects.toThrow(`The JWT public key file ${ecPem} is not a PEM SPKI RSA public key`);
    const weak = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const weakPem = await file('weak.pem', weak);
    await expect(createBearerVerifier({ secret, publicKeyFile: weakPem }, environments)).rejects.toThrow(`The JWT public key file ${weakPem} is an RSA key of 1024 bits`);
  });

  it('refuses to start with a JWKS file that is not JSON, not a key set, holds private keys or no signing key', async () => {
    const missing = join(dir, 'missing.json');
    await expect(createBearerVerifier({ secret, jwksFile: missing }, environments)).rejects.toThrow(`The JWKS file ${missing} cannot be read`);
    const notJson = await file('not.json', '{"keys": [');
    await expect(createBearerVerifier({ secret, jwksFile: notJson }, environments)).rejects.toThrow(`The JWKS file ${notJson} is not a JSON Web Key Set`);
    const notASet = await file('jwk.json', JSON.stringify(await exportJWK(rsa.publicKey)));
    await expect(createBearerVerifier({ secret, jwksFile: notASet }, environments)).rejects.toThrow(`The JWKS file ${notASet} is not a JSON Web Key Set`);
    const withPrivate = await file('private.json', JSON.stringify({ keys: [{ ...(await exportJWK(rsa.privateKey)), kid: 'oops' }] }));
    await expect(createBearerVerifier({ secret, jwksFile: withPrivate }, environments)).rejects.toThrow(`The JWKS file ${withPrivate}, key 0 (kid "oops"), is a private or secret key`);
    const withSecret = await file('oct.json', JSON.stringify({ keys: [{ kty: 'oct', k: base64url.encode(secret) }] }));
    await expect(createBearerVerifier({ secret, jwksFile: withSecret }, environments)).rejects.toThrow('is a private or secret key');
    const encryptionOnly: JWK = { ...(await exportJWK(rsa.publicKey)), use: 'enc' };
    const noSigning = await file('enc.json', JSON.stringify({ keys: [encryptionOnly] }));
    await expect(createBearerVerifier({ secret, jwksFile: noSigning }, environments)).rejects.toThrow(`The JWKS file ${noSigning} has no RS256 or ES256 signing key`);
    const broken = await file('broken.json', JSON.stringify({ keys: [{ kty: 'RSA', kid: 'bad', n: 'AQAB' }] }));
    await expect(createBearerVerifier({ secret, jwksFile: broken }, environments)).rejects.toThrow(`The JWKS file ${broken}, key 0 (kid "bad"), is not a valid RS256 public key`);
  });
});
