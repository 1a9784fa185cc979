// Obviously fake API keys and token secret used by the tests (contract-tests/lib/fake-credentials.ts). Never real
// credentials.
import { testJwtSecret, testKeys } from '../../contract-tests/lib/fake-credentials.js';

export { testJwtSecret, testKeys };
export type Environment = keyof typeof testKeys;

/** A bearer token for the audit operations of an environment, signed with the tests' secret. */
export async function testToken(environment: string, subject = 'qa@example.no', overrides: { expiresIn?: string; audience?: string; secret?: string } = {}): Promise<string> {
  const { mintDevToken } = await import('../../src/http/dev-token.js');
  return mintDevToken({ subject, environment, expiresIn: overrides.expiresIn ?? '1h', audience: overrides.audience, secret: overrides.secret ?? testJwtSecret });
}
