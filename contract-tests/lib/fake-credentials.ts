// Obviously fake credentials: the in-process mock's keys (the contract suite run without a target), which the
// project's own tests use too (test/support/test-keys.ts, admin-client.ts). Never real credentials.
export const testKeys = { test: 'test-env-key-for-tests-only', prod: 'prod-env-key-for-tests-only' } as const;

/** An obviously fake HS256 secret for bearer tokens (32 bytes or more, as HS256 requires). */
export const testJwtSecret = 'jwt-secret-for-tests-only-not-a-real-one';

/** An obviously fake admin key. */
export const testAdminKey = 'admin-key-for-tests-only';
