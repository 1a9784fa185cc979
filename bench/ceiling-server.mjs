// The ceiling: bare Fastify answering a tiny JSON hello-world, started as its own process like the mock. With
// --page-file, GET /page also answers that file's bytes as JSON (the bench gives it a page of the mock's list, so that
// listCustomers can be set beside a bare server that sends as much). Plain JavaScript run by plain node, as the
// mock's dist/server.js is. Usage: node bench/ceiling-server.mjs --port <n> [--page-file <file>]
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { parseArgs } from 'node:util';
import Fastify from 'fastify';

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' }, host: { type: 'string', default: '127.0.0.1' }, 'page-file': { type: 'string' } } });
const app = Fastify({ logger: false });
app.get('/', () => ({ hello: 'world' }));
if (values['page-file'] !== undefined) {
  const page = readFileSync(values['page-file']);
  app.get('/page', (request, reply) => reply.type('application/json; charset=utf-8').send(page));
}
const address = await app.listen({ host: values.host, port: Number(values.port) });
process.stdout.write(`ceiling listening at ${address}\n`);
const close = () => void app.close().then(() => process.exit(0));
process.on('SIGINT', close);
process.on('SIGTERM', close);
