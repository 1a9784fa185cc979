// Invalid path and query parameters generated from their schemas: a wrong type (a word where a number is
// required), each spelling of a valid number that the document's parameter syntax refuses (`01`, `1e2`, `+1`,
// ...), each bound broken (range, length, pattern, enum, format), a required query parameter missing, and an
// unknown query parameter (the spec rejects those). Each case breaks one parameter; the 400 must name it.
import { type EnforcedFormats, numberCases, stringCases } from './body-violations.js';
import { childPointer } from './json-pointer.js';
import { sampleValue, schemaTypes } from './schema-samples.js';
import type { ParameterSyntaxTable } from '../../src/spec/parameter-syntax.js';
import type { SpecOperation, SpecParameter } from './spec-model.js';

export interface ParameterViolationCase {
  in: 'path' | 'query';
  name: string;
  /** The value to send; undefined leaves the parameter out. */
  value: string | undefined;
  pointer: string;
  kind: string;
}

export const unknownParameterName = 'contractUnknownParameter';

/**
 * Other spellings of a valid integer: with a leading zero, a plus sign, an exponent, a decimal point, spaces,
 * a hexadecimal or negative zero, and one that overflows a double. Those the document's syntax refuses are cases.
 */
export function integerSpellings(valid: number): string[] {
  const digits = String(Math.abs(valid));
  return [`0${digits}`, `+${digits}`, `${digits}e0`, '1e2', `${digits}.0`, ` ${digits}`, `${digits} `, `0x${Math.abs(valid).toString(16)}`, '-0', '1e400', `${digits}_0`];
}

function parameterCases(parameter: SpecParameter, syntax: ParameterSyntaxTable, enforced: EnforcedFormats): ParameterViolationCase[] {
  const { schema } = parameter;
  const pointer = childPointer('', parameter.name);
  const types = schemaTypes(schema);
  const values: { kind: string; value: unknown }[] = [];
  if (types.some((t) => ['integer', 'number', 'boolean'].includes(t)) && !types.includes('string')) values.push({ kind: `wrong type (a word where ${types.join(' or ')} is required)`, value: 'contract-text' });
  const integer = syntax.integer;
  if (types.includes('integer') && !types.includes('string') && integer) {
    const valid = Number(sampleValue(schema));
    for (const spelling of integerSpellings(valid).filter((value) => !integer.pattern.test(value))) values.push({ kind: `not ${integer.pattern.source}, as x-cubit-parameter-syntax requires`, value: spelling });
  }
  if (types.includes('integer') || types.includes('number')) values.push(...numberCases(schema, pointer).map((c) => ({ kind: c.kind, value: c.body })));
  if (types.includes('string')) {
    const valid = String(sampleValue(schema));
    // An empty path segment routes elsewhere: path parameters are only made longer or differently shaped.
    const cases = stringCases(schema, valid, pointer, enforced).filter((c) => parameter.in === 'query' || (typeof c.body === 'string' && c.body.length > 0));
    values.push(...cases.map((c) => ({ kind: c.kind, value: c.body })));
  }
  if (Array.isArray(schema.enum)) values.push({ kind: 'not one of the enum values', value: 'contract-not-in-enum' });
  const cases: ParameterViolationCase[] = values.map(({ kind, value }) => ({ in: parameter.in, name: parameter.name, value: String(value), pointer, kind }));
  if (parameter.in === 'query' && parameter.required) cases.push({ in: 'query', name: parameter.name, value: undefined, pointer, kind: 'required parameter missing' });
  return cases;
}

export function planParameterViolations(operation: SpecOperation, syntax: ParameterSyntaxTable, enforced: EnforcedFormats = undefined): ParameterViolationCase[] {
  const cases = operation.parameters.flatMap((parameter) => parameterCases(parameter, syntax, enforced));
  cases.push({ in: 'query', name: unknownParameterName, value: '1', pointer: childPointer('', unknownParameterName), kind: 'unknown query parameter' });
  return cases;
}
