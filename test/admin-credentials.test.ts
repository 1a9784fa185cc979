// issueClientCredentials (POST /__admin/client-credentials): what the QA console (or a script) gets for an admin
// key: each environment's base URL and API key, and a bearer token that opens that environment's audit operations
// and no other; with a public key for tokens, no token and the reason. Never cached, never without the admin key.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportSPKI, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedMock, startMock } from './support/start-mock.js';
import { testKeys } from './support/test-keys.js';

interface Credentials {
  environment: string;
  baseUrl: string;
  apiKeyHeader: string;
  apiKey: string;
  bearerToken: string | null;
  bearerTokenExpiresAt: string | null;
  bearerTokenUnavailable?: string;
}

let mock: StartedMock;
const now = new Date('2026-06-15T11:42:00.000Z');

beforeAll(async () => {
  mock = await startMock({ now: () => now });
});

afterAll(async () => {
  await mock.close();
});

const issue = (body: unknown, key?: string | null) => mock.admin.request('POST', '/client-credentials', { body, key });

describe('issueClientCredentials', () => {
  it("hands out each environment's API key and a token for its audit operations, for the subject, not cached", async () => {
    const answer = await issue({ subject: 'qa-console', expiresInSeconds: 600 });
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    const { environments } = answer.body as { environments: Credentials[] };
    expect(environments.map((e) => [e.environment, e.baseUrl, e.apiKeyHeader, e.apiKey])).toEqual([
      ['test', 'http://localhost:80/test', 'X-API-Key', testKeys.test],
      ['prod', 'http://localhost:80/prod', 'X-API-Key', testKeys.prod],
    ]);
    for (const e of environments) expect(e.bearerTokenExpiresAt).toBe('2026-06-15T11:52:00.000Z');
    const [test, prod] = environments as [Credentials, Credentials];
    const claims = (token: string | null) => JSON.parse(Buffer.from((token as string).split('.')[1] as string, 'base64url').toString()) as Record<string, unknown>;
    expect(claims(test.bearerToken)).toMatchObject({ sub: 'qa-console', aud: 'cubit-core-test', iss: 'cubit-core-mock', iat: now.getTime() / 1000, exp: now.getTime() / 1000 + 600 });
    expect(claims(prod.bearerToken)).toMatchObject({ sub: 'qa-console', aud: 'cubit-core-prod' });
  });

  it("gives tokens the mock accepts in their own environment only (checked at the mock's clock)", async () => {
    const realNow = await startMock();
    try {
      const { environments } = (await realNow.admin.request('POST', '/client-credentials', { body: { subject: 'qa-console' } })).body as { environments: Credentials[] };
      const [test, prod] = environments as [Credentials, Credentials];
      expect((await realNow.client.request('test', 'GET', '/audits', { token: test.bearerToken as string })).status).toBe(200);
      expect((await realNow.client.request('prod', 'GET', '/audits', { token: prod.bearerToken as string })).status).toBe(200);
      expect((await realNow.client.request('prod', 'GET', '/audits', { token: test.bearerToken as string })).status).toBe(401);
      const expiresIn = (Date.parse(test.bearerTokenExpiresAt as string) - Date.now()) / 1000;
      expect(expiresIn).toBeGreaterThan(3500);
      expect(expiresIn).toBeLessThanOrEqual(3600);
    } finally {
      await realNow.close();
    }
  });

  it('refuses a missing or wrong admin key, and an API key, with 401', async () => {
    expect((await issue({ subject: 'qa' }, null)).status).toBe(401);
    expect((await issue({ subject: 'qa' }, 'not-the-admin-key')).status).toBe(401);
    const withApiKey = await mock.admin.request('POST', '/client-credentials', { body: { subject: 'qa' }, key: null, headers: { 'x-api-key': testKeys.test } });
    expect(withApiKey.status).toBe(401);
  });

  it('refuses a body without a subject, an empty one, an unknown property or a lifetime out of bounds, naming each', async () => {
    const cases: [unknown, string][] = [
      [{}, '/subject'],
      [{ subject: '' }, '/subject'],
      [{ subject: 'qa', role: 'admin' }, '/role'],
      [{ subject: 'qa', expiresInSeconds: 10 }, '/expiresInSeconds'],
      [{ subject: 'qa', expiresInSeconds: 86_401 }, '/expiresInSeconds'],
    ];
    for (const [body, pointer] of cases) {
      const answer = await issue(body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect((answer.body as { code: string; errors: { pointer: string }[] }).code).toBe('validation-failed');
      expect((answer.body as { errors: { pointer: string }[] }).errors.map((e) => e.pointer)).toContain(pointer);
    }
  });

  it('says why there is no token when the mock verifies tokens with a public key', async () => {
    const { publicKey } = await generateKeyPair('RS256');
    const pemFile = join(mock.dir, 'identity-provider.pem');
    await writeFile(pemFile, await exportSPKI(publicKey));
    const withPublicKey = await startMock({ jwt: { secret: 'unused-secret-unused-secret-unused-secret', publicKeyFile: pemFile } });
    try {
      const answer = await withPublicKey.admin.request('POST', '/client-credentials', { body: { subject: 'qa-console' } });
      expect(answer.status).toBe(200);
      for (const e of (answer.body as { environments: Credentials[] }).environments) {
        expect(e.bearerToken).toBeNull();
        expect(e.bearerTokenExpiresAt).toBeNull();
        expect(e.bearerTokenUnavailable).toContain('--jwt-public-key');
        expect(e.apiKey).toBe(testKeys[e.environment as 'test' | 'prod']);
      }
    } finally {
      await withPublicKey.close();
    }
  });
});
