import { defineConfig } from 'vitest/config';

// Two projects: `unit` (the mock's own tests, and the suite's generator) and `contract` (the contract suite,
// contract-tests/vitest.config.ts), which `npm test` runs against the in-process mock.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two test files at once on a 2-core machine (vitest's default there is one): most files spend their time waiting
    // on child processes, sockets and the disk, so a second worker roughly halves the run. No test depends on a
    // quiet machine (none asserts a time), so the extra load cannot make one fail.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'contract-tests/lib/**/*.test.ts', 'bench/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
        },
      },
      './contract-tests/vitest.config.ts',
    ],
  },
});
