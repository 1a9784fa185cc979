// Serves the contract itself: /openapi.json, /openapi.yaml, and Swagger UI at /docs.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import type { LoadedSpec } from '../spec/load-spec.js';

export async function registerSpecRoutes(app: FastifyInstance, spec: LoadedSpec): Promise<void> {
  app.get('/openapi.json', (_request, reply) => reply.send(spec.document));
  app.get('/openapi.yaml', (_request, reply) => reply.type('application/yaml; charset=utf-8').send(spec.yaml));
  await app.register(swagger, {
    mode: 'static',
    specification: { document: spec.document as never },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
}
