// Fault rules applied to a request that passed authentication: a delay before it is served as usual, a documented
// error answer (its example, with a detail that names the rule), or a connection closed without an answer once
// the request has arrived. The rules themselves (src/admin/fault-rules.ts) know nothing of HTTP.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Operation } from '../spec/operations.js';
import { documentedAnswerOf, sendDocumentedAnswer } from './preferred-answer.js';

/** What a matched request gets. */
export type AppliedFault = { ruleId: string } & ({ type: 'latency'; delayMs: number } | { type: 'status'; status: number } | { type: 'close' });

export interface FaultSource {
  /** Whether any rule can apply: when none can, a request costs one property read. */
  readonly active: boolean;
  match(environment: string, operationId: string, pathParameters: Record<string, string>): AppliedFault | undefined;
}

export interface FaultObserver {
  /** A rule shaped this request's answer. */
  applied(request: FastifyRequest, ruleId: string): void;
  /** A rule closed the connection: no answer will be sent. */
  closed(request: FastifyRequest): void;
}

export type FaultHook = (request: FastifyRequest, reply: FastifyReply, next: () => void) => void;

export function faultInjection(environment: string, operation: Operation, source: FaultSource, observer: FaultObserver, trustProxy: boolean): FaultHook {
  return (request, reply, next) => {
    if (!source.active) return next();
    const fault = source.match(environment, operation.operationId, request.params as Record<string, string>);
    if (!fault) return next();
    observer.applied(request, fault.ruleId);
    switch (fault.type) {
      case 'latency':
        setTimeout(next, fault.delayMs);
        return;
      case 'status': {
        const documented = documentedAnswerOf(operation, fault.status);
        if (!documented) return next(); // refused when the rule was created, unless a reloaded spec (--watch) dropped it since
        const detail = `Fault rule ${fault.ruleId} of the mock's admin API answered this request with ${fault.status}.`;
        return sendDocumentedAnswer(request, reply, documented, { trustProxy, detail });
      }
      case 'close': {
        const close = () => {
          observer.closed(request);
          request.raw.socket.destroy();
        };
        if (request.raw.complete) return close();
        request.raw.on('end', close);
        request.raw.resume();
      }
    }
  };
}
