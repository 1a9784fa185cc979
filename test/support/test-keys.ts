// Obviously fake API keys used by the tests. Never real credentials.
export const testKeys = { test: 'test-env-key-for-tests-only', prod: 'prod-env-key-for-tests-only' } as const;
export type Environment = keyof typeof testKeys;

/** An obviously fake HS256 secret for the tests' bearer tokens (32 bytes or more, as HS256 requires). */
export const testJwtSecret = 'jwt-secret-for-tests-only-not-a-real-one';

/** A bearer token for the audit operations of an environment, signed with the tests' secret. */
export async function testToken(environment: string, subject = 'qa@example.no', overrides: { expiresIn?: string; audience?: string; secret?: string } = {}): Promise<string> {
  const { mintDevToken } = await import('../../src/cli/token.js');
  return mintDevToken({ subject, environment, expiresIn: overrides.expiresIn ?? '1h', audience: overrides.audience, secret: overrides.secret ?? testJwtSecret });
}
