// One exchange through the validation proxy: read the request (up to the bound), judge it, refuse it in strict
// mode or forward it, judge the upstream's answer, record every violation (redacted) in the tally and the log,
// and only then pass the answer on, so that whoever holds the answer finds its exchange in the report.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ProblemResponse } from '../errors/problem.js';
import { readBounded } from './bounded-body.js';
import { exchangeSecrets } from './exchange-secrets.js';
import { refusedRequest, requestTooLarge, upstreamProblem } from './proxy-problems.js';
import type { ExchangeOutcome, ProxyTally } from './proxy-report.js';
import { sendProblem, sendUpstreamAnswer } from './proxy-answers.js';
import { type Finding, type ProxyViolation, toViolation, violationLine } from './proxy-violation.js';
import type { JudgedRequest, RequestJudgement } from './request-judge.js';
import type { JudgedExchange, JudgedResponse } from './response-judge.js';
import { type Upstream, UpstreamError } from './upstream.js';

export interface ExchangeHandlerOptions {
  judgeRequest: (request: JudgedRequest) => RequestJudgement;
  judgeResponse: (exchange: JudgedExchange, response: JudgedResponse) => { operationId: string | undefined; findings: Finding[] };
  upstream: Upstream;
  tally: ProxyTally;
  strict: boolean;
  bodyLimit: number;
  /** Configured secrets, replaced wherever they appear. */
  redact: readonly string[];
  log: (violation: ProxyViolation, line: string) => void;
  /** The proxy's own base URL, for Location headers that point at the upstream, when a request has no Host. */
  proxyBase: () => string;
}

/** Violations recorded one by one per exchange and direction; any further ones are summed up in one more. */
export const findingsKeptPerDirection = 50;

function capped(findings: Finding[]): Finding[] {
  const kept: Finding[] = [];
  for (const direction of ['request', 'response'] as const) {
    const mine = findings.filter((f) => f.direction === direction);
    kept.push(...mine.slice(0, findingsKeptPerDirection));
    const over = mine[findingsKeptPerDirection];
    if (over) kept.push({ direction, in: over.in, pointer: '', rule: `… and ${mine.length - findingsKeptPerDirection} more violations of this ${direction === 'request' ? 'request' : 'answer'}, not listed one by one` });
  }
  return kept;
}

const isPreflight = (req: IncomingMessage) => req.method === 'OPTIONS' && req.headers.origin !== undefined && req.headers['access-control-request-method'] !== undefined;

export function exchangeHandler(options: ExchangeHandlerOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { upstream, tally } = options;

  return async (req, res) => {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const requestId = randomUUID();
    const secrets = exchangeSecrets(url, req.headers, options.redact);
    const record = (operationId: string | null, outcome: ExchangeOutcome, findings: Finding[], status: number | null) => {
      const facts = { at: new Date(), method, path: secrets.path, operationId, status };
      const violations = capped(findings).map((finding) => toViolation(finding, facts, secrets.redactor));
      tally.exchange(operationId, outcome, violations);
      for (const violation of violations) options.log(violation, violationLine(violation));
    };
    const refuse = (operationId: string | null, findings: Finding[], problem: ProblemResponse, outcome: ExchangeOutcome, extra = {}) => {
      record(operationId, outcome, findings, problem.status);
      sendProblem(res, problem, requestId, extra);
    };

    const read = await readBounded(req, options.bodyLimit).catch(() => undefined);
    if (read === undefined) return; // the client went away before its request was complete
    if (read.overflow) {
      const judged = options.judgeRequest({ method, url, headers: req.headers, body: Buffer.alloc(0) });
      const finding: Finding = { direction: 'request', in: 'body', pointer: '', rule: `is larger than the validation proxy's limit of ${options.bodyLimit} bytes: not judged, not forwarded` };
      req.resume(); // the rest is discarded while the answer goes out; the connection is then closed
      refuse(judged.operationId, [finding], requestTooLarge(options.bodyLimit, requestId), 'refused', { connection: 'close' });
      return;
    }
    const forward = () => upstream.forward({ method, url, headers: req.headers, body: read.bytes });
    // A Location is moved under the proxy as the client reached it (its Host), as a reverse proxy does.
    const passOn = { method, upstreamBase: upstream.base, proxyBase: req.headers.host ? `http://${req.headers.host}` : options.proxyBase() };

    if (isPreflight(req)) {
      tally.preflight();
      try {
        sendUpstreamAnswer(res, await forward(), passOn);
      } catch (error) {
        if (!(error instanceof UpstreamError)) throw error;
        sendProblem(res, upstreamProblem(error.failure, error.message, requestId), requestId);
      }
      return;
    }

    const judged = options.judgeRequest({ method, url, headers: req.headers, body: read.bytes });
    if (options.strict && judged.findings.length > 0) return refuse(judged.operationId, judged.findings, refusedRequest(judged.errors, requestId), 'refused');
    let answer;
    try {
      answer = await forward();
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      const finding: Finding = { direction: 'response', in: 'upstream', pointer: '', rule: error.message };
      return refuse(judged.operationId, [...judged.findings, finding], upstreamProblem(error.failure, error.message, requestId), 'upstream-failure');
    }
    const response = options.judgeResponse({ method, relativeUrl: judged.relativeUrl, underServer: judged.underServer }, { status: answer.status, headers: answer.headers, body: answer.body });
    record(judged.operationId ?? response.operationId ?? null, 'forwarded', [...judged.findings, ...response.findings], answer.status);
    sendUpstreamAnswer(res, answer, passOn);
  };
}
