// One log line per answered request, for people reading a terminal: `POST /test/customers 201 upsertCustomer
// 3.1 ms`, the URL redacted as every request log's is (log-serializers.ts), the status coloured by its class when
// the terminal shows colours. Used in place of Fastify's two JSON lines per request (incoming, completed) when
// the log is pretty-printed.
import { styleText } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { SecretRedactor } from '../admin/redaction.js';
import { redactUrl } from '../log-serializers.js';

type Colour = Parameters<typeof styleText>[0];

const statusColour = (status: number): Colour => (status >= 500 ? 'red' : status >= 400 ? 'yellow' : status >= 300 ? 'cyan' : 'green');

export interface RequestLogLineOptions {
  /** Keys and tokens never to print (besides credential-like query values). */
  secrets: readonly string[];
  colours: boolean;
}

export function registerRequestLogLines(app: FastifyInstance, { secrets, colours }: RequestLogLineOptions): void {
  const redactor = new SecretRedactor(secrets);
  const paint = (colour: Colour, text: string) => (colours ? styleText(colour, text) : text);
  app.addHook('onResponse', (request, reply, done) => {
    const { statusCode } = reply;
    const operationId = (request.routeOptions.config as { operationId?: string }).operationId;
    const parts = [paint('bold', request.method), redactUrl(request.url, redactor), paint(statusColour(statusCode), String(statusCode))];
    if (operationId) parts.push(paint('magenta', operationId));
    parts.push(paint('gray', `${reply.elapsedTime.toFixed(1)} ms`));
    const line = parts.join(' ');
    if (statusCode >= 500) request.log.error(line);
    else request.log.info(line);
    done();
  });
}
