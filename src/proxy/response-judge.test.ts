// The response judge: the contract suite's validator's violations placed as body pointers, headers or the status;
// encoded and broken bodies.
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { createResponseValidator } from '../contract/response-validator.js';
import { defaultSpecFile } from '../project-files.js';
import { createResponseJudge } from './response-judge.js';

let judge: ReturnType<typeof createResponseJudge>;
beforeAll(async () => {
  judge = createResponseJudge(await createResponseValidator(defaultSpecFile), 1024 * 1024);
});

const customer = { customerId: 'CUST-1', name: 'N', organizationNumber: '923456783', address: { street: 'S 1', postalCode: '0155', city: 'Oslo', country: 'NO' }, status: 'active', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', version: 1 };
const json = { 'content-type': 'application/json' };
const get = (relativeUrl: string, method = 'GET') => ({ method, relativeUrl, underServer: true });
const places = (result: ReturnType<typeof judge>) => result.findings.map((f) => [f.in, f.pointer, f.rule]);

describe('the response judge', () => {
  it('passes a right answer, also gzip-encoded, and names the operation', () => {
    expect(judge(get('/customers/CUST-1'), { status: 200, headers: json, body: Buffer.from(JSON.stringify(customer)) })).toEqual({ operationId: 'getCustomer', findings: [] });
    const gzipped = { status: 200, headers: { ...json, 'content-encoding': 'gzip' }, body: gzipSync(JSON.stringify(customer)) };
    expect(judge(get('/customers/CUST-1'), gzipped).findings).toEqual([]);
    expect(judge(get('/customers/CUST-1', 'HEAD'), { status: 200, headers: json, body: Buffer.alloc(0) }).findings).toEqual([]);
  });

  it('says where each violation is: a body pointer, a header, the status', () => {
    const broken: Record<string, unknown> = { ...customer, version: 'one', extra: true };
    delete broken.address;
    const body = Buffer.from(JSON.stringify(broken));
    expect(places(judge(get('/customers/CUST-1'), { status: 200, headers: json, body }))).toEqual([
      ['body', '/address', 'is required'],
      ['body', '/extra', 'is not a documented property'],
      ['body', '/version', 'must be integer'],
    ]);
    expect(places(judge(get('/audits/A-1'), { status: 200, headers: { ...json, etag: 'W/"1"' }, body: Buffer.from('{}') }))).toContainEqual(['header', '/header/etag', expect.stringContaining('must match pattern')]);
    expect(places(judge(get('/customers/CUST-1'), { status: 418, headers: json, body: Buffer.from('{}') }))).toEqual([['status', '', expect.stringMatching(/^418 is not a status this operation documents \(200, 400, 401, 404/)]]);
    expect(places(judge(get('/customers/CUST-1', 'DELETE'), { status: 204, headers: json, body: Buffer.from('{}') }))).toEqual([['body', '', 'the spec documents no body for 204, yet the answer has one']]);
    expect(places(judge(get('/nowhere'), { status: 200, headers: json, body: Buffer.from('{"type":5}') }))).toEqual(
      expect.arrayContaining([['status', '', 'matches no operation, yet the answer is 200 (expected 404 or 405)'], ['header', '/header/content-type', expect.stringContaining('is not application/problem+json')], ['body', '/title', 'is required'], ['body', '/type', 'must be string']]),
    );
  });

  it('refuses a body its content type calls JSON that is not, and one its encoding cannot decode', () => {
    const broken = judge(get('/customers/CUST-1'), { status: 200, headers: json, body: Buffer.from('{"customerId":') });
    expect(broken.findings[0]).toEqual({ direction: 'response', in: 'body', pointer: '', rule: 'is not valid JSON, although the content type is application/json', payload: { text: '{"customerId":' } });
    const undecodable = judge(get('/customers/CUST-1'), { status: 200, headers: { ...json, 'content-encoding': 'gzip' }, body: Buffer.from('not gzip') });
    expect(undecodable.findings[0]?.rule).toBe('the body cannot be decoded as its Content-Encoding (gzip) says');
  });
});
