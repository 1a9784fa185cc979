// The request judge against the project's spec: routing, the security header's presence, parameters in the mock's
// syntax, header parameters, and the body's media type, JSON and schema, each named by place and rule.
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultSpecFile } from '../project-files.js';
import { loadSpec } from '../spec/load-spec.js';
import { createRequestJudge, type JudgedRequest, type RequestJudgement } from './request-judge.js';

let judge: (request: JudgedRequest) => RequestJudgement;
beforeAll(async () => {
  judge = createRequestJudge(await loadSpec(defaultSpecFile));
});

const key = { 'x-api-key': 'any-key-at-all' };
const request = (method: string, url: string, headers: JudgedRequest['headers'] = key, body = ''): JudgedRequest => ({ method, url, headers, body: Buffer.from(body) });
const where = (judged: RequestJudgement) => judged.findings.map((f) => [f.in, f.pointer, f.rule]);
const customer = { customerId: 'CUST-1', name: 'N', organizationNumber: '923456783', address: { street: 'S 1', postalCode: '0155', city: 'Oslo', country: 'NO' }, status: 'active' };
const json = { ...key, 'content-type': 'application/json' };

describe('the request judge', () => {
  it('routes as the mock does: environment, path, method (HEAD as GET), and names the path under the environment', () => {
    expect(judge(request('GET', '/test/customers/CUST-1?x=1'))).toMatchObject({ operationId: 'getCustomer', relativeUrl: '/customers/CUST-1?x=1', underServer: true });
    expect(judge(request('HEAD', '/prod/customers/CUST-1')).findings).toEqual([]);
    expect(where(judge(request('GET', '/staging/customers')))).toEqual([['route', '', 'is under no environment of the spec: its paths start with /test or /prod']]);
    expect(judge(request('GET', '/staging/customers')).underServer).toBe(false);
    expect(where(judge(request('GET', '/test/things')))).toEqual([['route', '', 'matches no operation of the spec']]);
    expect(where(judge(request('PUT', '/test/customers/CUST-1')))).toEqual([['route', '', 'PUT is not allowed on this path; allowed: DELETE, GET, HEAD']]);
  });

  it('checks that the security header is there, never what it holds', () => {
    expect(where(judge(request('GET', '/test/customers', {})))).toEqual([['header', '/header/X-API-Key', 'is required: this operation is secured by an API key in the X-API-Key header']]);
    expect(judge(request('GET', '/test/audits', { authorization: 'Bearer whatever' })).findings).toEqual([]);
    expect(where(judge(request('GET', '/test/audits', key)))).toEqual([['header', '/header/Authorization', 'is required: this operation is secured by a bearer token (Authorization: Bearer <token>)']]);
    const basic = judge(request('GET', '/test/audits', { authorization: 'Basic c2VjcmV0' }));
    expect(basic.findings).toEqual([expect.objectContaining({ pointer: '/header/Authorization', payload: { text: '[redacted]' } })]);
  });

  it('judges parameters with the mock parameter syntax, and lists them as the mock 400 does', () => {
    const judged = judge(request('GET', '/test/customers?limit=01&offset=1&offset=2&extra=x'));
    expect(where(judged)).toEqual([
      ['query', '/query/limit', expect.stringMatching(/^must be an integer in plain decimal digits/)],
      ['query', '/query/offset', 'is given more than once; give it once'],
      ['query', '/query/extra', 'is not a known query parameter'],
    ]);
    expect(judged.errors[0]).toEqual({ in: 'query', pointer: '/limit', message: judged.findings[0]?.rule });
    expect(judged.findings[0]?.payload).toEqual({ value: '01' });
    expect(where(judge(request('GET', `/test/customers/${'x'.repeat(70)}`)))).toEqual([['path', '/path/customerId', expect.stringMatching(/^must (NOT have more than|match pattern)/)]]);
    expect(where(judge(request('GET', '/test/customers/%E0%A4%A')))).toEqual([['path', '/path', expect.stringContaining('malformed percent-encoding')]]);
  });

  it('judges header parameters, such as If-Match', () => {
    const headers = { authorization: 'Bearer t', 'content-type': 'application/json', 'if-match': 'W/"1"' };
    expect(where(judge(request('POST', '/test/audits/A-1/status', headers, '{"status":"in_progress"}')))).toEqual([['header', '/header/If-Match', expect.stringContaining('must match pattern')]]);
  });

  it('judges the body: media type, JSON, schema (read-only fields named), and none where the operation takes none', () => {
    expect(judge(request('POST', '/test/customers', json, JSON.stringify(customer))).findings).toEqual([]);
    expect(where(judge(request('POST', '/test/customers', { ...key, 'content-type': 'text/plain' }, 'hi')))).toEqual([['header', '/header/Content-Type', 'Content-Type text/plain is not supported; send the body as application/json.']]);
    expect(where(judge(request('POST', '/test/customers', json, '{"a":')))).toEqual([['body', '', 'The request body is not valid JSON: a value was expected at line 1, column 6.']]);
    expect(where(judge(request('POST', '/test/customers', key)))).toEqual([['body', '', 'is required: send a JSON body']]);
    const broken = judge(request('POST', '/test/customers', json, JSON.stringify({ ...customer, name: 5, version: 2 })));
    expect(where(broken)).toEqual([
      ['body', '/version', 'is read-only: it is set by the server and must not be sent'],
      ['body', '/name', 'must be string'],
    ]);
    expect(broken.findings.map((f) => f.payload)).toEqual([{ value: 2 }, { value: 5 }]);
    expect(where(judge(request('DELETE', '/test/customers/CUST-1', json, '{}')))).toEqual([['body', '', 'must be absent: this operation takes no request body']]);
  });
});
