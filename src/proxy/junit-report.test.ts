// The JUnit report: XML escaping, and one case per operation (failing, skipped or passing) plus the unrouted one.
import { describe, expect, it } from 'vitest';
import { junitXml, xmlAttribute, xmlText } from './junit-report.js';
import { ProxyTally } from './proxy-report.js';
import type { ProxyViolation } from './proxy-violation.js';

const violation = (overrides: Partial<ProxyViolation>): ProxyViolation => ({
  at: '2026-01-01T00:00:00.000Z', direction: 'response', method: 'GET', path: '/test/customers/C-1', operationId: 'getCustomer', status: 200, in: 'body', pointer: '/name', rule: 'is required', ...overrides,
});

describe('the JUnit report', () => {
  it('escapes markup and quotes, and replaces what XML cannot carry', () => {
    expect(xmlText('a < b && c > "d" \'e\'')).toBe('a &lt; b &amp;&amp; c &gt; "d" \'e\'');
    expect(xmlAttribute('a<"b">\'&\n')).toBe('a&lt;&quot;b&quot;&gt;&apos;&amp;&#10;');
    expect(xmlText('bell\u0007 nul\u0000 lone\uD800 ok\u{1F600}')).toBe('bell\uFFFD nul\uFFFD lone\uFFFD ok\u{1F600}');
  });

  it('has a case per operation and one for unrouted requests: failing with each kind of violation, skipped, or passing', () => {
    const tally = new ProxyTally({ startedAt: new Date('2026-01-01T00:00:00Z'), upstream: 'http://up', specFile: 'spec.yaml', strict: false, operationIds: ['getCustomer', 'listCustomers', 'deleteCustomer'] });
    tally.exchange('getCustomer', 'forwarded', [violation({}), violation({ pointer: '/bad<&>"', rule: 'must be "string" & <short>', payload: '{"x":"</failure>"}' })]);
    tally.exchange('getCustomer', 'forwarded', [violation({})]);
    tally.exchange('listCustomers', 'forwarded', []);
    tally.exchange(null, 'forwarded', [violation({ direction: 'request', operationId: null, in: 'route', pointer: '', rule: 'matches no operation of the spec' })]);
    const xml = junitXml(tally.report(), new Date('2026-01-01T00:00:02Z'));
    expect(xml).toContain('<testsuites name="validation proxy" tests="4" failures="2" errors="0" skipped="1" time="2.000">');
    expect(xml).toContain('<failure type="contract-violation" message="3 contract violations in 2 exchanges; first: getCustomer body /name: is required">');
    expect(xml).toContain('getCustomer body /name: is required (response, 2 times)');
    expect(xml).toContain('getCustomer body /bad&lt;&amp;&gt;": must be "string" &amp; &lt;short&gt; (response, 1 time)');
    expect(xml).toContain('payload: {"x":"&lt;/failure&gt;"}');
    expect(xml).toContain('<testcase classname="validation-proxy" name="listCustomers" time="0"></testcase>');
    expect(xml).toMatch(/name="deleteCustomer" time="0">\n {6}<skipped message="no exchange reached this operation"\/>/);
    expect(xml).toMatch(/name="\(requests that match no operation\)" time="0">\n {6}<failure [^>]*message="1 contract violation in 1 exchange; first: \(unrouted\) route: matches no operation of the spec"/);
    expect(xml.match(/<failure /g)).toHaveLength(2);
  });
});
