// The request journal: the ring and its ids, every filter, redaction of credentials and secrets, truncation,
// the body pointer filter past the cut, and entries that validate against the admin document's JournalEntry.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { type JournalEntry, type JournalFilter, type RecordedRequest, RequestJournal } from './request-journal.js';
import { filterProblems, journalFilterFromQuery, parsePointer, pointerProblem } from './request-journal.js';
import { credentialQueryNames } from './redaction.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020, formats: string[]) => Ajv2020;
const admin = parse(readFileSync(new URL('../../openapi/cubit-core-admin.yaml', import.meta.url), 'utf8')) as { components: unknown };
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv, ['date-time']);
ajv.addSchema({ $id: 'admin', components: admin.components });
const validateEntry = ajv.compile({ $ref: 'admin#/components/schemas/JournalEntry' });
const validatePage = ajv.compile({ $ref: 'admin#/components/schemas/JournalPage' });

const secret = 'SENTINEL-s3cret-9f2c';
const t0 = Date.parse('2026-03-02T13:05:12.104Z');
const all = { limit: 500, offset: 0 };

function request(overrides: Partial<RecordedRequest> = {}): RecordedRequest {
  return {
    time: new Date(t0), environment: 'test', operationId: 'getCustomer', method: 'GET', url: '/test/customers/CUST-1',
    headers: { host: '127.0.0.1:4010' }, body: undefined, status: 200, outcome: 'answered', latencyMs: 1.234,
    responseBody: '{"customerId":"CUST-1"}', faultRuleId: null, ...overrides,
  };
}
const journalOf = (requests: RecordedRequest[], size = 100, secrets = [secret]) => {
  const journal = new RequestJournal({ size, secrets });
  for (const each of requests) journal.record(each);
  return journal;
};
const ids = (journal: RequestJournal, filter: JournalFilter = {}) => journal.list(filter, all).items.map((entry) => entry.id);
const only = (journal: RequestJournal): JournalEntry => {
  const [entry] = journal.list({}, all).items;
  if (entry === undefined) throw new Error('the journal is empty');
  return entry;
};

describe('the ring', () => {
  it('keeps the last `size` entries, newest first, with ids that go on after eviction and clear', () => {
    const journal = journalOf(Array.from({ length: 5 }, () => request()), 3);
    expect(ids(journal)).toEqual(['req-5', 'req-4', 'req-3']);
    expect(journal.size).toBe(3);
    journal.clear();
    expect(journal.list({}, all)).toEqual({ items: [], total: 0 });
    expect(journal.record(request()).id).toBe('req-6');
    expect(ids(journal)).toEqual(['req-6']);
    for (let i = 0; i < 10_000; i++) journal.record(request());
    expect(ids(journal)).toEqual(['req-10006', 'req-10005', 'req-10004']);
  });

  it('keeps nothing with size 0, yet returns the entry', () => {
    const journal = new RequestJournal({ size: 0, secrets: [] });
    expect(journal.record(request()).id).toBe('req-1');
    expect(journal.record(request()).id).toBe('req-2');
    expect(journal.count({})).toBe(0);
    expect(() => new RequestJournal({ size: -1, secrets: [] })).toThrow(RangeError);
    expect(() => new RequestJournal({ size: 1.5, secrets: [] })).toThrow(RangeError);
  });

  it('pages after filtering, and total counts every match', () => {
    const journal = journalOf(Array.from({ length: 7 }, (_, i) => request({ status: i % 2 === 0 ? 200 : 404 })));
    expect(journal.list({}, { limit: 2, offset: 3 })).toMatchObject({ total: 7, items: [{ id: 'req-4' }, { id: 'req-3' }] });
    expect(journal.list({ status: 200 }, { limit: 2, offset: 1 }).items.map((entry) => entry.id)).toEqual(['req-5', 'req-3']);
    expect(journal.list({ status: 200 }, { limit: 2, offset: 10 })).toEqual({ items: [], total: 4 });
  });

  it('keeps a request without making its entry, and shows it, redacted, as record would', () => {
    const sent = request({
      method: 'post', url: `/test/customers?api_key=${secret}&x=1`, headers: { host: 'h', 'x-api-key': secret, 'x-note': `a ${secret} b` },
      body: JSON.stringify({ customerId: 'CUST-1', note: secret }), responseBody: `{"echo":"${secret}"}`,
    });
    const kept = new RequestJournal({ size: 10, secrets: [secret] });
    kept.keep(sent);
    kept.keep({ ...sent, time: new Date(Number.NaN) });
    const recorded = new RequestJournal({ size: 10, secrets: [secret] });
    const entry = recorded.record(sent);
    const [second, first] = kept.list({}, all).items;
    expect(first).toEqual(entry);
    expect(JSON.stringify(first)).not.toContain(secret);
    expect(Number.isNaN(Date.parse(second?.time ?? ''))).toBe(false);
    expect(kept.count({ bodyPointer: '/customerId', bodyEquals: 'CUST-1' })).toBe(2);
  });

  it('shapes the entry: ISO time, latency to 0.1 ms, frozen', () => {
    const entry = journalOf([request({ latencyMs: 1.25 })]).record(request({ latencyMs: -3, method: 'patch' }));
    expect(entry).toMatchObject({ time: '2026-03-02T13:05:12.104Z', latencyMs: 0, method: 'PATCH', requestBody: null });
    expect(only(journalOf([request({ latencyMs: 1.25 })])).latencyMs).toBe(1.3);
    expect(only(journalOf([request()])).latencyMs).toBe(1.2);
    expect(Object.isFrozen(entry) && Object.isFrozen(entry.query) && Object.isFrozen(entry.requestHeaders)).toBe(true);
  });
});

