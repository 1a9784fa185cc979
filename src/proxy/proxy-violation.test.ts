// A violation as recorded: credentials of the exchange redacted everywhere, payload and path clipped, one log line.
import { describe, expect, it } from 'vitest';
import { exchangeSecrets } from './exchange-secrets.js';
import { clipBytes, maxPayloadBytes, toViolation, violationLine } from './proxy-violation.js';

describe('proxy violations', () => {
  it('clips payloads to 2 KiB of UTF-8, never inside a character', () => {
    const clipped = clipBytes('ø'.repeat(2000), maxPayloadBytes);
    expect(Buffer.byteLength(clipped)).toBeLessThanOrEqual(maxPayloadBytes);
    expect(clipped).toMatch(/^ø+…$/);
    expect(clipBytes('short', maxPayloadBytes)).toBe('short');
  });

  it('redacts the credentials of the exchange, and configured secrets, in the path, the rule and the payload', () => {
    const secrets = exchangeSecrets('/test/customers/k3y-in-path-1?Api_Key=query-secret-1&limit=5', { 'x-api-key': 'k3y-in-path-1', authorization: 'Bearer tok.en.value' }, ['configured-secret']);
    expect(secrets.path).toBe('/test/customers/[redacted]?Api_Key=[redacted]&limit=5');
    const violation = toViolation(
      { direction: 'response', in: 'body', pointer: '/configured-secret', rule: 'names tok.en.value', payload: { value: { echo: ['k3y-in-path-1', 'query-secret-1', 'tok.en.value', 'Bearer tok.en.value'] } } },
      { at: new Date('2026-01-01T00:00:00Z'), method: 'GET', path: secrets.path, operationId: 'getCustomer', status: 200 },
      secrets.redactor,
    );
    expect(violation).toEqual({
      at: '2026-01-01T00:00:00.000Z', direction: 'response', method: 'GET', path: '/test/customers/[redacted]?Api_Key=[redacted]&limit=5', operationId: 'getCustomer', status: 200,
      in: 'body', pointer: '/[redacted]', rule: 'names [redacted]', payload: '{"echo":["[redacted]","[redacted]","[redacted]","[redacted]"]}',
    });
  });

  it('keeps at most 2 KiB of a long path, and 500 bytes of it in the log line', () => {
    const path = `/test/customers?padding=${'x'.repeat(9000)}`;
    const violation = toViolation({ direction: 'request', in: 'query', pointer: '/query/padding', rule: 'is not a known query parameter' }, { at: new Date(), method: 'GET', path, operationId: 'listCustomers', status: 414 }, exchangeSecrets(path, {}, []).redactor);
    expect(Buffer.byteLength(violation.path)).toBe(2048);
    expect(violation.path).toMatch(/^\/test\/customers\?padding=x+…$/);
    expect(violationLine(violation)).toMatch(/^contract violation \(request\): GET \/test\/customers\?padding=x{450,500}… → 414 listCustomers \/query\/padding: is not a known query parameter$/);
  });

  it('is one line of text', () => {
    const secrets = exchangeSecrets('/test/x', {}, []);
    const violation = toViolation({ direction: 'request', in: 'body', pointer: '', rule: 'is not JSON', payload: { text: 'line 1\nline 2\r\n' } }, { at: new Date(), method: 'POST', path: '/test/x', operationId: null, status: null }, secrets.redactor);
    expect(violationLine(violation)).toBe('contract violation (request): POST /test/x → no answer (unrouted) body (whole body): is not JSON | payload: line 1 line 2 ');
  });
});
