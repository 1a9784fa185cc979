// The validation proxy: a plain node:http server that sits between a client and an upstream deployment of the
// API (or the mock), forwards every request, and judges the request (as the mock would) and the upstream's
// answer (as the contract suite does) against the spec. `GET /__proxy/report` answers the running tally; with
// `strict`, an invalid request is answered 400 by the proxy and never reaches the upstream.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createResponseValidator } from '../contract/response-validator.js';
import { defaultSpecFile, specCacheDir } from '../project-files.js';
import { loadSpec } from '../spec/load-spec.js';
import { proxyBodyLimit } from './bounded-body.js';
import { exchangeHandler } from './exchange-handler.js';
import { proxyFailure } from './proxy-problems.js';
import { type ProxyReport, ProxyTally } from './proxy-report.js';
import { sendJson, sendProblem } from './proxy-answers.js';
import type { ProxyViolation } from './proxy-violation.js';
import { createRequestJudge } from './request-judge.js';
import { createResponseJudge } from './response-judge.js';
import { createUpstream } from './upstream.js';

export interface ValidationProxyOptions {
  /** The upstream's base URL, without the environment: `http://127.0.0.1:4010`, `https://host/api`. */
  upstream: string;
  /** The OpenAPI document to judge by (default: the project's openapi/cubit-core.yaml). */
  specFile?: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Answer invalid requests with 400 problem+json instead of forwarding them. */
  strict?: boolean;
  /** Called with each violation, and the same as one line of text. Default: nothing is logged. */
  log?: (violation: ProxyViolation, line: string) => void;
  /** Further secrets to replace wherever they appear in violations (credentials the requests carry always are). */
  redact?: readonly string[];
  /** The largest body the proxy reads, either way (default 16 MiB): a larger request is 413, a larger answer 502. */
  bodyLimit?: number;
  /** How long the upstream may take to answer (default 30 s): then 504. */
  upstreamTimeoutMs?: number;
  /** Called when an exchange fails unexpectedly (the client got a 500). Default: written to stderr. */
  onError?: (error: unknown) => void;
}

export interface ValidationProxy {
  /** The proxy's base URL, e.g. http://127.0.0.1:40123: clients send `/test/customers` and so on under it. */
  url: string;
  report(): ProxyReport;
  /** Stops taking requests, lets those under way finish (at most 5 s), and answers the final report. */
  close(): Promise<ProxyReport>;
}

/** The path of the report on the proxy; every other request is forwarded. */
export const reportPath = '/__proxy/report';
const closeGraceMs = 5000;

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    const force = setTimeout(() => server.closeAllConnections(), closeGraceMs);
    server.close(() => {
      clearInterval(idle);
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

export async function startValidationProxy(options: ValidationProxyOptions): Promise<ValidationProxy> {
  const specFile = options.specFile ?? defaultSpecFile;
  const upstreamUrl = new URL(options.upstream);
  const bodyLimit = options.bodyLimit ?? proxyBodyLimit;
  // The upstream first: a URL it cannot use is refused before the spec is loaded. Its agent holds no socket yet.
  const upstream = createUpstream(options.upstream, { timeoutMs: options.upstreamTimeoutMs ?? 30_000, bodyLimit });
  const [spec, validator] = await Promise.all([loadSpec(specFile, { cacheDir: specCacheDir }), createResponseValidator(specFile)]);
  const strict = options.strict ?? false;
  const tally = new ProxyTally({ startedAt: new Date(), upstream: upstream.base, specFile, strict, operationIds: spec.operations.map((op) => op.operationId) });
  const onError = options.onError ?? ((error: unknown) => process.stderr.write(`validation proxy: an exchange failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`));
  let url = '';
  const handle = exchangeHandler({
    judgeRequest: createRequestJudge(spec),
    judgeResponse: createResponseJudge(validator, bodyLimit),
    upstream,
    tally,
    strict,
    bodyLimit,
    redact: [...(options.redact ?? []), ...(upstreamUrl.password ? [decodeURIComponent(upstreamUrl.password)] : [])],
    log: options.log ?? (() => undefined),
    proxyBase: () => url,
  });

  // Large heads pass through, so that the upstream is the one to judge them (431 is a documented answer).
  const server = createServer({ maxHeaderSize: 64 * 1024 }, (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && path === reportPath) return sendJson(res, 200, tally.report());
    handle(req, res).catch((error: unknown) => {
      onError(error);
      const requestId = randomUUID();
      if (!res.headersSent) sendProblem(res, proxyFailure(requestId), requestId);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((error: unknown) => {
    upstream.close();
    throw error;
  });
  const address = server.address() as AddressInfo;
  url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;

  let closing: Promise<ProxyReport> | undefined;
  return {
    url,
    report: () => tally.report(),
    close: () =>
      (closing ??= closeServer(server).then(() => {
        upstream.close();
        return tally.report();
      })),
  };
}
