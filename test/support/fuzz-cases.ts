// The fuzz cases of an operation: one of its valid requests with one thing broken — the body (fuzz-body.ts), a
// path or query parameter, a header parameter (If-Match), the credentials, or the URL's length. Everything is
// derived from the operation as the spec model reads it; what the documents answer is requestFaults' to say.
import fc from 'fast-check';
import { sampleValue } from '../../contract-tests/lib/schema-samples.js';
import { maxUrlLength } from '../../src/http/request-limits.js';
import type { SpecParameter } from '../../contract-tests/lib/spec-model.js';
import { bodyChanges } from './fuzz-body.js';
import { type FuzzCredentials, type FuzzRequest, urlOf, validRequest } from './fuzz-request.js';
import type { BaseRequest, FuzzTarget } from './fuzz-spec.js';
import { integerSpellings, invalidStrings, nearMisses } from './fuzz-values.js';

export interface FuzzCase {
  operationId: string;
  /** What was broken, e.g. `query limit: "01"`. */
  mutation: string;
  request: FuzzRequest;
  method: string;
  url: string;
}

type Change = { mutation: string; edit: (request: FuzzRequest) => void };

const clip = (text: string, length = 200): string => (text.length > length ? `${text.slice(0, length)}… (${text.length} characters)` : text);

function describe(fuzzCase: FuzzCase): string {
  const body = fuzzCase.request.body;
  const shown = body === undefined ? 'none' : typeof body === 'string' ? JSON.stringify(clip(body)) : `bytes ${clip(body.toString('hex'))}`;
  return `${fuzzCase.operationId}: ${fuzzCase.mutation}\n  ${fuzzCase.method} ${clip(fuzzCase.url, 300)}\n  headers ${JSON.stringify(fuzzCase.request.headers)}\n  body ${shown}`;
}

function setQuery(request: FuzzRequest, name: string, value: string | undefined): void {
  request.query = request.query.filter(([n]) => n !== name);
  if (value !== undefined) request.query.push([name, value]);
}

function parameterValues(target: FuzzTarget, parameter: SpecParameter, valid: string): fc.Arbitrary<{ label: string; value: string }> | undefined {
  const refuses = (value: string) => !target.checker.acceptsParameter(parameter.schema, value);
  const types = Array.isArray(parameter.schema.type) ? parameter.schema.type : [parameter.schema.type];
  const options = { segment: parameter.in === 'path' };
  const arbitraries = types.includes('string')
    ? invalidStrings(parameter.schema, valid, refuses, options)
    : [integerSpellings(parameter.schema).filter((value) => refuses(value) && (!options.segment || (value !== '' && value.trim() === value))).map((value) => ({ label: JSON.stringify(value), value }))];
  // Short enough that the URL stays within its limit: that limit is a mutation of its own (urlChanges).
  return arbitraries.length > 0 ? fc.oneof(...arbitraries).filter(({ value }) => encodeURIComponent(value).length <= 2048) : undefined;
}

