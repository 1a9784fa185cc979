// The root error and not-found handlers: every error leaves the server here, as application/problem+json.
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors/api-error.js';
import { catalogue } from '../errors/catalogue.js';
import { toProblem } from '../errors/problem.js';
import type { AllowedMethods } from './method-not-allowed.js';
import { discardRefusedBody } from './refused-body.js';

export function registerErrorHandling(app: FastifyInstance, allowed: AllowedMethods): void {
  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error, request.id);
    if (problem.status >= 500) request.log.error({ err: error }, 'unexpected error');
    if (problem.status === 413) discardRefusedBody(request, reply);
    return reply.code(problem.status).headers(problem.headers).type('application/problem+json').send(problem.body);
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] as string;
    const methods = allowed.for(path);
    if (methods) {
      const error = new ApiError(catalogue.methodNotAllowed, `${request.method} is not allowed on ${path}; allowed: ${methods.join(', ')}.`, {
        headers: { allow: methods.join(', ') },
      });
      return reply.send(error);
    }
    return reply.send(new ApiError(catalogue.notFound, `No operation is served at ${request.method} ${path}.`));
  });
}
