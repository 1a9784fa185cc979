import { describe, expect, it } from 'vitest';
import { apiKeyCheck } from './api-key-auth.js';

describe('apiKeyCheck', () => {
  const check = apiKeyCheck('test-env-key-for-tests-only', [{ name: 'ApiKey', header: 'X-API-Key' }]);
  const withKey = (key: string | string[] | undefined) => () => check((name) => (name === 'x-api-key' ? key : undefined));

  it('accepts exactly the key', () => {
    expect(withKey('test-env-key-for-tests-only')).not.toThrow();
  });

  it('rejects a prefix, an extension, a near miss, an empty key, a repeated header and no header with the same 401', () => {
    for (const key of ['test-env-key-for-tests', 'test-env-key-for-tests-only!', 'test-env-key-for-tests-onlz', '', ['test-env-key-for-tests-only'], undefined]) {
      expect(withKey(key), JSON.stringify(key)).toThrow(expect.objectContaining({ statusCode: 401 }) as Error);
    }
  });

  it('compares multi-byte keys by their bytes', () => {
    const unicode = apiKeyCheck('nøkkel-æøå', [{ name: 'ApiKey', header: 'X-API-Key' }]);
    expect(() => unicode(() => 'nøkkel-æøå')).not.toThrow();
    expect(() => unicode(() => 'nøkkel-æøa')).toThrow();
    expect(() => unicode(() => 'nokkel-aeoa')).toThrow();
  });
});
