// The JSON request body parser. JSON.parse reads a `__proto__` key as an ordinary own property (never a
// prototype), so such a body is data like any other and the schema judges it: an unknown property, named by
// its pointer. A body that is not JSON is answered with where it breaks (line and column) and what was
// expected there, found by jsonc-parser's scanner; nothing of the body itself is echoed back. JSON travels as
// UTF-8 (RFC 8259 §8.1): a body declared in another charset is a 415 naming it, and bytes that are not UTF-8 are
// a 400 saying where they start, rather than being read as replacement characters.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error.js';
import { catalogue } from '../errors/catalogue.js';
import { jsonSyntaxProblem } from '../json/json-syntax.js';

/** Where and why `text`, which JSON.parse refused, is not JSON. */
export function describeJsonError(text: string): string {
  const problem = jsonSyntaxProblem(text);
  return problem === undefined ? 'The request body is not valid JSON.' : `The request body is not valid JSON: ${problem}.`;
}

export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw new ApiError(catalogue.malformedJson, 'The request body is empty, but Content-Type is application/json: send a JSON value.');
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(catalogue.malformedJson, describeJsonError(text));
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The charset parameter of a Content-Type, lower-cased; undefined when there is none. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType ?? '');
  return match ? (match[1] ?? match[2] ?? '').toLowerCase() : undefined;
}

/** The body's text: its bytes as UTF-8, the only charset the API reads. */
export function bodyText(bytes: Buffer, contentType: string | undefined): string {
  const charset = charsetOf(contentType);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    const named = /^[a-z0-9._:-]{1,40}$/.test(charset) ? `charset ${charset}` : 'that charset';
    throw new ApiError(catalogue.unsupportedMediaType, `The request body is declared in ${named}; send it as application/json in UTF-8.`);
  }
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ApiError(catalogue.malformedJson, `The request body is not valid UTF-8: byte ${firstInvalidByte(bytes)} (counting from 0) does not belong to a UTF-8 character.`);
  }
}

/** The offset of the byte where UTF-8 decoding first fails: the longest prefix that still decodes, found by halving. */
function firstInvalidByte(bytes: Buffer): number {
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    try {
      // `stream`: a prefix that ends inside a character is not yet an error.
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      low = mid;
    } catch {
      high = mid - 1;
    }
  }
  return low;
}

const bodyTexts = new WeakMap<object, string>();

/** The JSON body of a request as it arrived, as text (for the request journal); undefined when it had none. */
export const bodyTextOf = (request: FastifyRequest): string | undefined => bodyTexts.get(request);

export function registerJsonBodyParser(app: FastifyInstance, bodyLimit: number, options: { keepText: boolean }): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit }, (request, body, done) => {
    try {
      const text = bodyText(body as Buffer, request.headers['content-type']);
      if (options.keepText) bodyTexts.set(request, text);
      done(null, parseJsonBody(text));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