describe('filters', () => {
  const body = { customerId: 'CUST-2', n: 52, flag: true, nil: null, address: { city: 'Oslo' }, tags: ['a', 'b'], 'a/b': { 'm~n': 1 } };
  const journal = journalOf([
    request(),
    request({ time: new Date(t0 + 60_000), environment: 'prod', operationId: 'upsertCustomer', method: 'POST', url: '/prod/customers?x=1', body: JSON.stringify(body), status: 201 }),
    request({ time: new Date(t0 + 120_000), environment: null, operationId: null, method: 'DELETE', url: '/other', body: 'not json', status: null, outcome: 'connection-closed', responseBody: undefined }),
  ]);
  const cases: [JournalFilter, string[]][] = [
    [{}, ['req-3', 'req-2', 'req-1']],
    [{ environment: 'test' }, ['req-1']],
    [{ operationId: 'upsertCustomer' }, ['req-2']],
    [{ method: 'DELETE' }, ['req-3']],
    [{ method: 'post' }, ['req-2']],
    [{ status: 201 }, ['req-2']],
    [{ path: '/test/customers' }, ['req-1']],
    [{ path: '/test/customers/CUST-1' }, ['req-1']],
    [{ path: '/prod/customers?x' }, []],
    [{ since: '2026-03-02T13:06:12.104Z' }, ['req-3', 'req-2']],
    [{ since: '2026-03-02T14:06:12.104+01:00' }, ['req-3', 'req-2']],
    [{ until: '2026-03-02T13:06:12.104Z' }, ['req-1']],
    [{ since: '2026-03-02T13:06:00Z', until: '2026-03-02T13:07:00Z' }, ['req-2']],
    [{ since: '2026-03-02T13:07:00Z', until: '2026-03-02T13:06:00Z' }, []],
    [{ environment: 'prod', method: 'GET' }, []],
    [{ bodyPointer: '/customerId' }, ['req-2']],
    [{ bodyPointer: '/customerId', bodyEquals: 'CUST-2' }, ['req-2']],
    [{ bodyPointer: '/customerId', bodyEquals: '"CUST-2"' }, []],
    [{ bodyPointer: '/n', bodyEquals: '52' }, ['req-2']],
    [{ bodyPointer: '/flag', bodyEquals: 'true' }, ['req-2']],
    [{ bodyPointer: '/nil' }, ['req-2']],
    [{ bodyPointer: '/nil', bodyEquals: 'null' }, ['req-2']],
    [{ bodyPointer: '/address', bodyEquals: '{"city":"Oslo"}' }, ['req-2']],
    [{ bodyPointer: '/tags/1', bodyEquals: 'b' }, ['req-2']],
    [{ bodyPointer: '/tags/01' }, []],
    [{ bodyPointer: '/tags/2' }, []],
    [{ bodyPointer: '/a~1b/m~0n', bodyEquals: '1' }, ['req-2']],
    [{ bodyPointer: '/missing' }, []],
    [{ bodyPointer: '/n/0' }, []],
    [{ bodyPointer: '' }, ['req-2']],
    [{ bodyPointer: 'customerId' }, []],
    [{ bodyEquals: 'CUST-2' }, []],
  ];

  it.each(cases)('%j matches %j, and count equals the total', (filter, expected) => {
    const page = journal.list(filter, all);
    expect(page.items.map((entry) => entry.id)).toEqual(expected);
    expect(page.total).toBe(expected.length);
    expect(journal.count(filter)).toBe(expected.length);
  });

  it('reads the query of listRequests and countRequests into a filter', () => {
    const query = { environment: 'test', operationId: 'upsertCustomer', method: 'POST', status: 503, path: '/test', since: 's', until: 'u', bodyPointer: '/a', bodyEquals: '1', limit: 50, offset: 0, other: 'x' };
    const { limit, offset, other, ...expected } = query;
    expect([limit, offset, other]).toEqual([50, 0, 'x']);
    expect(journalFilterFromQuery(query)).toEqual(expected);
    expect(journalFilterFromQuery({ limit: 50, offset: 0 })).toEqual({});
  });

  it('parses JSON Pointers and names the problems of a filter', () => {
    expect(parsePointer('')).toEqual([]);
    expect(parsePointer('/')).toEqual(['']);
    expect(parsePointer('/a~1b/m~0n/0/~01')).toEqual(['a/b', 'm~n', '0', '~1']);
    for (const bad of ['a', 'customerId', '/a~2', '/a~']) expect([parsePointer(bad), pointerProblem(bad)]).toEqual([undefined, expect.stringContaining('must be a JSON Pointer')]);
    expect(pointerProblem('a')).toBe('must be a JSON Pointer: "" or starting with "/"');
    expect(pointerProblem('/a')).toBeUndefined();
    expect(filterProblems({ bodyPointer: '/a', bodyEquals: '1' })).toEqual([]);
    expect(filterProblems({ bodyEquals: '1' })).toEqual([{ in: 'query', pointer: '/bodyEquals', message: 'needs bodyPointer: the value it names is compared with it' }]);
    expect(filterProblems({ bodyPointer: 'a' })).toEqual([{ in: 'query', pointer: '/bodyPointer', message: 'must be a JSON Pointer: "" or starting with "/"' }]);
  });
});

