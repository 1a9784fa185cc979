// Registers one Fastify route per (environment, operation): auth, then request validation, then the handler.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Handler } from '../handlers/handler.js';
import type { Store } from '../store/store.js';
import type { Operation } from '../spec/operations.js';
import { formatsUsed } from '../spec/enforced-formats.js';
import type { ParameterSyntaxTable } from '../spec/parameter-syntax.js';
import { apiKeyCheck } from './api-key-auth.js';
import type { AllowedMethods } from './method-not-allowed.js';
import { jsonBody } from './json-body.js';
import { toFastifyPath } from './path-template.js';
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
}

export function registerOperationRoutes(app: FastifyInstance, options: OperationRoutesOptions): void {
  const schemas = options.operations.flatMap((op) => [op.pathSchema, op.querySchema, op.bodySchema]);
  const validators = new ValidatorFactory(options.parameterSyntax, { enforced: options.enforcedFormats, used: formatsUsed(schemas) });
  for (const operation of options.operations) {
    const validate = validators.forOperation(operation);
    const handler = options.handlers.get(operation.operationId) as Handler;
    for (const environment of options.environments) {
      const url = `/${environment}${operation.path}`;
      const key = options.apiKeys[environment] as string;
      const authenticate = operation.security.length > 0 ? apiKeyCheck(key, operation.security) : undefined;
      options.allowed.add(url, operation.method);
      app.route({
        method: operation.method,
        url: `/${environment}${toFastifyPath(operation.path)}`,
        onRequest: authenticate
          ? (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void) => {
              try {
                authenticate((name) => request.headers[name]);
                done();
              } catch (error) {
                done(error as Error);
              }
            }
          : undefined,
        handler: async (request, reply) => {
          const { params, query } = validate({ params: request.params, query: request.query, body: request.body });
          const result = await handler({
            environment,
            params: params as Record<string, string>,
            query,
            body: request.body,
            requestUrl: `${baseOf(request, options.trustProxy)}${request.url.split('?')[0] as string}`,
            store: options.store,
            now: options.now,
          });
          reply.code(result.status);
          if (result.headers) reply.headers(result.headers);
          if (result.body === undefined) return reply.send();
          return reply.type('application/json; charset=utf-8').send(jsonBody(result.body));
        },
      });
    }
  }
}
