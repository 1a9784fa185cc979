// Registers one Fastify route per (environment, operation): auth, then request validation, then the handler.
import type { FastifyInstance, FastifyReply, FastifyRequest, preParsingHookHandler } from 'fastify';
import { ApiError } from '../errors/api-error.js';
import { catalogue } from '../errors/catalogue.js';
import type { Handler } from '../handlers/handler.js';
import type { Store } from '../store/store.js';
import type { Operation } from '../spec/operations.js';
import { formatsUsed } from '../spec/enforced-formats.js';
import type { ParameterSyntaxTable } from '../spec/parameter-syntax.js';
import { apiKeyCheck } from './api-key-auth.js';
import type { AuthFailureGuard } from './auth-failure-limit.js';
import type { BearerVerifier } from './bearer-auth.js';
import { type FaultObserver, type FaultSource, faultInjection } from './fault-injection.js';
import type { AllowedMethods } from './method-not-allowed.js';
import { jsonBody } from './json-body.js';
import { toFastifyPath } from './path-template.js';
import { preferredAnswer } from './preferred-answer.js';
import { baseOf } from './request-base.js';
import { ValidatorFactory } from './request-validation.js';

export interface OperationRoutesOptions {
  environments: string[];
  operations: Operation[];
  handlers: Map<string, Handler>;
  apiKeys: Record<string, string>;
  store: Store;
  now: () => Date;
  allowed: AllowedMethods;
  parameterSyntax: ParameterSyntaxTable;
  /** The formats the spec enforces (x-cubit-enforced-formats). */
  enforcedFormats: string[];
  /** Whether X-Forwarded-* and Forwarded headers say where clients reached the mock. */
  trustProxy: boolean;
  /** Checks the bearer tokens of operations a bearer scheme secures. */
  bearer: BearerVerifier;
  /** Fault rules, applied to requests that passed authentication; none when undefined. */
  faults?: { source: FaultSource; observer: FaultObserver };
  /** The limit on failed authentications per client address, around every credential check; none when undefined. */
  authFailures?: AuthFailureGuard;
}

/** What a route of the contract says about itself, for the request journal (request.routeOptions.config). */
export interface OperationRouteConfig {
  environment: string;
  operationId: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    environment?: string;
    operationId?: string;
  }
}

/**
 * An operation that takes no request body refuses one with a 400 naming the body, before Fastify would parse
 * it (and answer 415 or 413, which such an operation does not document). A GET's body is never read.
 */
export const refuseBody: preParsingHookHandler = (request, _reply, payload, done) => {
  const { 'content-length': length, 'transfer-encoding': encoding } = request.headers;
  if (request.method === 'GET' || request.method === 'HEAD' || (encoding === undefined && (length === undefined || length === '0'))) return done(null, payload);
  done(
    new ApiError(catalogue.validationFailed, 'The request has 1 violation.', {
      errors: [{ in: 'body', pointer: '', message: 'must be absent: this operation takes no request body' }],
    }),
  );
};

export function registerOperationRoutes(app: FastifyInstance, options: OperationRoutesOptions): void {
  const schemas = options.operations.flatMap((op) => [op.pathSchema, op.querySchema, op.bodySchema]);
  const validators = new ValidatorFactory(options.parameterSyntax, { enforced: options.enforcedFormats, used: formatsUsed(schemas) });
  // The subject of each request whose bearer token was verified, for its handler.
  const subjects = new WeakMap<FastifyRequest, string>();
  for (const operation of options.operations) {
    const validate = validators.forOperation(operation);
    const handler = options.handlers.get(operation.operationId) as Handler;
    for (const environment of options.environments) {
      const url = `/${environment}${operation.path}`;
      const key = options.apiKeys[environment] as string;
      const authenticate = operation.security.length > 0 ? apiKeyCheck(key, operation.security) : undefined;
      options.allowed.add(url, operation.method);
      const answerPreferred = preferredAnswer(operation, options.trustProxy);
      const injectFault = options.faults ? faultInjection(environment, operation, options.faults.source, options.faults.observer, options.trustProxy) : undefined;
      const config: OperationRouteConfig = { environment, operationId: operation.operationId };
      app.route({
        method: operation.method,
        url: `/${environment}${toFastifyPath(operation.path)}`,
        config,
        preParsing: operation.bodySchema ? undefined : refuseBody,
        // One hook, for speed: the failed-authentication limit and the credential first, then a fault rule's fault,
        // then a Prefer header's documented answer.
        onRequest: (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
          const proceed = () => {
            if (injectFault) injectFault(request, reply, () => answerPreferred(request, reply, done));
            else answerPreferred(request, reply, done);
          };
          const guard = options.authFailures;
          if (operation.bearer) {
            const verify = () => options.bearer.verify(environment, request.headers.authorization).then(({ subject }) => void subjects.set(request, subject));
            (guard ? guard(request, verify) : verify()).then(proceed, done);
            return;
          }
          if (!authenticate) return proceed();
          const check = () => authenticate((name) => request.headers[name]);
          if (guard) return void guard(request, check).then(proceed, done);
          try {
            check();
          } catch (error) {
            return done(error as Error);
          }
          proceed();
        },
        handler: async (request, reply) => {
          const { params, query } = validate({ params: request.params, query: request.query, body: request.body });
          // Answered once what the handler saw is durable (see Store.answer).
          const result = await options.store.answer((store) =>
            handler({
            environment,
            params: params as Record<string, string>,
            query,
            body: request.body,
            requestUrl: () => `${baseOf(request, options.trustProxy)}${request.url.split('?')[0] as string}`,
            store,
            now: options.now,
            header: (name) => {
              const value = request.headers[name];
              return Array.isArray(value) ? value.join(', ') : value;
            },
            subject: subjects.get(request),
          }),
          );
          reply.code(result.status);
          if (result.headers) reply.headers(result.headers);
          if (result.body === undefined) return reply.send();
          return reply.type('application/json; charset=utf-8').send(jsonBody(result.body));
        },
      });
    }
  }
}