describe('redaction', () => {
  it('redacts credential headers whole, lower-cases names, joins lists and replaces secrets in the rest', () => {
    const headers = {
      'X-API-Key': 'k', authorization: 'Bearer x', cookie: 'a=b', 'x-admin-key': 'a', 'proxy-authorization': 'Basic y',
      'X-Forwarded-For': ['10.0.0.1', '10.0.0.2'], 'x-trace': `abc-${secret}-def`, 'x-none': undefined, 'x-long': 'h'.repeat(20_000),
    };
    const entry = only(journalOf([request({ headers })]));
    expect(entry.requestHeaders).toEqual({
      'x-api-key': '[redacted]', authorization: '[redacted]', cookie: '[redacted]', 'x-admin-key': '[redacted]', 'proxy-authorization': '[redacted]',
      'x-forwarded-for': '10.0.0.1, 10.0.0.2', 'x-trace': 'abc-[redacted]-def', 'x-long': 'h'.repeat(16_384),
    });
  });

  it('redacts credential-like query parameters by name, keeps lists in order, and replaces secrets in other values', () => {
    const url = `/test/installations?customerId=CUST-1&token=t&API-Key=1&apiKey=2&Access-Token=3&SESSION_ID=4&tag=a&tag=b%20c&password=p&Password=q&q=${secret}&monkey=m&keyword=k`;
    expect(only(journalOf([request({ url })])).query).toEqual({
      customerId: 'CUST-1', token: '[redacted]', 'API-Key': '[redacted]', apiKey: '[redacted]', 'Access-Token': '[redacted]', SESSION_ID: '[redacted]',
      tag: ['a', 'b c'], password: '[redacted]', Password: '[redacted]', q: '[redacted]', monkey: 'm', keyword: 'k',
    });
    expect(only(journalOf([request({ url: '/test/x?token=a&token=b&plain=1' })])).query).toEqual({ token: ['[redacted]', '[redacted]'], plain: '1' });
    expect(only(journalOf([request({ url: '/test/x' })])).query).toEqual({});
  });

  it('redacts every credential-like name, in any case and with or without - and _', () => {
    for (const name of credentialQueryNames) {
      const spelled = [name, name.toUpperCase(), name.replace(/[-_]/g, ''), `_${name.replace(/[-_]/g, '-')}`];
      const query = only(journalOf([request({ url: `/x?${spelled.map((each) => `${each}=v`).join('&')}` })])).query;
      expect(Object.values(query).flat(), name).toEqual(spelled.map(() => '[redacted]'));
    }
  });

  it('leaves the secret nowhere: header, query (any name), path, request body, response body', () => {
    const journal = journalOf([
      request({ headers: { 'x-api-key': secret, 'x-custom': `Bearer-${secret}`, [`x-${secret}`]: '1' }, url: `/test/customers/${secret}?q=${secret}&token=${secret}&${secret}=v` }),
      request({ method: 'POST', body: JSON.stringify({ password: secret, note: `a${secret}b` }), responseBody: `{"echo":"${secret}"}` }),
    ]);
    const text = JSON.stringify(journal.list({}, all));
    expect(text.toLowerCase()).not.toContain(secret.toLowerCase());
    expect(text.split('[redacted]').length - 1).toBeGreaterThanOrEqual(10);
    expect(only(journal).requestBody).toBe('{"password":"[redacted]","note":"a[redacted]b"}');
    expect(journal.list({}, all).items[1]?.path).toBe('/test/customers/[redacted]');
  });

  it('replaces a secret percent-encoded (hex in either case), form-encoded, JSON-escaped, or spelled with needless escapes', () => {
    const odd = 'p@ss "word"/ключ';
    const encoded = encodeURIComponent(odd);
    const journal = journalOf([
      request({ url: `/test/customers/${encoded}?q=${encoded}`, body: `q=${encoded.replace(/%20/g, '+')}`, headers: { referer: `http://h/?k=${encoded.toLowerCase()}` } }),
      request({ url: `/test/customers/%53ENTINEL-s3cret-9f2c`, body: JSON.stringify({ odd }), responseBody: odd }),
    ], 100, [secret, odd]);
    const text = JSON.stringify(journal.list({}, all));
    for (const form of [odd, encoded, encoded.toLowerCase(), JSON.stringify(odd).slice(1, -1), secret]) expect(text).not.toContain(form);
    const [second, first] = journal.list({}, all).items;
    expect(first).toMatchObject({ path: '/test/customers/[redacted]', query: { q: '[redacted]' }, requestBody: 'q=[redacted]', requestHeaders: { referer: 'http://h/?k=[redacted]' } });
    expect(second).toMatchObject({ path: '/test/customers/[redacted]', requestBody: '{"odd":"[redacted]"}', responseBody: '[redacted]' });
  });

  it('ignores secrets shorter than 4 characters', () => {
    expect(only(journalOf([request({ body: 'abc and xyz' })], 10, ['abc', '', 'xyz'])).requestBody).toBe('abc and xyz');
  });
});

