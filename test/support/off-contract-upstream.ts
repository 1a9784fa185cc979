// An upstream that breaks the contract on purpose, for the validation proxy's tests: a small node:http server on
// 127.0.0.1 whose answers are the spec's own examples, each with one planted break (a required field missing, a
// wrong type, an undocumented status, a wrong content type, a 201 without Location), plus one answer that is
// right, and one that echoes the request (its headers and URL) back in a body that breaks the contract, to show
// that credentials a client sent never reach what the proxy records even when the upstream repeats them.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'yaml';
import { defaultSpecFile } from '../../src/project-files.js';

interface Spec {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { examples?: Record<string, { value: unknown }> }> }> }>>;
}
const spec = parse(readFileSync(defaultSpecFile, 'utf8')) as Spec;

/** The first example the spec gives for an answer. */
function example(path: string, method: string, status: string): Record<string, unknown> {
  const content = spec.paths[path]?.[method]?.responses[status]?.content ?? {};
  const [first] = Object.values(Object.values(content)[0]?.examples ?? {});
  if (!first) throw new Error(`the spec has no example for ${method.toUpperCase()} ${path} ${status}`);
  return structuredClone(first.value) as Record<string, unknown>;
}

export interface PlantedBreak {
  what: string;
  method: string;
  path: string;
  /** How the proxy must name it. */
  operationId: string;
  in: 'body' | 'header' | 'status';
  pointer: string;
}

export const plantedBreaks: PlantedBreak[] = [
  { what: 'a required field missing', method: 'GET', path: '/test/customers/CUST-10001', operationId: 'getCustomer', in: 'body', pointer: '/name' },
  { what: 'a wrong type', method: 'GET', path: '/test/installations/INST-10001', operationId: 'getInstallation', in: 'body', pointer: '/version' },
  { what: 'an undocumented status', method: 'GET', path: '/test/customers', operationId: 'listCustomers', in: 'status', pointer: '' },
  { what: 'a wrong content type', method: 'GET', path: '/test/audits/AUD-10001', operationId: 'getAudit', in: 'header', pointer: '/header/content-type' },
  { what: 'a 201 without Location', method: 'POST', path: '/test/customers', operationId: 'upsertCustomer', in: 'header', pointer: '/header/location' },
];

/** A path whose answer meets the contract. */
export const rightPath = '/test/customers/CUST-RIGHT';
/** A path whose answer is a right customer padded to 64 KiB (an unknown property aside). */
export const bigPath = '/test/customers/CUST-BIG';
/** A path whose answer echoes the request's headers and URL, in a body without the required `name`. */
export const echoPath = '/test/customers/CUST-ECHO';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A copy without one member. */
function without(value: Record<string, unknown>, name: string): Record<string, unknown> {
  const copy = { ...value };
  delete copy[name];
  return copy;
}

const json = (status: number, value: unknown, headers: Record<string, string> = {}): Answer => ({ status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) });

function answer(method: string, url: string, headers: IncomingHttpHeaders): Answer {
  const path = url.split('?')[0];
  const customer = example('/customers/{customerId}', 'get', '200');
  switch (`${method} ${path}`) {
    case 'GET /test/customers/CUST-10001':
      return json(200, without(customer, 'name'));
    case 'GET /test/installations/INST-10001':
      return json(200, { ...example('/installations/{installationId}', 'get', '200'), version: '3' });
    case 'GET /test/customers':
      return json(418, { type: 'urn:cubit:problem:teapot', title: 'Teapot', status: 418, code: 'teapot', detail: 'Short and stout.' }, { 'content-type': 'application/problem+json' });
    case 'GET /test/audits/AUD-10001':
      return { status: 200, headers: { 'content-type': 'text/plain', etag: '"3"' }, body: JSON.stringify(example('/audits/{auditId}', 'get', '200')) };
    case 'POST /test/customers':
      return json(201, example('/customers', 'post', '201'));
    case `GET ${rightPath}`:
      return json(200, customer);
    case `GET ${bigPath}`:
      return json(200, { ...customer, padding: 'x'.repeat(64 * 1024) });
    case `GET ${echoPath}`:
      return json(200, { ...without(customer, 'name'), echo: { url, headers } });
    default:
      return json(404, { type: 'urn:cubit:problem:not-found', title: 'Not found', status: 404, code: 'not-found', detail: 'Nothing here.' }, { 'content-type': 'application/problem+json' });
  }
}

export interface OffContractUpstream {
  url: string;
  /** The requests it received, as `METHOD /path?query`. */
  received: string[];
  close(): Promise<void>;
}

export async function startOffContractUpstream(): Promise<OffContractUpstream> {
  const received: string[] = [];
  const server = createServer((request, reply) => {
    request.resume();
    request.on('end', () => {
      const method = request.method ?? 'GET';
      const url = request.url ?? '/';
      received.push(`${method} ${url}`);
      const { status, headers, body } = answer(method, url, request.headers);
      reply.writeHead(status, headers).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
