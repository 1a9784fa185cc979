// The per-test fixture for process tests; the mock process itself is started by spawn-mock.ts.
import { afterEach, beforeEach } from 'vitest';
import type { MockProcess } from './spawn-mock.js';
import { withTempDir } from './temp-dir.js';

export { type MockProcess, runServer, startServer } from './spawn-mock.js';

/**
 * Per-test fixture for process tests: a fresh temp directory, and whatever mock process the test keeps in
 * `running` is killed (SIGKILL) and awaited afterwards, before the directory is removed.
 */
export function useMockProcesses(): { dir: string; running: MockProcess | undefined } {
  const fixture: { dir: string; running: MockProcess | undefined } = { dir: '', running: undefined };
  let remove: () => Promise<void> = () => Promise.resolve();
  beforeEach(async () => {
    ({ dir: fixture.dir, remove } = await withTempDir());
  });
  afterEach(async () => {
    fixture.running?.child.kill('SIGKILL');
    await fixture.running?.exited;
    fixture.running = undefined;
    await remove();
  });
  return fixture;
}