describe('truncation', () => {
  it('cuts bodies after 8192 characters, and flags it', () => {
    const journal = journalOf([
      request({ body: 'x'.repeat(8192), responseBody: 'y'.repeat(8192) }),
      request({ body: 'x'.repeat(8193), responseBody: 'y'.repeat(8193) }),
    ]);
    const [longer, exact] = journal.list({}, all).items;
    expect(exact).toMatchObject({ requestBody: 'x'.repeat(8192), requestBodyTruncated: false, responseBody: 'y'.repeat(8192), responseBodyTruncated: false });
    expect(longer).toMatchObject({ requestBody: 'x'.repeat(8192), requestBodyTruncated: true, responseBody: 'y'.repeat(8192), responseBodyTruncated: true });
  });

  it('redacts before cutting, so a secret across the cut leaves none of its characters', () => {
    const entry = only(journalOf([request({ body: 'x'.repeat(8190) + secret + 'z'.repeat(100), responseBody: 'x'.repeat(8185) + secret })]));
    expect(entry.requestBody).toBe(`${'x'.repeat(8190)}[r`);
    expect(entry.responseBody).toBe(`${'x'.repeat(8185)}[redact`);
    expect(`${entry.requestBody ?? ''}${entry.responseBody ?? ''}`).not.toMatch(/S|SE|SEN/);
  });

  it('does not split a surrogate pair at the cut', () => {
    const entry = only(journalOf([request({ body: `${'x'.repeat(8191)}😀y` })]));
    expect(entry).toMatchObject({ requestBody: 'x'.repeat(8191), requestBodyTruncated: true });
  });
});

