// The ceiling: bare Fastify answering a tiny JSON hello-world, started as its own process like the mock.
// Plain JavaScript run by plain node, as the mock's dist/server.js is. Usage: node bench/ceiling-server.mjs --port <n>
import process from 'node:process';
import { parseArgs } from 'node:util';
import Fastify from 'fastify';

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' }, host: { type: 'string', default: '127.0.0.1' } } });
const app = Fastify({ logger: false });
app.get('/', () => ({ hello: 'world' }));
const address = await app.listen({ host: values.host, port: Number(values.port) });
process.stdout.write(`ceiling listening at ${address}\n`);
const close = () => void app.close().then(() => process.exit(0));
process.on('SIGINT', close);
process.on('SIGTERM', close);
