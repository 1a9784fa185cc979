// The generated invalid bodies break exactly what they say: each is rejected by the schema, only at its pointer.
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { defaultSpecFile } from '../../src/app.js';
import { planBodyViolations } from './body-violations.js';
import { loadSpecModel } from './spec-model.js';
import { fullValidBody } from './valid-bodies.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const spec = await loadSpecModel(defaultSpecFile);

describe.each(spec.operations.filter((op) => op.body).map((op) => [op.operationId, op] as const))('%s', (_, operation) => {
  const body = operation.body as NonNullable<typeof operation.body>;
  const validate = addFormats(new Ajv2020({ allErrors: true, strict: false })).compile(body.requestSchema);
  const base = fullValidBody(body);
  const cases = planBodyViolations(body.requestSchema, base, body.serverOwned);

  it('starts from a valid body that uses every property of the schema', () => {
    expect(validate(base)).toBe(true);
    expect(Object.keys(base).sort()).toEqual(Object.keys(body.requestSchema.properties as object).sort());
  });

  it('breaks every property, and every bound, at least once', () => {
    const pointers = new Set(cases.map((c) => c.pointer));
    for (const name of Object.keys(body.requestSchema.properties as object)) expect(pointers).toContain(`/${name}`);
    const kinds = cases.map((c) => c.kind.split(' ')[0]);
    // Each kind the schema offers: a body without a patterned string (a status change) has no pattern to break, and
    // one whose answer's server-owned fields are all its own writable ones has no readOnly field to send.
    const schemaText = JSON.stringify(body.requestSchema);
    const offered = ['unknown', 'required', 'wrong', 'maxLength', 'not'];
    if (schemaText.includes('"pattern"')) offered.push('pattern');
    if (Object.keys(body.serverOwned).length > 0) offered.push('readOnly');
    for (const kind of offered) expect(kinds, kind).toContain(kind);
  });

  it('makes each case invalid at its pointer and nowhere else', () => {
    for (const violation of cases) {
      expect(validate(violation.body), `${violation.pointer}: ${violation.kind}`).toBe(false);
      const places = (validate.errors ?? []).map((e) => (e.keyword === 'required' ? `${e.instancePath}/${String(e.params.missingProperty)}` : e.keyword === 'additionalProperties' ? `${e.instancePath}/${String(e.params.additionalProperty)}` : e.instancePath));
      for (const place of places) expect(`${place}/`.startsWith(`${violation.pointer}/`), `${violation.pointer}: ${violation.kind} also breaks ${place}`).toBe(true);
    }
  });
});
