// Feeds the request journal: every request outside the admin API and the health check, when it arrived, what it
// asked and what it was answered (or that its connection was closed by a fault rule, or by the client). Hooks at
// the root, so that a request no route serves (a 404) is journaled too; redaction and storage are the journal's
// business.
import { performance } from 'node:perf_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FaultObserver } from './fault-injection.js';
import { bodyTextOf } from './json-request-body.js';

/** One request as the HTTP layer saw it, before redaction. */
export interface RecordedRequest {
  time: Date;
  environment: string | null;
  operationId: string | null;
  method: string;
  /** The request target as sent: the path and any `?query`. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** The request body as text; undefined when there was none (or it was not read). */
  body: string | undefined;
  status: number | null;
  outcome: 'answered' | 'connection-closed' | 'aborted';
  latencyMs: number;
  responseBody: string | undefined;
  faultRuleId: string | null;
}

export interface JournalSink {
  /** Takes the request as it is: it must not copy it, nor redact it, on the request's path (see RequestJournal). */
  keep(request: RecordedRequest): void;
}

/** How much of an answer's body is kept for the journal, which shows at most 8192 characters of it. */
const keptResponseChars = 16384;

interface InFlight {
  time: Date;
  started: number;
  faultRuleId: string | null;
  responseBody: string | undefined;
  done: boolean;
}

export function registerRequestJournaling(app: FastifyInstance, sink: JournalSink, options: { environments: string[]; excludePrefixes: readonly string[] }): FaultObserver {
  const inFlight = new WeakMap<FastifyRequest, InFlight>();
  const environmentOf = (request: FastifyRequest): string | null => {
    const configured = request.routeOptions.config.environment;
    if (configured) return configured;
    const first = request.url.split(/[/?]/)[1] ?? '';
    return options.environments.includes(first) ? first : null;
  };
  const record = (request: FastifyRequest, outcome: RecordedRequest['outcome'], status: number | null) => {
    const state = inFlight.get(request);
    if (!state || state.done) return;
    state.done = true;
    sink.keep({
      time: state.time,
      environment: environmentOf(request),
      operationId: request.routeOptions.config.operationId ?? null,
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: bodyTextOf(request),
      status,
      outcome,
      latencyMs: performance.now() - state.started,
      responseBody: outcome === 'answered' ? state.responseBody : undefined,
      faultRuleId: state.faultRuleId,
    });
  };

  app.addHook('onRequest', (request, _reply, done) => {
    const url = request.url;
    const excluded = options.excludePrefixes.some((prefix) => url.startsWith(prefix) && (url.length === prefix.length || '/?'.includes(url.charAt(prefix.length))));
    if (!excluded) inFlight.set(request, { time: new Date(), started: performance.now(), faultRuleId: null, responseBody: undefined, done: false });
    done();
  });
  app.addHook('onSend', (request, _reply, payload, done) => {
    const state = inFlight.get(request);
    // The journal shows 8192 characters of it; more than that is kept only so that redaction sees a key cut by the limit.
    if (state) state.responseBody = typeof payload === 'string' ? payload.slice(0, keptResponseChars) : Buffer.isBuffer(payload) ? payload.toString('utf8', 0, keptResponseChars) : undefined;
    done(null, payload);
  });
  app.addHook('onResponse', (request, reply, done) => {
    record(request, 'answered', reply.statusCode);
    done();
  });
  app.addHook('onRequestAbort', (request, done) => {
    record(request, 'aborted', null);
    done();
  });
  return {
    applied(request, ruleId) {
      const state = inFlight.get(request);
      if (state) state.faultRuleId = ruleId;
    },
    closed(request) {
      record(request, 'connection-closed', null);
    },
  };
}
