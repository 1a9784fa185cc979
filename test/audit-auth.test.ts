// Bearer tokens on the audit operations, through the mock: every bad token (missing, malformed, expired, unsigned,
// wrongly signed, for another audience, a test token on prod) gets the same 401 with a Bearer challenge, and the
// customer and installation operations still take the API key, not a token.
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedMock, startMock } from './support/start-mock.js';
import { testJwtSecret, testToken } from './support/test-keys.js';

let mock: StartedMock;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const seconds = () => Math.floor(Date.now() / 1000);

async function signed(claims: Record<string, unknown>, secret = testJwtSecret): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(secret));
}

const listAudits = (environment: string, authorization: string | undefined) =>
  mock.client.request(environment, 'GET', '/audits', { key: null, headers: authorization === undefined ? {} : { authorization } });

describe('bearer tokens on the audit operations', () => {
  it('let a valid token of the environment in', async () => {
    expect((await listAudits('test', `Bearer ${await testToken('test')}`)).status).toBe(200);
    expect((await listAudits('prod', `bearer ${await testToken('prod')}`)).status).toBe(200);
  });

  it('answer every bad token with the same 401 and a Bearer challenge', async () => {
    const now = seconds();
    const good = { sub: 'qa@example.no', aud: 'cubit-core-test' };
    const cases: Record<string, string | undefined> = {
      missing: undefined,
      'another scheme': `Basic ${Buffer.from('qa:secret').toString('base64')}`,
      malformed: 'Bearer not-a-token',
      expired: `Bearer ${await signed({ ...good, iat: now - 7200, exp: now - 3600 })}`,
      'not yet valid': `Bearer ${await signed({ ...good, nbf: now + 3600, exp: now + 7200 })}`,
      'without exp': `Bearer ${await signed(good)}`,
      'alg none': `Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...good, exp: now + 3600 })}.`,
      'wrongly signed': `Bearer ${await signed({ ...good, exp: now + 3600 }, 'another-secret-that-is-long-enough-too')}`,
      'wrong audience': `Bearer ${await signed({ ...good, aud: 'some-other-api', exp: now + 3600 })}`,
      'without sub': `Bearer ${await signed({ aud: 'cubit-core-test', exp: now + 3600 })}`,
      'the API key instead': 'Bearer test-env-key-for-tests-only',
    };
    const answers: Record<string, unknown> = {};
    for (const [name, authorization] of Object.entries(cases)) {
      const response = await listAudits('test', authorization);
      answers[name] = [response.status, (response.body as { detail?: string }).detail, String(response.headers['www-authenticate']).split(',')[0]];
    }
    const expected = [401, 'A valid bearer token for this environment is required in the Authorization header.', 'Bearer realm="cubit-core-test"'];
    expect(answers).toEqual(Object.fromEntries(Object.keys(cases).map((name) => [name, expected])));
    expect((await listAudits('test', cases.expired)).headers['www-authenticate']).toBe('Bearer realm="cubit-core-test", error="invalid_token"');
    expect((await listAudits('test', undefined)).headers['www-authenticate']).toBe('Bearer realm="cubit-core-test"');
  });

  it('never let a test token work on prod, nor a prod token on test', async () => {
    const onProd = await listAudits('prod', `Bearer ${await testToken('test')}`);
    expect(onProd.status).toBe(401);
    expect(onProd.headers['www-authenticate']).toBe('Bearer realm="cubit-core-prod", error="invalid_token"');
    expect((await listAudits('test', `Bearer ${await testToken('prod')}`)).status).toBe(401);
  });

  it('leave the customer and installation operations on the API key: a token does not open them', async () => {
    const token = await testToken('test');
    const withToken = await mock.client.request('test', 'GET', '/customers', { key: null, headers: { authorization: `Bearer ${token}` } });
    expect(withToken.status).toBe(401);
    expect(withToken.headers['www-authenticate']).toMatch(/^ApiKey/);
    expect((await mock.client.request('test', 'GET', '/customers')).status).toBe(200);
  });
});
