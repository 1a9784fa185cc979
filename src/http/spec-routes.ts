// Serves the contract itself: /openapi.json, /openapi.yaml (servers built from the request), and Swagger UI at /docs.
// Swagger UI (@fastify/swagger in static mode and @fastify/swagger-ui) lives in a small Fastify app of its own,
// built on the first request to /docs: loading it costs more than the rest of start-up, and most runs of the
// mock (CI jobs, test suites) never open the docs.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error.js';
import { catalogue } from '../errors/catalogue.js';
import { toProblem } from '../errors/problem.js';
import type { LoadedSpec } from '../spec/load-spec.js';
import { baseOf } from './request-base.js';
import { servedSpec } from './served-spec.js';

async function buildDocsApp(spec: LoadedSpec): Promise<FastifyInstance> {
  const [{ default: Fastify }, { default: swagger }, { default: swaggerUi }] = await Promise.all([
    import('fastify'),
    import('@fastify/swagger'),
    import('@fastify/swagger-ui'),
  ]);
  const docs = Fastify({ logger: false });
  // "Try it out" should reach this mock whatever port it runs on and behind any path prefix: the first server
  // is relative to the document's own URL (/docs/json), so `../{environment}` is /{environment} beside /docs.
  const [first, ...others] = spec.document.servers ?? [];
  const servers = first ? [{ ...first, url: `..${first.url.replace(/^[a-z]+:\/\/[^/]+/i, '')}`, description: 'This mock' }, ...others] : [];
  const document = { ...spec.document, servers };
  await docs.register(swagger, { mode: 'static', specification: { document: document as never } });
  await docs.register(swaggerUi, { routePrefix: '/docs' });
  docs.setNotFoundHandler((request, reply) => {
    const problem = toProblem(new ApiError(catalogue.notFound, 'No page of the documentation is served at this path; it starts at /docs.'), request.id);
    return reply.code(problem.status).type('application/problem+json').send(problem.body);
  });
  await docs.ready();
  return docs;
}

export function registerSpecRoutes(app: FastifyInstance, spec: LoadedSpec, trustProxy: boolean): void {
  const served = servedSpec(spec.document, spec.yaml);
  app.get('/openapi.json', (request, reply) => reply.send(served.json(baseOf(request, trustProxy))));
  app.get('/openapi.yaml', async (request, reply) => reply.type('application/yaml; charset=utf-8').send(await served.yaml(baseOf(request, trustProxy))));

  let docs: Promise<FastifyInstance> | undefined;
  const forward = async (request: FastifyRequest, reply: FastifyReply) => {
    docs ??= buildDocsApp(spec);
    const docsApp = await docs;
    reply.hijack();
    docsApp.routing(request.raw, reply.raw);
  };
  app.get('/docs', forward);
  app.get('/docs/*', forward);
  app.addHook('onClose', async () => {
    if (docs) await (await docs).close();
  });
}
