// The default target: the mock, built in this process from the spec, listening on 127.0.0.1 with a free port
// and a fresh data file in a temporary directory. Its `test` environment is the base URL.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/app.js';
import { mintDevToken } from '../../src/http/dev-token.js';
import { testAdminKey, testJwtSecret, testKeys } from './fake-credentials.js';

export interface InProcessMock {
  /** The listener's origin; `/test` and `/prod` under it are the environments. */
  origin: string;
  baseUrl: string;
  apiKey: string;
  /** A bearer token of the `test` environment, signed with the mock's secret. */
  bearerToken: string;
  /** The admin API (for what the suite cannot see through the contract: the messages the audit flow sent). */
  admin: { url: string; key: string };
  close(): Promise<void>;
}

export async function startInProcessMock(specFile: string): Promise<InProcessMock> {
  const dir = await mkdtemp(join(tmpdir(), 'contract-mock-'));
  // Without the failed-authentication limit: the suite sends dozens of refused credentials on purpose, all from
  // 127.0.0.1, and would lock itself out (the 429 is excluded from coverage for that reason).
  const app = await buildApp({ apiKeys: testKeys, dataFile: join(dir, 'data.json'), spec: specFile, logger: false, jwt: { secret: testJwtSecret }, adminKey: testAdminKey, authFailureLimit: false });
  const origin = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    origin,
    baseUrl: `${origin}/test`,
    apiKey: testKeys.test,
    bearerToken: await mintDevToken({ subject: 'contract-suite@example.no', environment: 'test', expiresIn: '6h', secret: testJwtSecret }),
    admin: { url: `${origin}/__admin`, key: testAdminKey },
    async close() {
      await app.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
