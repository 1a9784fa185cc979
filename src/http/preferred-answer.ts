// `Prefer: code=<status>` and `Prefer: example=<name>` (RFC 7240 syntax, Prism's convention): for this one
// request the mock answers that documented response of the operation, exactly as the spec's example shows it,
// and changes nothing; the API key is still required. A code the operation does not document, or an example it
// does not have, is a 400 naming what it has. Preferences the mock does not know are ignored, as RFC 7240 asks.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error.js';
import { catalogue } from '../errors/catalogue.js';
import type { Operation } from '../spec/operations.js';
import type { DocumentedAnswer } from '../spec/documented-answers.js';
import { discardRefusedBody } from './refused-body.js';
import { baseOf } from './request-base.js';

/** The preferences of a Prefer header, by lower-case name (parameters after `;` are dropped). */
export function parsePreferences(header: string | string[]): Map<string, string> {
  const preferences = new Map<string, string>();
  for (const preference of ([] as string[]).concat(header).join(',').split(',')) {
    const [token = '', value = ''] = (preference.split(';')[0] ?? '').split('=').map((part) => part.trim());
    if (token !== '' && !preferences.has(token.toLowerCase())) preferences.set(token.toLowerCase(), value.replace(/^"(.*)"$/, '$1'));
  }
  return preferences;
}

const refused = (message: string) =>
  new ApiError(catalogue.validationFailed, 'The request has 1 violation.', { errors: [{ in: 'header', pointer: '/Prefer', message: message.slice(0, 500) }] });

function choose(operation: Operation, code: string | undefined, example: string | undefined): { answer: DocumentedAnswer; value: unknown; name: string | undefined } {
  const answers = operation.answers;
  const byCode = code === undefined ? undefined : answers.find((a) => String(a.status) === code);
  if (code !== undefined && !byCode) throw refused(`code=${/^\d{3}$/.test(code) ? code : '…'} is not documented for ${operation.operationId}; it documents ${answers.map((a) => a.status).join(', ')}`);
  const candidates = byCode ? [byCode] : answers;
  if (example !== undefined) {
    for (const answer of candidates) {
      const found = answer.examples.find(([name]) => name === example);
      if (found) return { answer, value: found[1], name: found[0] };
    }
    const names = candidates.flatMap((a) => a.examples.map(([name]) => `${name} (${a.status})`));
    throw refused(`${operation.operationId}${byCode ? ` ${byCode.status}` : ''} has no example of that name; it has ${names.join(', ') || 'none'}`);
  }
  const answer = byCode as DocumentedAnswer;
  if (answer.mediaType !== undefined && answer.examples.length === 0) throw refused(`${operation.operationId} ${answer.status} has no example to answer with`);
  const [name, value] = answer.examples[0] ?? [];
  return { answer, value, name };
}

/** Sends a documented answer: its status, its example body (`detail` replaced when given) and its documented headers. */
export function sendDocumentedAnswer(
  request: FastifyRequest,
  reply: FastifyReply,
  chosen: { answer: DocumentedAnswer; value: unknown },
  options: { trustProxy: boolean; detail?: string },
): void {
  const { answer } = chosen;
  let value = chosen.value;
  if (options.detail !== undefined && typeof value === 'object' && value !== null && 'detail' in value) value = { ...value, detail: options.detail };
  discardRefusedBody(request, reply);
  for (const [header, headerExample] of answer.headers) {
    // A Location points where this request reached the mock: the example's path under the request's base.
    if (header === 'location') reply.header(header, `${baseOf(request, options.trustProxy)}${headerExample.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]+/i, '')}`);
    else if (header !== 'x-request-id') reply.header(header, headerExample);
  }
  reply.code(answer.status);
  if (answer.mediaType === undefined || value === undefined) return void reply.send();
  void reply.type(/json$/.test(answer.mediaType) ? `${answer.mediaType}; charset=utf-8` : answer.mediaType).send(JSON.stringify(value));
}

/** The documented answer of this status, with its first example, as a fault rule forces it. */
export function documentedAnswerOf(operation: Operation, status: number): { answer: DocumentedAnswer; value: unknown } | undefined {
  const answer = operation.answers.find((a) => a.status === status);
  if (!answer || (answer.mediaType !== undefined && answer.examples.length === 0)) return undefined;
  return { answer, value: answer.examples[0]?.[1] };
}

/** The route hook: answers the preferred documented response, or lets the request through when none is asked for. */
export function preferredAnswer(operation: Operation, trustProxy: boolean): (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => void {
  return (request, reply, done) => {
    const header = request.headers.prefer;
    if (header === undefined) return done();
    const preferences = parsePreferences(header);
    const code = preferences.get('code');
    const example = preferences.get('example');
    if (code === undefined && example === undefined) return done();
    let chosen: ReturnType<typeof choose>;
    try {
      chosen = choose(operation, code, example);
    } catch (error) {
      return done(error as Error);
    }
    reply.header('preference-applied', [`code=${chosen.answer.status}`, chosen.name ? `example=${chosen.name}` : ''].filter(Boolean).join(', '));
    sendDocumentedAnswer(request, reply, chosen, { trustProxy });
  };
}
