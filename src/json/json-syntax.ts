// Where and why a text is not JSON, in words: found by jsonc-parser's scanner, which (unlike JSON.parse's
// messages) names what was expected, at a line and column.
import { type ParseError, parse as scanJson, printParseErrorCode } from 'jsonc-parser';

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
  EndOfFileExpected: 'nothing may follow the first value',
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

/** Where and why `text`, which JSON.parse refused, is not JSON (`a value was expected at line 1, column 16`); undefined if the scanner finds nothing. */
export function jsonSyntaxProblem(text: string): string | undefined {
  const errors: ParseError[] = [];
  scanJson(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return undefined;
  const { line, column } = position(text, first.offset);
  return `${expectations[printParseErrorCode(first.error)] ?? 'unexpected input'} at line ${line}, column ${column}`;
}
