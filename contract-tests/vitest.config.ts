import { defineProject } from 'vitest/config';

// The contract suite: tests generated from openapi/cubit-core.yaml, judged with Prism's validator, against the
// in-process mock or CONTRACT_BASE_URL. Run it with `npm run test:contract` (README: "Contract tests").
export default defineProject({
  test: {
    name: 'contract',
    include: ['suites/**/*.test.ts'],
    // Not vitest's default (which leaves out node_modules): installed as a package, the suite is under node_modules.
    exclude: ['**/.git/**'],
    globalSetup: ['lib/global-setup.ts'],
    // The test files share nothing but the spec and the validator, which are costly to load: load them once per worker.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
