// Writing the proxy's answers to the client: the upstream's answer passed on (end-to-end fields only, its
// Location moved under the proxy), a problem+json of the proxy's own, and the report as JSON.
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { ProblemResponse } from '../errors/problem.js';
import { rewriteLocations } from './location-rewrite.js';
import { endToEnd, type UpstreamAnswer } from './upstream.js';

/** Statuses whose answers carry no body, whatever Content-Length says. */
const bodiless = (status: number) => status < 200 || status === 204 || status === 304;

export interface PassOn {
  method: string;
  upstreamBase: string;
  proxyBase: string;
}

export function sendUpstreamAnswer(res: ServerResponse, answer: UpstreamAnswer, how: PassOn): void {
  const headers = rewriteLocations(endToEnd(answer.headers), how.upstreamBase, how.proxyBase);
  const noBody = how.method === 'HEAD' || bodiless(answer.status);
  // A HEAD answer's Content-Length is the GET's: kept as the upstream sent it.
  if (noBody) {
    if (answer.headers['content-length'] !== undefined && !bodiless(answer.status)) headers['content-length'] = answer.headers['content-length'];
  } else headers['content-length'] = String(answer.body.length);
  res.writeHead(answer.status, headers);
  res.end(noBody ? undefined : answer.body);
}

export function sendProblem(res: ServerResponse, problem: ProblemResponse, requestId: string, extra: OutgoingHttpHeaders = {}): void {
  const text = JSON.stringify(problem.body);
  res.writeHead(problem.status, {
    ...problem.headers,
    ...extra,
    'x-request-id': requestId,
    'content-type': 'application/problem+json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), 'cache-control': 'no-store' });
  res.end(text);
}