describe('the body pointer filter', () => {
  it('sees the whole body past the cut, up to 64 KiB', () => {
    const late = JSON.stringify({ filler: 'f'.repeat(20_500), customerId: 'CUST-LATE' });
    const huge = JSON.stringify({ filler: 'f'.repeat(70_000), customerId: 'CUST-HUGE' });
    const journal = journalOf([request({ body: late }), request({ body: huge }), request({ body: '{"customerId":' })]);
    expect(journal.list({}, all).items.map((entry) => entry.requestBodyTruncated)).toEqual([false, true, true]);
    expect(late.length).toBeGreaterThan(20 * 1024);
    expect(only(journalOf([request({ body: late })])).requestBody).not.toContain('CUST-LATE');
    expect(ids(journal, { bodyPointer: '/customerId', bodyEquals: 'CUST-LATE' })).toEqual(['req-1']);
    expect(journal.count({ bodyPointer: '/customerId', bodyEquals: 'CUST-LATE' })).toBe(1);
    expect(ids(journal, { bodyPointer: '/customerId' })).toEqual(['req-1']);
    expect(ids(journal, { bodyPointer: '' })).toEqual(['req-1']);
  });

  it('never matches a body that is not JSON, or no body', () => {
    const journal = journalOf([request({ body: 'customerId=CUST-1' }), request({ body: '' }), request()]);
    expect(journal.count({ bodyPointer: '' })).toBe(0);
    expect(journal.count({ bodyPointer: '/customerId' })).toBe(0);
  });

  it('compares with the redacted body', () => {
    const journal = journalOf([request({ body: JSON.stringify({ password: secret, customerId: 'CUST-1' }) })]);
    expect(journal.count({ bodyPointer: '/password', bodyEquals: secret })).toBe(0);
    expect(journal.count({ bodyPointer: '/password', bodyEquals: '[redacted]' })).toBe(1);
  });
});

describe('the JournalEntry schema', () => {
  it('validates every kind of entry, and the page', () => {
    const journal = journalOf([
      request(),
      request({ environment: null, operationId: null, method: 'OPTIONS', url: '/?a=1&a=2&token=x', status: null, outcome: 'connection-closed', responseBody: undefined, faultRuleId: 'fault-2' }),
      request({ url: `/test/${'p'.repeat(8000)}?${Array.from({ length: 150 }, () => `t=${secret}`).join('&')}`, body: `${secret}`.repeat(1000), responseBody: 'r'.repeat(9000), outcome: 'aborted' }),
      request({ headers: { 'x-long': secret.repeat(1000), 'set-cookie': ['a', 'b'] }, latencyMs: 12345.678, status: 599 }),
    ]);
    const page = journal.list({}, { limit: 50, offset: 0 });
    for (const entry of page.items) expect(validateEntry(entry) ? [] : validateEntry.errors).toEqual([]);
    expect(validatePage({ ...page, limit: 50, offset: 0 }) ? [] : validatePage.errors).toEqual([]);
    expect(page.items[1]?.query.t).toHaveLength(100);
  });

  it('is a live check: it rejects an entry that breaks it', () => {
    const entry = only(journalOf([request()]));
    expect(validateEntry(entry)).toBe(true);
    expect(validateEntry({ ...entry, extra: 1 })).toBe(false);
    expect(validateEntry({ ...entry, requestBody: 'x'.repeat(8193) })).toBe(false);
    expect(validateEntry({ ...entry, time: 'yesterday' })).toBe(false);
  });
});
