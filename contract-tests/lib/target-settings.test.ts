import { describe, expect, it } from 'vitest';
import { isProdTarget, readTargetSettings } from './target-settings.js';

describe('isProdTarget', () => {
  it.each([
    ['http://127.0.0.1:4010/prod', true],
    ['https://api.example.com/v1/PROD/', true],
    ['https://prod.api.example.com/test', true],
    ['https://api-production.example.com', true],
    ['https://api.example.com/test', false],
    ['https://products.example.com/test', false],
    ['http://127.0.0.1:4010/test', false],
  ])('%s → %s', (url, prod) => expect(isProdTarget(url)).toBe(prod));
});

describe('readTargetSettings', () => {
  it('targets the in-process mock by default, writes allowed', () => {
    expect(readTargetSettings({})).toMatchObject({ baseUrl: undefined, prod: false, writesAllowed: true, reportDir: 'reports/contract', enforceCoverage: true });
  });

  it('leaves writes out on a prod base URL unless CONTRACT_ALLOW_WRITES=1', () => {
    const env = { CONTRACT_BASE_URL: 'https://api.example.com/prod/', CONTRACT_API_KEY: 'fake' };
    expect(readTargetSettings(env)).toMatchObject({ baseUrl: 'https://api.example.com/prod', prod: true, writesAllowed: false, writesDisabledReason: expect.stringContaining('CONTRACT_ALLOW_WRITES') as string });
    expect(readTargetSettings({ ...env, CONTRACT_ALLOW_WRITES: '1' })).toMatchObject({ prod: true, writesAllowed: true });
  });

  it('leaves writes out anywhere with CONTRACT_READ_ONLY=1, even with CONTRACT_ALLOW_WRITES=1', () => {
    const settings = readTargetSettings({ CONTRACT_BASE_URL: 'http://127.0.0.1:4010', CONTRACT_API_KEY: 'fake', CONTRACT_READ_ONLY: '1', CONTRACT_ALLOW_WRITES: '1' });
    expect(settings).toMatchObject({ writesAllowed: false, writesDisabledReason: expect.stringContaining('CONTRACT_READ_ONLY') as string });
  });

  it('refuses a base URL without a key, and one that is not http(s)', () => {
    expect(() => readTargetSettings({ CONTRACT_BASE_URL: 'https://api.example.com/test' })).toThrow(/CONTRACT_API_KEY/);
    expect(() => readTargetSettings({ CONTRACT_BASE_URL: 'ftp://api.example.com', CONTRACT_API_KEY: 'fake' })).toThrow(/not an http/);
  });

  it('reads the bearer token and the admin API only for a given base URL, the admin URL without a trailing slash', () => {
    const env = { CONTRACT_BEARER_TOKEN: ' fake.jwt.token ', CONTRACT_ADMIN_URL: 'http://127.0.0.1:4010/__admin/', CONTRACT_ADMIN_KEY: 'fake-admin' };
    expect(readTargetSettings(env)).toMatchObject({ bearerToken: undefined, adminUrl: undefined, adminKey: undefined });
    const settings = readTargetSettings({ ...env, CONTRACT_BASE_URL: 'http://127.0.0.1:4010/test', CONTRACT_API_KEY: 'fake' });
    expect(settings).toMatchObject({ bearerToken: 'fake.jwt.token', adminUrl: 'http://127.0.0.1:4010/__admin', adminKey: 'fake-admin' });
  });
});
