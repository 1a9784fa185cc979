import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { preflightOperation, type PreflightResult, runPreflight } from './preflight.js';
import type { SpecModel, SpecOperation, SpecParameter } from './spec-model.js';

const operation = (operationId: string, path: string, options: { parameters?: SpecParameter[]; method?: string; public?: boolean } = {}): SpecOperation => ({
  operationId,
  method: options.method ?? 'GET',
  path,
  parameters: options.parameters ?? [],
  body: undefined,
  responses: ['200', '401'].map((status) => ({ status, description: '', contentTypes: ['application/json'], requiredHeaders: [], schema: undefined })),
  apiKeyHeaders: options.public ? [] : ['X-API-Key'],
  bearer: false,
  writes: (options.method ?? 'GET') !== 'GET',
  listOrder: undefined,
  problemCodes: {},
});
const limit: SpecParameter = { name: 'limit', in: 'query', required: false, schema: { type: 'integer' } };
const thingId: SpecParameter = { name: 'thingId', in: 'path', required: true, schema: { type: 'string' } };
// Only the operations: the preflight reads nothing else of the model.
const spec: Pick<SpecModel, 'operations'> = {
  operations: [
    operation('upsertThing', '/things', { method: 'POST' }),
    operation('getThing', '/things/{thingId}', { parameters: [thingId] }),
    operation('searchThings', '/search', { parameters: [{ name: 'q', in: 'query', required: true, schema: { type: 'string' } }] }),
    operation('health', '/health', { public: true }),
    operation('listThings', '/things', { parameters: [limit] }),
  ],
};
const environments = ['test', 'prod'];
const apiKey = 'preflight-key-for-tests-only';

