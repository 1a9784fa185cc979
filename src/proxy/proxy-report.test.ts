// The running tally: counts, the bounded list of recent violations and the bounded kinds per operation.
import { describe, expect, it } from 'vitest';
import { kindsKeptPerOperation, ProxyTally, recentViolationsKept } from './proxy-report.js';
import type { ProxyViolation } from './proxy-violation.js';

const violation = (n: number): ProxyViolation => ({
  at: '2026-01-01T00:00:00.000Z', direction: n % 2 === 0 ? 'request' : 'response', method: 'GET', path: '/test/customers', operationId: 'listCustomers', status: 200, in: 'body', pointer: `/items/${n}`, rule: 'must be object',
});

describe('the proxy tally', () => {
  it('counts every violation, and keeps the last 100 and the first 50 kinds per operation', () => {
    const tally = new ProxyTally({ startedAt: new Date(), upstream: 'http://up', specFile: 'spec.yaml', strict: true, operationIds: ['listCustomers', 'getCustomer'] });
    tally.exchange('listCustomers', 'forwarded', Array.from({ length: 130 }, (_, n) => violation(n)));
    tally.exchange('listCustomers', 'refused', [violation(0)]);
    tally.exchange('getCustomer', 'upstream-failure', []);
    const report = tally.report();
    expect(report.exchanges).toEqual({ total: 3, byOperation: { listCustomers: 2, getCustomer: 1, '(unrouted)': 0 }, refused: 1, upstreamFailures: 1, preflights: 0 });
    expect(report.violations).toMatchObject({ total: 131, byDirection: { request: 66, response: 65 }, byOperation: { listCustomers: 131 }, otherKinds: { listCustomers: 80 } });
    expect(report.violations.recent).toHaveLength(recentViolationsKept);
    expect(report.violations.recent.at(-1)?.pointer).toBe('/items/0');
    expect(report.violations.kinds.listCustomers).toHaveLength(kindsKeptPerOperation);
    expect(report.violations.kinds.listCustomers?.[0]).toMatchObject({ pointer: '/items/0', count: 2 });
  });

  it('answers copies: what a caller does to a report changes nothing', () => {
    const tally = new ProxyTally({ startedAt: new Date(), upstream: 'http://up', specFile: 'spec.yaml', strict: false, operationIds: [] });
    tally.report().exchanges.total = 99;
    expect(tally.report().exchanges.total).toBe(0);
  });
});