function parameterChanges(target: FuzzTarget, base: BaseRequest): fc.Arbitrary<Change>[] {
  const changes: fc.Arbitrary<Change>[] = [];
  const known = target.operation.parameters.filter((p) => p.in === 'query').map((p) => p.name);
  for (const parameter of target.operation.parameters) {
    const valid = parameter.in === 'path' ? (base.pathParams[parameter.name] as string) : String(sampleValue(parameter.schema));
    const values = parameterValues(target, parameter, valid);
    if (values) {
      changes.push(
        values.map(({ label, value }) => ({
          mutation: `${parameter.in} ${parameter.name}: ${clip(label)}`,
          edit: (request) => (parameter.in === 'path' ? (request.pathParams[parameter.name] = value) : setQuery(request, parameter.name, value)),
        })),
      );
    }
    if (parameter.in === 'path') {
      // Only where the operation's 400 documents the code such a path gets (the admin document's do not).
      if (!target.operation.problemCodes['400']?.includes('malformed-url')) continue;
      const broken = fc.tuple(fc.constantFrom('%', '%z', '%zz', '%C3', '%C3%28', '%ED%A0%80', '%F8%88%80%80', '%E2%82', '%%', '%G0'), fc.nat({ max: valid.length }));
      changes.push(
        broken.map(([bad, at]) => {
          const segment = encodeURIComponent(valid);
          const raw = `${segment.slice(0, at)}${bad}${segment.slice(at)}`;
          return { mutation: `path ${parameter.name}: the broken percent-encoding ${raw}`, edit: (request) => (request.encodedPath = { ...request.encodedPath, [parameter.name]: raw }) };
        }),
      );
      continue;
    }
    if (parameter.required) changes.push(fc.constant({ mutation: `query ${parameter.name} missing`, edit: (request) => setQuery(request, parameter.name, undefined) }));
    changes.push(fc.constant({ mutation: `query ${parameter.name} given twice`, edit: (request) => request.query.push([parameter.name, valid], [parameter.name, valid]) }));
  }
  const names = fc.oneof(fc.string({ minLength: 1, maxLength: 16 }), fc.constantFrom('customerId', 'installationId', 'environment', 'limit', 'offset', 'sort', 'q', '__proto__', 'constructor', 'hasOwnProperty', ...known.flatMap((k) => [k.toUpperCase(), `${k}[]`, `${k} `])));
  changes.push(
    fc.tuple(names.filter((name) => !known.includes(name)), fc.string({ maxLength: 16 })).map(([name, value]) => ({ mutation: `unknown query parameter ${JSON.stringify(name)}`, edit: (request) => request.query.push([name, value]) })),
  );
  return changes;
}

function headerChanges(target: FuzzTarget): fc.Arbitrary<Change>[] {
  return target.headerParameters.flatMap((header) => {
    const refuses = (value: string) => !target.checker.accepts(header.schema, value.trim());
    const values = [...invalidStrings(header.schema, String(header.example), refuses, { headerSafe: true }), fc.constantFrom('', '"1", "2"', 'W/"1"', '"0"', '"01"', '1', '**').filter(refuses).map((value) => ({ label: JSON.stringify(value), value }))];
    return [fc.oneof(...values).map(({ label, value }): Change => ({ mutation: `header ${header.name}: ${clip(label)}`, edit: (request) => (request.headers[header.name] = value) }))];
  });
}

/** Another character than the one at `at`, where changing it changes the bytes the token stands for. */
function tamperedToken(token: string): fc.Arbitrary<string> {
  const positions = [...token].map((_, i) => i).filter((i) => token[i] !== '.' && token[i + 1] !== '.' && i < token.length - 1);
  return fc.tuple(fc.constantFrom(...positions), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split(''))).filter(([i, c]) => token[i] !== c).map(([i, c]) => `${token.slice(0, i)}${c}${token.slice(i + 1)}`);
}

