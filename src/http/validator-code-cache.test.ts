// The validator code cache gives the same verdicts, violations included, as compiling: for every operation of the
// contract, from a cache written by one factory and read by another, and it never keeps a schema Ajv refuses.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withTempDir } from '../../test/support/temp-dir.js';
import { ApiError } from '../errors/api-error.js';
import { defaultSpecFile } from '../project-files.js';
import { loadSpec } from '../spec/load-spec.js';
import { type RequestParts, ValidatorFactory, useValidatorCodeCache } from './request-validation.js';

let temp: Awaited<ReturnType<typeof withTempDir>>;
beforeEach(async () => {
  temp = await withTempDir();
});
afterEach(async () => {
  useValidatorCodeCache(undefined);
  await temp.remove();
});

const verdict = (validate: (parts: RequestParts) => unknown, parts: RequestParts): unknown => {
  try {
    return { ok: validate(parts) };
  } catch (error) {
    return error instanceof ApiError ? { detail: error.detail, errors: error.options.errors } : { thrown: String(error) };
  }
};

const requests: RequestParts[] = [
  { params: {}, query: {}, body: undefined },
  { params: { customerId: 'CUST-1', installationId: 'INST-1', auditId: 'AUD-1' }, query: { limit: '5', offset: '01' }, body: {} },
  { params: { customerId: '', auditId: 'x'.repeat(200) }, query: { limit: '1e2', bogus: 'x' }, body: { customerId: 5, name: '', status: 'sleeping', createdAt: 'now', extra: true } },
  { params: {}, query: {}, body: { customerId: 'CUST-1', name: 'A', organizationNumber: '923456783', address: { street: 's', postalCode: '0155', city: 'Oslo', country: 'NO' }, status: 'active', email: 'not an email' } },
];

describe('the validator code cache', () => {
  it('gives every operation the verdicts of a compiled validator, from the cache a first factory wrote', async () => {
    const spec = await loadSpec(defaultSpecFile);
    const formats = { enforced: spec.enforcedFormats, used: new Set(['date', 'date-time', 'email', 'uri', 'int32', 'int64']) };
    useValidatorCodeCache(undefined);
    const compiled = new ValidatorFactory(spec.parameterSyntax, formats);
    const writer = useValidatorCodeCache(join(temp.dir, 'first'));
    const first = new ValidatorFactory(spec.parameterSyntax, formats);
    for (const operation of spec.operations) first.forOperation(operation);
    await writer?.save();
    const stored = JSON.parse(await readFile(join(temp.dir, 'first', 'validators-1.json'), 'utf8')) as Record<string, string>;
    expect(Object.keys(stored).length).toBeGreaterThan(5); // identical schemas share an entry

    // As a new process would: a fresh cache object on the same directory (named with a trailing slash) reads the file.
    useValidatorCodeCache(undefined);
    const reader = useValidatorCodeCache(`${join(temp.dir, 'first')}/`);
    expect(reader).not.toBe(writer);
    const cached = new ValidatorFactory(spec.parameterSyntax, formats);
    for (const operation of spec.operations) {
      const [fromCode, fromCompile] = [cached.forOperation(operation), compiled.forOperation(operation)];
      for (const parts of requests) expect(verdict(fromCode, structuredClone(parts)), operation.operationId).toEqual(verdict(fromCompile, structuredClone(parts)));
    }
    expect(reader?.counts).toMatchObject({ compiled: 0 });
    expect(reader?.counts.loaded).toBeGreaterThan(spec.operations.length);
  });

  it('keeps no code for a schema Ajv refuses: the refusal comes again at every start', async () => {
    const cache = useValidatorCodeCache(join(temp.dir, 'refused'));
    const factory = new ValidatorFactory({}, { enforced: [], used: new Set() });
    for (let i = 0; i < 2; i++) expect(() => factory.bodyValidator({ type: 'object', maxLenght: 3 })).toThrow(/unknown keyword/);
    await cache?.save();
    await expect(readFile(join(temp.dir, 'refused', 'validators-1.json'), 'utf8')).rejects.toThrow();
  });
});
