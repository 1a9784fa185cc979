// The JSON request body parser. JSON.parse reads a `__proto__` key as an ordinary own property (never a
// prototype), so such a body is data like any other and the schema judges it: an unknown property, named by
// its pointer. A body that is not JSON is answered with where it breaks (line and column) and what was
// expected there, found by jsonc-parser's scanner; nothing of the body itself is echoed back.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type ParseError, parse as scanJson, printParseErrorCode } from 'jsonc-parser';
import { ApiError } from '../errors/api-error.js';
import { catalogue } from '../errors/catalogue.js';

/** What went wrong, by jsonc-parser's error name. */
const expectations: Record<string, string> = {
  InvalidSymbol: 'a character that cannot start a JSON value',
  InvalidNumberFormat: 'a malformed number',
  PropertyNameExpected: 'a property name in double quotes was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: 'a colon was expected',
  CommaExpected: 'a comma was expected',
  CloseBraceExpected: 'a comma or } was expected',
  CloseBracketExpected: 'a comma or ] was expected',
  EndOfFileExpected: 'the body should have ended after the first value',
  InvalidCommentToken: 'comments are not JSON',
  UnexpectedEndOfComment: 'comments are not JSON',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfNumber: 'a number ends too early',
  InvalidUnicode: 'a malformed \\u escape',
  InvalidEscapeCharacter: 'an unknown escape in a string',
  InvalidCharacter: 'a control character inside a string (escape it)',
};

/** Line and column (both from 1) of a character offset. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: (before.match(/\n/g)?.length ?? 0) + 1, column: offset - lineStart + 1 };
}

/** Where and why `text`, which JSON.parse refused, is not JSON. */
export function describeJsonError(text: string): string {
  const errors: ParseError[] = [];
  scanJson(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return 'The request body is not valid JSON.';
  const { line, column } = position(text, first.offset);
  return `The request body is not valid JSON: ${expectations[printParseErrorCode(first.error)] ?? 'unexpected input'} at line ${line}, column ${column}.`;
}

export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw new ApiError(catalogue.malformedJson, 'The request body is empty, but Content-Type is application/json: send a JSON value.');
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(catalogue.malformedJson, describeJsonError(text));
  }
}

const bodyTexts = new WeakMap<object, string>();

/** The JSON body of a request as it arrived, as text (for the request journal); undefined when it had none. */
export const bodyTextOf = (request: FastifyRequest): string | undefined => bodyTexts.get(request);

export function registerJsonBodyParser(app: FastifyInstance, bodyLimit: number, options: { keepText: boolean }): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (request, body, done) => {
    if (options.keepText) bodyTexts.set(request, body as string);
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
