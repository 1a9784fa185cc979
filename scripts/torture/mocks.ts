// The mock processes a torture run starts (test/support/spawn-mock.ts, as the process tests start them), each on
// a data file in a temporary directory of its own. Every one still running is killed when the run ends, however
// it ends.
import { join } from 'node:path';
import { type MockProcess, startServer } from '../../test/support/spawn-mock.js';
import { withTempDir } from '../../test/support/temp-dir.js';
import { testAdminKey } from '../../test/support/admin-client.js';
import { testJwtSecret } from '../../test/support/test-keys.js';

const running = new Set<MockProcess>();

/** What every torture mock gets: the tests' admin key (for the snapshot export) and token secret. */
export const mockEnv = { CUBIT_MOCK_ADMIN_KEY: testAdminKey, CUBIT_MOCK_JWT_SECRET: testJwtSecret, CUBIT_MOCK_LOG_LEVEL: 'error' };

export async function startMockProcess(dataFile: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<MockProcess> {
  const mock = await startServer(['--data', dataFile, ...args], { ...mockEnv, ...env });
  running.add(mock);
  void mock.exited.then(() => running.delete(mock));
  return mock;
}

/** Sends the signal and resolves with how the process ended. */
export async function stopMock(mock: MockProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<number | NodeJS.Signals> {
  mock.child.kill(signal);
  return mock.exited;
}

/** Last resort, synchronous: SIGKILL every mock still running. */
export function killAllMocks(): void {
  for (const mock of running) mock.child.kill('SIGKILL');
  running.clear();
}

export interface Workdir {
  dir: string;
  dataFile: string;
  remove(): Promise<void>;
}

export async function workdir(): Promise<Workdir> {
  const temp = await withTempDir();
  return { dir: temp.dir, dataFile: join(temp.dir, 'data.json'), remove: temp.remove };
}
