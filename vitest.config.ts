import { defineConfig } from 'vitest/config';

// Two projects: `unit` (the mock's own tests, and the suite's generator) and `contract` (the contract suite,
// contract-tests/vitest.config.ts), which `npm test` runs against the in-process mock.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
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
