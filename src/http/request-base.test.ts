import { describe, expect, it } from 'vitest';
import { requestBase } from './request-base.js';

const at = (headers: Record<string, string | undefined>, trustProxy = false) => requestBase({ headers, localAddress: '127.0.0.1:4010', encrypted: false }, trustProxy);

describe('requestBase', () => {
  it('is the scheme and the Host header, or the listener address without one', () => {
    expect(at({ host: 'localhost:4011' })).toBe('http://localhost:4011');
    expect(at({ host: '[::1]:4011' })).toBe('http://[::1]:4011');
    expect(at({})).toBe('http://127.0.0.1:4010');
  });

  it('ignores proxy headers unless the proxy is trusted', () => {
    const headers = { host: 'mock:4010', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'api.example', 'x-forwarded-prefix': '/cubit' };
    expect(at(headers)).toBe('http://mock:4010');
    expect(at(headers, true)).toBe('https://api.example/cubit');
  });

  it('reads the first element of Forwarded before the X-Forwarded headers', () => {
    const headers = { host: 'mock', forwarded: 'for=10.0.0.1;proto=https;host="api.example:8443", for=10.0.0.2;host=inner', 'x-forwarded-host': 'other.example' };
    expect(at(headers, true)).toBe('https://api.example:8443');
  });

  it('ignores a value that does not have the shape of what it names, so none gets into a URL', () => {
    for (const headers of [
      { host: 'evil.example/path?x' },
      { host: 'a b' },
      { host: 'mock', 'x-forwarded-host': 'x.example"><script>', 'x-forwarded-proto': 'javascript', 'x-forwarded-prefix': '/../admin' },
      { host: 'mock', 'x-forwarded-prefix': 'no-leading-slash' },
      { host: 'mock', 'x-forwarded-prefix': '/a b' },
    ]) {
      expect(['http://127.0.0.1:4010', 'http://mock']).toContain(at(headers, true));
    }
    expect(at({ host: 'mock', 'x-forwarded-prefix': '/api/' }, true)).toBe('http://mock/api');
  });
});
