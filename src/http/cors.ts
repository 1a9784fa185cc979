// CORS, so that a browser application (an integrator's SPA in development) can call the mock: @fastify/cors
// answers preflights for the spec's methods and request headers, and answers to browsers expose the spec's
// response headers, all read from the spec. Any origin is allowed unless a list is given (this is a development tool). An OPTIONS request
// that is not a preflight is answered here: 204 with Allow on a served path, 404 elsewhere.
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import type { OpenAPIV3_1 } from 'openapi-types';
import { ApiError } from '../errors/api-error.js';
import { catalogue } from '../errors/catalogue.js';
import type { Operation } from '../spec/operations.js';
import type { AllowedMethods } from './method-not-allowed.js';

/** `*` for any origin, a list of origins, or `off` for no CORS at all. */
export type CorsOrigins = '*' | 'off' | string[];

export interface CorsSpec {
  methods: string[];
  requestHeaders: string[];
  exposedHeaders: string[];
}

/** The names of every response header the document declares. */
export function declaredResponseHeaders(document: OpenAPIV3_1.Document): string[] {
  const names = new Set<string>();
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(item ?? {})) {
      const responses = (operation as OpenAPIV3_1.OperationObject | undefined)?.responses;
      if (typeof responses !== 'object') continue;
      for (const response of Object.values(responses)) for (const name of Object.keys((response as OpenAPIV3_1.ResponseObject).headers ?? {})) names.add(name);
    }
  }
  return [...names].sort();
}

/** The names of every header parameter the document's operations take (e.g. If-Match). */
export function declaredRequestHeaders(document: OpenAPIV3_1.Document): string[] {
  const names = new Set<string>();
  for (const item of Object.values(document.paths ?? {})) {
    for (const [key, value] of Object.entries(item ?? {})) {
      const parameters = key === 'parameters' ? value : (value as OpenAPIV3_1.OperationObject | undefined)?.parameters;
      if (!Array.isArray(parameters)) continue;
      for (const parameter of parameters as OpenAPIV3_1.ParameterObject[]) if (parameter.in === 'header') names.add(parameter.name);
    }
  }
  return [...names].sort();
}

/** What the spec says a browser may send and read. */
export function corsSpec(operations: Operation[], responseHeaders: string[], requestHeaderParameters: string[] = []): CorsSpec {
  const methods = new Set(operations.map((op) => op.method));
  if (methods.has('GET')) methods.add('HEAD');
  const requestHeaders = new Set(['Content-Type', 'Authorization', ...operations.flatMap((op) => op.security.map((scheme) => scheme.header)), ...requestHeaderParameters]);
  return { methods: [...methods].sort(), requestHeaders: [...requestHeaders], exposedHeaders: [...new Set([...responseHeaders, 'Allow'])] };
}

/**
 * Answers with the CORS headers a browser needs, on every request that carries an Origin (no other client
 * sends one, so no other pays for them); preflights go to @fastify/cors, registered in a scope of its own
 * whose only route is its OPTIONS route, so that its hook runs for preflights alone.
 */
export async function registerCors(app: FastifyInstance, origins: CorsOrigins, spec: CorsSpec, allowed: AllowedMethods): Promise<void> {
  const exposed = spec.exposedHeaders.join(', ');
  const allowOrigin = (origin: string): string | undefined => (origins === '*' ? '*' : origins !== 'off' && origins.includes(origin) ? origin : undefined);
  app.addHook('onRequest', (request, reply, done) => {
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method'] === undefined) {
      const methods = allowed.for(request.url.split('?')[0] as string);
      if (!methods) return done(new ApiError(catalogue.notFound, 'No operation is served at this path; the documentation is at /docs.'));
      void reply.code(204).header('allow', [...methods, 'OPTIONS'].join(', ')).send();
      return;
    }
    const origin = request.headers.origin;
    if (origin !== undefined && origins !== 'off') {
      if (origins !== '*') reply.header('vary', 'Origin');
      const allowedOrigin = allowOrigin(origin);
      if (allowedOrigin) reply.header('access-control-allow-origin', allowedOrigin).header('access-control-expose-headers', exposed);
    }
    done();
  });
  if (origins === 'off') return;
  await app.register(async (preflights) => {
    await preflights.register(cors, {
      origin: origins,
      methods: spec.methods,
      allowedHeaders: spec.requestHeaders,
      exposedHeaders: spec.exposedHeaders,
      maxAge: 600,
      strictPreflight: false,
    });
  });
}
