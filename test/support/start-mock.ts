// Builds the mock for a test: its own temp data file, the fake test keys, and a contract-checking client.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type AppOptions, buildApp } from '../../src/app.js';
import { AdminClient, testAdminKey } from './admin-client.js';
import { MockClient } from './mock-client.js';
import { withTempDir } from './temp-dir.js';
import { testJwtSecret, testKeys } from './test-keys.js';

export interface StartedMock {
  app: FastifyInstance;
  client: MockClient;
  /** The admin API's client (when the mock has one: not with `adminKey: undefined`). */
  admin: AdminClient;
  dir: string;
  dataFile: string;
  /** Closes the app (flushing writes) and builds a new one on the same data file. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startMock(options: Partial<AppOptions> = {}): Promise<StartedMock> {
  const temp = await withTempDir();
  const dataFile = join(temp.dir, 'data.json');
  // No failed-authentication limit unless a test asks for one: many tests send refused credentials on purpose, from
  // inject's one address (test/auth-rate-limit.test.ts tests the limit).
  const build = () => buildApp({ apiKeys: testKeys, dataFile, adminKey: testAdminKey, jwt: { secret: testJwtSecret }, authFailureLimit: false, ...options });
  const started: StartedMock = {
    app: await build(),
    client: undefined as unknown as MockClient,
    admin: undefined as unknown as AdminClient,
    dir: temp.dir,
    dataFile,
    async restart() {
      await started.app.close();
      started.app = await build();
      started.client = await MockClient.inject(started.app);
      started.admin = await AdminClient.inject(started.app);
    },
    async close() {
      await started.app.close();
      await temp.remove();
    },
  };
  started.client = await MockClient.inject(started.app);
  started.admin = await AdminClient.inject(started.app);
  return started;
}
