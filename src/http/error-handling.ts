// The root error and not-found handlers: every error leaves the server here, as application/problem+json.
// Answers never repeat the URL, a header or a key: a 404 or 405 names the spec's paths and methods instead.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error.js';
import { catalogue } from '../errors/catalogue.js';
import { toProblem } from '../errors/problem.js';
import type { AllowedMethods } from './method-not-allowed.js';
import { StorageError } from '../store/storage-error.js';
import { asCatalogueProblem } from './framework-problems.js';
import { discardRefusedBody } from './refused-body.js';

export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const problem = toProblem(asCatalogueProblem(error, request), request.id);
  if (error instanceof StorageError && error.failure !== 'read-only') request.log.warn({ errno: error.errno }, error.message);
  else if (problem.status >= 500 && problem.status !== 503) request.log.error({ err: error }, 'unexpected error');
  // A shutting-down mock closes the connection whatever is left of the body.
  if (problem.body.code !== 'service-unavailable') discardRefusedBody(request, reply);
  return reply.code(problem.status).headers(problem.headers).type('application/problem+json; charset=utf-8').send(problem.body);
}

/** Fastify's errors from before routing: a path whose percent-encoding is malformed (FST_ERR_BAD_URL), and the like. */
export function frameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const known =
    error.code === 'FST_ERR_BAD_URL'
      ? new ApiError(catalogue.malformedUrl, 'The path has a malformed percent-encoding: every % must be followed by two hexadecimal digits of valid UTF-8.')
      : error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? new ApiError(catalogue.uriTooLong, 'A path segment is too long.')
        : error;
  void sendProblem(known, request, reply);
}

export function registerErrorHandling(app: FastifyInstance, allowed: AllowedMethods, notFound: (path: string) => string): void {
  app.setErrorHandler((error, request, reply) => sendProblem(error, request, reply));

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] as string;
    const methods = allowed.for(path);
    if (methods) {
      const error = new ApiError(catalogue.methodNotAllowed, `${request.method} is not allowed on this path; allowed: ${methods.join(', ')}.`, {
        headers: { allow: methods.join(', ') },
      });
      return sendProblem(error, request, reply);
    }
    return sendProblem(new ApiError(catalogue.notFound, notFound(path)), request, reply);
  });
}
