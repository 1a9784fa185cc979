// The default target: the mock, built in this process from the spec, listening on 127.0.0.1 with a free port
// and a fresh data file in a temporary directory. Its `test` environment is the base URL.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/app.js';
import { testKeys } from '../../test/support/test-keys.js';

export interface InProcessMock {
  /** The listener's origin; `/test` and `/prod` under it are the environments. */
  origin: string;
  baseUrl: string;
  apiKey: string;
  close(): Promise<void>;
}

export async function startInProcessMock(specFile: string): Promise<InProcessMock> {
  const dir = await mkdtemp(join(tmpdir(), 'contract-mock-'));
  const app = await buildApp({ apiKeys: testKeys, dataFile: join(dir, 'data.json'), spec: specFile, logger: false });
  const origin = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    origin,
    baseUrl: `${origin}/test`,
    apiKey: testKeys.test,
    async close() {
      await app.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