interface Server {
  origin: string;
  received: { url: string | undefined; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A server on 127.0.0.1 with a free port that answers every request with `answer`, recording what it got. */
async function serve(answer: (response: ServerResponse) => void): Promise<Server> {
  const received: Server['received'] = [];
  const server = createServer((request, response) => {
    received.push({ url: request.url, headers: request.headers });
    answer(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const started = {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  servers.push(started);
  return started;
}

const answering = (status: number, contentType: string, body: string) => (response: ServerResponse) => {
  response.writeHead(status, { 'content-type': contentType }).end(body);
};

const messageOf = (result: PreflightResult): string => {
  if (result.ok) throw new Error('the preflight passed where it should have stopped the run');
  expect(result.message).not.toContain(apiKey);
  return result.message;
};

describe('preflightOperation', () => {
  it('picks the first GET without path or required query parameters that needs the key', () => {
    expect(preflightOperation(spec)?.operationId).toBe('listThings');
  });

  it('falls back to a public one, and to none', () => {
    expect(preflightOperation({ ...spec, operations: spec.operations.filter((op) => op.operationId !== 'listThings') })?.operationId).toBe('health');
    expect(preflightOperation({ ...spec, operations: spec.operations.slice(0, 3) })).toBeUndefined();
  });
});

describe('runPreflight', () => {
  it('passes on a 200 with JSON, having sent a GET of the list operation with the key in its header', async () => {
    const server = await serve(answering(200, 'application/json', '{"items":[]}'));
    expect(await runPreflight({ baseUrl: `${server.origin}/test`, apiKey, spec, environments })).toEqual({ ok: true });
    expect(server.received).toHaveLength(1);
    expect(server.received[0]).toMatchObject({ url: '/test/things', headers: { 'x-api-key': apiKey } });
  });

  it('on a 401, says the key is not accepted by this environment and names the header, not the key', async () => {
    const server = await serve(answering(401, 'application/problem+json', '{"status":401}'));
    const message = messageOf(await runPreflight({ baseUrl: `${server.origin}/test`, apiKey, spec, environments }));
    expect(message).toBe(
      `Contract preflight: GET ${server.origin}/test/things answered 401: this environment does not accept the API key in CONTRACT_API_KEY, sent in the X-API-Key header. ` +
        "It is a wrong key, or another environment's key (test, prod: each has its own). No test was run.",
    );
  });

  it('on a 404 from a base URL without an environment, says it must end with one of the spec\'s environments', async () => {
    const server = await serve(answering(404, 'application/problem+json', '{"status":404}'));
    const message = messageOf(await runPreflight({ baseUrl: server.origin, apiKey, spec, environments }));
    expect(message).toContain(`GET ${server.origin}/things answered 404: the base URL probably lacks the environment segment.`);
    expect(message).toContain(`CONTRACT_BASE_URL must end with /test or /prod (the spec's \`environment\` server variable), e.g. ${server.origin}/test.`);
    expect(messageOf(await runPreflight({ baseUrl: server.origin, apiKey, spec, environments: ['staging'] }))).toContain(`must end with /staging`);
  });

  it('on a 404 from a base URL with a path prefix, suggests the environment after the origin and after the prefix', async () => {
    const server = await serve(answering(404, 'text/plain', 'not found'));
    const message = messageOf(await runPreflight({ baseUrl: `${server.origin}/api`, apiKey, spec, environments }));
    expect(message).toContain(`e.g. ${server.origin}/test (or ${server.origin}/api/test, if /api is part of the target's address).`);
  });

  it('on a 404 from a base URL that ends with an environment, says the target does not serve the list there', async () => {
    const server = await serve(answering(404, 'text/plain', 'not found'));
    const message = messageOf(await runPreflight({ baseUrl: `${server.origin}/prod`, apiKey, spec, environments }));
    expect(message).toContain(`answered 404: the target does not serve the spec's list operation under ${server.origin}/prod.`);
    expect(message).not.toContain('must end with');
  });

  it('on a 500, says what came back (at most 200 characters of the body, the key redacted) and what was expected', async () => {
    const body = JSON.stringify({ detail: `rejected ${apiKey}`, padding: 'x'.repeat(300) });
    const server = await serve(answering(500, 'application/problem+json', body));
    const message = messageOf(await runPreflight({ baseUrl: `${server.origin}/test`, apiKey, spec, environments }));
    expect(message).toContain(`GET ${server.origin}/test/things answered 500 application/problem+json: {"detail":"rejected [redacted]","padding":"xxx`);
    expect(message).toContain(`… (${body.length} characters). The suite expected the list operation listThings to answer 200 with JSON. No test was run.`);
    expect(message).not.toContain('x'.repeat(200));
  });

  it('stops on a 200 that is not JSON, such as a web page', async () => {
    const server = await serve(answering(200, 'text/html', '<html><body>Welcome</body></html>'));
    const message = messageOf(await runPreflight({ baseUrl: `${server.origin}/test`, apiKey, spec, environments }));
    expect(message).toContain('answered 200 text/html: <html><body>Welcome</body></html>. The suite expected the list operation listThings to answer 200 with JSON.');
  });

  it('stops on a redirect, saying where it points', async () => {
    const server = await serve((response) => response.writeHead(301, { location: 'https://elsewhere.example/test/things' }).end());
    const message = messageOf(await runPreflight({ baseUrl: `${server.origin}/test`, apiKey, spec, environments }));
    expect(message).toContain('answered 301 (no content type), redirecting to https://elsewhere.example/test/things: (empty body).');
  });

  it('when nothing listens, says it cannot connect, and why', async () => {
    const closed = await serve(answering(200, 'application/json', '{}'));
    await closed.close();
    const message = messageOf(await runPreflight({ baseUrl: `${closed.origin}/test`, apiKey, spec, environments }));
    expect(message).toBe(
      `Contract preflight: cannot connect to ${closed.origin}/test: connect ECONNREFUSED ${closed.origin.slice('http://'.length)}. Is the target running, and is CONTRACT_BASE_URL right? No test was run.`,
    );
  });

  it('when the target does not answer in time, says so', async () => {
    const server = await serve(() => undefined);
    const message = messageOf(await runPreflight({ baseUrl: `${server.origin}/test`, apiKey, spec, environments, timeoutMs: 300 }));
    expect(message).toContain(`cannot connect to ${server.origin}/test: no answer within 0.3 s.`);
  });

  it('names the settings it is given', async () => {
    const server = await serve(answering(401, 'application/problem+json', '{}'));
    const names = { baseUrl: 'the base URL', apiKey: 'the settings' };
    expect(messageOf(await runPreflight({ baseUrl: `${server.origin}/test`, apiKey, spec, environments, names }))).toContain('does not accept the API key in the settings,');
  });
});
