// Registers the admin API under /__admin from its own OpenAPI document, the way http/operation-routes.ts registers
// the contract: one route per operation, the admin key checked first (in constant time; an API key never opens
// it), then the request validated against the document's schemas, then the handler named by the operationId.
import type { FastifyInstance } from 'fastify';
import { apiKeyCheck } from '../http/api-key-auth.js';
import type { AuthFailureGuard } from '../http/auth-failure-limit.js';
import { jsonBody } from '../http/json-body.js';
import type { AllowedMethods } from '../http/method-not-allowed.js';
import { refuseBody } from '../http/operation-routes.js';
import { toFastifyPath } from '../http/path-template.js';
import { baseOf } from '../http/request-base.js';
import { ValidatorFactory } from '../http/request-validation.js';
import { formatsUsed } from '../spec/enforced-formats.js';
import type { LoadedDocument } from '../spec/load-spec.js';
import type { Store } from '../store/store.js';
import type { AdminHandler } from './admin-handler.js';

export const adminPrefix = '/__admin';
/** Largest admin request body, in bytes: room for a snapshot or fixture file of 100k customers and 300k installations. */
export const adminBodyLimit = 256 * 1024 * 1024;

export interface AdminRoutesOptions {
  document: LoadedDocument;
  handlers: Map<string, AdminHandler>;
  adminKey: string;
  allowed: AllowedMethods;
  trustProxy: boolean;
  /** The limit on failed authentications per client address, shared with the main API; none when undefined. */
  authFailures?: AuthFailureGuard;
  /** The store the handlers read: a read is answered once what it saw is durable (see Store.answer). */
  store?: Store;
}

export function registerAdminRoutes(app: FastifyInstance, options: AdminRoutesOptions): void {
  const { operations, parameterSyntax, enforcedFormats } = options.document;
  const validators = new ValidatorFactory(parameterSyntax, { enforced: enforcedFormats, used: formatsUsed(operations.flatMap((op) => [op.pathSchema, op.querySchema, op.bodySchema])) });
  for (const operation of operations) {
    const validate = validators.forOperation(operation);
    const handler = options.handlers.get(operation.operationId) as AdminHandler;
    const url = `${adminPrefix}${operation.path}`;
    const authenticate = operation.security.length > 0 ? apiKeyCheck(options.adminKey, operation.security, `The admin key is required in the ${operation.security.map((s) => s.header).join(' or ')} header.`) : undefined;
    options.allowed.add(url, operation.method);
    app.route({
      method: operation.method,
      url: `${adminPrefix}${toFastifyPath(operation.path)}`,
      bodyLimit: operation.bodySchema ? adminBodyLimit : undefined,
      onRequest: (request, _reply, done) => {
        if (!authenticate) return done();
        const check = () => authenticate((name) => request.headers[name]);
        if (options.authFailures) return void options.authFailures(request, check).then(() => done(), done);
        try {
          check();
        } catch (error) {
          return done(error as Error);
        }
        done();
      },
      preParsing: operation.bodySchema ? undefined : refuseBody,
      handler: async (request, reply) => {
        const { params, query } = validate({ params: request.params, query: request.query, body: request.body });
        const run = () =>
          handler({
            params: params as Record<string, string>,
            query,
            body: request.body,
            adminUrl: () => `${baseOf(request, options.trustProxy)}${adminPrefix}`,
          });
        const result = operation.method === 'GET' && options.store ? await options.store.answer(run) : await run();
        reply.code(result.status);
        if (result.headers) reply.headers(result.headers);
        if (result.stream) return reply.type('application/json; charset=utf-8').send(result.stream);
        if (result.body === undefined) return reply.send();
        return reply.type('application/json; charset=utf-8').send(jsonBody(result.body));
      },
    });
  }
}
