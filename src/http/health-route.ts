// GET /__health: whether the mock is up, for a container's HEALTHCHECK or an orchestrator's probe. It needs no
// key, is in neither OpenAPI document (it belongs to the mock, not to the Cubit Core API or its admin API, and it
// answers with --no-admin too), is not journaled, and answers 503 like every request once the mock is shutting down.
import type { FastifyInstance } from 'fastify';
import type { AllowedMethods } from './method-not-allowed.js';

export const healthPath = '/__health';

export function registerHealthRoute(app: FastifyInstance, allowed: AllowedMethods): void {
  allowed.add(healthPath, 'GET');
  app.get(healthPath, (_request, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }));
}
