import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { bearerPreflightOperation, runBearerPreflight } from './bearer-preflight.js';
import type { SpecModel, SpecOperation } from './spec-model.js';

const operation = (operationId: string, path: string, bearer: boolean): SpecOperation => ({
  operationId,
  method: 'GET',
  path,
  parameters: [],
  body: undefined,
  responses: ['200', '401'].map((status) => ({ status, description: '', contentTypes: ['application/json'], requiredHeaders: [], schema: undefined })),
  apiKeyHeaders: bearer ? [] : ['X-API-Key'],
  bearer,
  writes: false,
  listOrder: undefined,
  problemCodes: {},
});
const spec: Pick<SpecModel, 'operations'> = {
  operations: [operation('listThings', '/things', false), operation('getAudit', '/audits/{auditId}', true), operation('listAudits', '/audits', true)],
};
const token = 'bearer-preflight-token-for-tests-only';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A server on a free port that answers every request with `answer`, recording the headers it got. */
async function serve(answer: (response: ServerResponse) => void): Promise<{ origin: string; received: IncomingHttpHeaders[] }> {
  const received: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    received.push(request.headers);
    answer(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

describe('bearerPreflightOperation', () => {
  it('picks the first bearer-secured list, and none when no operation takes a token', () => {
    expect(bearerPreflightOperation(spec)?.operationId).toBe('listAudits');
    expect(bearerPreflightOperation({ operations: spec.operations.slice(0, 1) })).toBeUndefined();
  });
});

describe('runBearerPreflight', () => {
  it('passes when the token is not refused, having sent it in Authorization', async () => {
    const server = await serve((response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"items":[]}'));
    expect(await runBearerPreflight({ baseUrl: `${server.origin}/test`, bearerToken: token, spec })).toEqual({ ok: true });
    expect(server.received[0]?.authorization).toBe(`Bearer ${token}`);
  });

  it('on a 401, names the setting and the challenge, never the token', async () => {
    const challenge = 'Bearer realm="cubit-core-test", error="invalid_token"';
    const server = await serve((response) => response.writeHead(401, { 'content-type': 'application/problem+json', 'www-authenticate': challenge }).end(`{"detail":"${token}"}`));
    const result = await runBearerPreflight({ baseUrl: `${server.origin}/test`, bearerToken: token, spec });
    expect(result).toEqual({
      ok: false,
      message:
        `Contract preflight: GET ${server.origin}/test/audits answered 401 (WWW-Authenticate: ${challenge}): this environment does not accept the bearer token in CONTRACT_BEARER_TOKEN, ` +
        'sent in the Authorization header to listAudits. It is expired or not yet valid, signed with another key, or issued for another environment (its aud). No test was run.',
    });
  });

  it('sends nothing when no operation takes a token', async () => {
    const server = await serve((response) => response.writeHead(401).end());
    expect(await runBearerPreflight({ baseUrl: `${server.origin}/test`, bearerToken: token, spec: { operations: spec.operations.slice(0, 1) } })).toEqual({ ok: true });
    expect(server.received).toEqual([]);
  });
});
