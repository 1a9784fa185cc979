// Obviously fake API keys used by the tests. Never real credentials.
export const testKeys = { test: 'test-env-key-for-tests-only', prod: 'prod-env-key-for-tests-only' } as const;
export type Environment = keyof typeof testKeys;