function credentialChanges(target: FuzzTarget, credentials: FuzzCredentials): fc.Arbitrary<Change>[] {
  const change = (mutation: string, edit: Change['edit']): Change => ({ mutation, edit });
  const changes: fc.Arbitrary<Change>[] = [];
  const wrongText = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 64 }).filter((v) => v.trim() === v && v !== '');
  for (const header of target.operation.apiKeyHeaders.map((h) => h.toLowerCase())) {
    const valid = credentials.keys[header] as string;
    const others = credentials.knownKeys.filter((key) => key !== valid);
    changes.push(
      fc.constant(change(`no ${header}`, (request) => delete request.headers[header])),
      fc.oneof(wrongText, fc.constantFrom(...others, valid.toUpperCase(), '', `${valid}, ${valid}`, `${valid},`), nearMisses(valid, true).filter((v) => v.trim() === v)).filter((v) => v !== valid).map((key) => change(`${header}: ${JSON.stringify(key)}`, (request) => (request.headers[header] = key))),
      fc.constantFrom('api_key', 'apiKey', header, 'key', 'token').map((name) =>
        change(`${header} sent as the query parameter ${name}`, (request) => {
          delete request.headers[header];
          request.query.push([name, valid]);
        }),
      ),
      fc.constantFrom(`${header}-2`, 'api-key', 'authorization').map((name) =>
        change(`${header} sent as the header ${name}`, (request) => {
          delete request.headers[header];
          request.headers[name] = name === 'authorization' ? `Bearer ${valid}` : valid;
        }),
      ),
    );
  }
  if (target.operation.bearer) {
    const { token } = credentials;
    const values = fc.oneof(
      wrongText.map((v) => `Bearer ${v}`),
      fc.constantFrom(`Basic ${Buffer.from(`qa:${token.slice(0, 8)}`).toString('base64')}`, `Token ${token}`, token, 'Bearer', `Bearer ${token}, Bearer ${token}`, `Bearer ${token},`, ...credentials.badTokens.map((t) => `Bearer ${t.token}`)),
      tamperedToken(token).map((t) => `Bearer ${t}`),
    );
    changes.push(
      fc.constant(change('no authorization', (request) => delete request.headers.authorization)),
      values.filter((v) => v !== `Bearer ${token}`).map((value) => change(`authorization: ${clip(credentials.badTokens.find((t) => value === `Bearer ${t.token}`)?.label ?? JSON.stringify(value), 80)}`, (request) => (request.headers.authorization = value))),
      fc.constant(
        change('an API key in place of the bearer token', (request) => {
          delete request.headers.authorization;
          request.headers['x-api-key'] = credentials.knownKeys[0] as string;
        }),
      ),
    );
  }
  return changes;
}

/** A URL over the limit (an unknown query parameter makes it long), where the operation documents 414. */
function urlChanges(target: FuzzTarget): fc.Arbitrary<Change>[] {
  if (!target.operation.responses.some((r) => r.status === '414')) return [];
  return [fc.nat({ max: 1024 }).map((extra) => ({ mutation: `a URL over ${maxUrlLength} bytes`, edit: (request) => request.query.push(['padding', 'x'.repeat(maxUrlLength + extra)]) }))];
}

function casesOf(target: FuzzTarget, base: BaseRequest, credentials: FuzzCredentials): fc.Arbitrary<Change> {
  const families: { arbitrary: fc.Arbitrary<Change>; weight: number }[] = [];
  const body = bodyChanges(target, base.body);
  if (body) {
    families.push({
      arbitrary: body.map(({ label, body: bytes, contentType }) => ({
        mutation: label,
        edit: (request) => {
          request.body = bytes;
          if (contentType === undefined) delete request.headers['content-type'];
          else request.headers['content-type'] = contentType;
        },
      })),
      weight: 6,
    });
  }
  families.push({ arbitrary: fc.oneof(...parameterChanges(target, base), ...urlChanges(target)), weight: target.operation.parameters.length > 0 ? 3 : 1 });
  const headers = headerChanges(target);
  if (headers.length > 0) families.push({ arbitrary: fc.oneof(...headers), weight: 2 });
  const credential = credentialChanges(target, credentials);
  if (credential.length > 0) families.push({ arbitrary: fc.oneof(...credential), weight: 2 });
  return fc.oneof(...families);
}

/** Requests of the operation with one thing broken, and the statuses they must get. */
export function fuzzCases(target: FuzzTarget, credentials: FuzzCredentials): fc.Arbitrary<FuzzCase> {
  return fc.oneof(...target.bases.map((base) => casesOf(target, base, credentials).map((change) => ({ base, change })))).map(({ base, change }) => {
    const request = validRequest(target, base, credentials);
    change.edit(request);
    const fuzzCase: FuzzCase = { operationId: target.operation.operationId, mutation: change.mutation, request, method: target.operation.method, url: urlOf(target, request) };
    return Object.assign(fuzzCase, { [fc.toStringMethod]: () => describe(fuzzCase) });
  });
}
