// The fault-rule engine against the real main document: counting, expiry, which rule wins, validation, and
// output that validates against the admin document's FaultRule schema.
import { readFile } from 'node:fs/promises';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../errors/api-error.js';
import { adminCatalogue, catalogue } from '../errors/catalogue.js';
import { loadSpec } from '../spec/load-spec.js';
import type { Operation } from '../spec/operations.js';
import { type FaultRuleRequest, FaultRules, maxFaultRules } from './fault-rules.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020, formats: string[]) => Ajv2020;

let operations: Operation[];
let environments: string[];
let validateFaultRule: ValidateFunction;

beforeAll(async () => {
  const spec = await loadSpec(new URL('../../openapi/cubit-core.yaml', import.meta.url).pathname);
  operations = spec.operations;
  environments = spec.environments;
  const admin = parse(await readFile(new URL('../../openapi/cubit-core-admin.yaml', import.meta.url), 'utf8')) as { components: unknown };
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv, ['date-time']);
  ajv.addSchema({ $id: 'admin', components: admin.components });
  validateFaultRule = ajv.compile({ $ref: 'admin#/components/schemas/FaultRule' });
});

const fixedNow = new Date('2026-03-02T13:05:00.000Z');
const rules = (random?: () => number) => new FaultRules({ operations, environments, now: () => fixedNow, ...(random ? { random } : {}) });

/** The ApiError `action` throws; fails the test when it throws nothing or something else. */
function apiError(action: () => unknown): ApiError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected an ApiError, nothing was thrown');
}

const failTwice: FaultRuleRequest = { environment: 'test', operationId: 'upsertCustomer', fault: { type: 'status', status: 503 }, times: 2 };

describe('FaultRules.match', () => {
  it('fails exactly twice, then lets requests through ("fail 2 then succeed")', () => {
    const engine = rules();
    const rule = engine.create(failTwice);
    const results = Array.from({ length: 5 }, () => engine.match('test', 'upsertCustomer', {}));
    expect(results).toEqual([{ ruleId: rule.id, type: 'status', status: 503 }, { ruleId: rule.id, type: 'status', status: 503 }, undefined, undefined, undefined]);
  });

  it('counts matched and remaining, and marks the rule expired when remaining reaches 0', () => {
    const engine = rules();
    const created = engine.create(failTwice);
    expect(created).toMatchObject({ times: 2, matched: 0, remaining: 2, expired: false });
    engine.match('test', 'upsertCustomer', {});
    expect(engine.list().items[0]).toMatchObject({ times: 2, matched: 1, remaining: 1, expired: false });
    engine.match('test', 'upsertCustomer', {});
    expect(engine.list().items[0]).toMatchObject({ times: 2, matched: 2, remaining: 0, expired: true });
    engine.match('test', 'upsertCustomer', {});
    expect(engine.list().items[0]).toMatchObject({ matched: 2, remaining: 0, expired: true });
  });

  it('applies a rule without times to every request, counting them, and never expires it', () => {
    const engine = rules();
    engine.create({ environment: 'prod', operationId: 'listCustomers', fault: { type: 'close' } });
    for (let i = 0; i < 50; i += 1) expect(engine.match('prod', 'listCustomers', {})).toEqual({ ruleId: 'fault-1', type: 'close' });
    expect(engine.list().items[0]).toMatchObject({ times: null, matched: 50, remaining: null, expired: false });
    expect(engine.active).toBe(true);
  });

  it('applies only to its environment and operation', () => {
    const engine = rules();
    engine.create(failTwice);
    expect(engine.match('prod', 'upsertCustomer', {})).toBeUndefined();
    expect(engine.match('test', 'listCustomers', {})).toBeUndefined();
    expect(engine.list().items[0]).toMatchObject({ matched: 0, remaining: 2 });
  });

  it('applies the oldest unexpired rule, only it, and the next one once the oldest has expired', () => {
    const engine = rules();
    const first = engine.create({ environment: 'test', operationId: 'getCustomer', fault: { type: 'status', status: 503 }, times: 1 });
    const second = engine.create({ environment: 'test', operationId: 'getCustomer', fault: { type: 'status', status: 500 }, times: 2 });
    expect(engine.match('test', 'getCustomer', { customerId: 'CUST-10001' })).toEqual({ ruleId: first.id, type: 'status', status: 503 });
    expect(engine.list().items.map((r) => r.matched)).toEqual([1, 0]);
    expect(engine.match('test', 'getCustomer', { customerId: 'CUST-10001' })).toEqual({ ruleId: second.id, type: 'status', status: 500 });
    expect(engine.match('test', 'getCustomer', { customerId: 'CUST-10002' })).toEqual({ ruleId: second.id, type: 'status', status: 500 });
    expect(engine.match('test', 'getCustomer', { customerId: 'CUST-10001' })).toBeUndefined();
    expect(engine.list().items.map((r) => [r.matched, r.remaining, r.expired])).toEqual([
      [1, 0, true],
      [2, 0, true],
    ]);
  });

  it('narrows by path parameters; an older narrow rule wins over a newer general one only for its values', () => {
    const engine = rules();
    const narrow = engine.create({ environment: 'test', operationId: 'getCustomer', pathParameters: { customerId: 'CUST-10001' }, fault: { type: 'latency', delayMs: 2000 } });
    const general = engine.create({ environment: 'test', operationId: 'getCustomer', fault: { type: 'status', status: 404 } });
    expect(engine.match('test', 'getCustomer', { customerId: 'CUST-10001' })).toEqual({ ruleId: narrow.id, type: 'latency', delayMs: 2000 });
    expect(engine.match('test', 'getCustomer', { customerId: 'CUST-10002' })).toEqual({ ruleId: general.id, type: 'status', status: 404 });
    expect(engine.match('test', 'getCustomer', {})).toEqual({ ruleId: general.id, type: 'status', status: 404 });
    expect(engine.list().items.map((r) => r.matched)).toEqual([1, 2]);
  });

  it('does not apply a narrow rule to other values, or to a request without the parameter', () => {
    const engine = rules();
    engine.create({ environment: 'test', operationId: 'deleteInstallation', pathParameters: { installationId: 'INST-20001' }, fault: { type: 'close' }, times: 1 });
    expect(engine.match('test', 'deleteInstallation', { installationId: 'INST-20002' })).toBeUndefined();
    expect(engine.match('test', 'deleteInstallation', { installationid: 'INST-20001' })).toBeUndefined();
    expect(engine.match('test', 'deleteInstallation', {})).toBeUndefined();
    expect(engine.match('test', 'deleteInstallation', { installationId: 'INST-20001' })).toEqual({ ruleId: 'fault-1', type: 'close' });
    expect(engine.match('test', 'deleteInstallation', { installationId: 'INST-20001' })).toBeUndefined();
  });

  it('gives a fixed delay as is, and draws a ranged one between its bounds, both included', () => {
    const fixed = rules();
    fixed.create({ environment: 'test', operationId: 'getCustomer', fault: { type: 'latency', delayMs: 0 } });
    expect(fixed.match('test', 'getCustomer', {})).toEqual({ ruleId: 'fault-1', type: 'latency', delayMs: 0 });
    const ranged = (random: () => number) => {
      const engine = rules(random);
      engine.create({ environment: 'prod', operationId: 'listInstallations', fault: { type: 'latency', minDelayMs: 100, maxDelayMs: 900 } });
      return engine.match('prod', 'listInstallations', {});
    };
    expect(ranged(() => 0)).toEqual({ ruleId: 'fault-1', type: 'latency', delayMs: 100 });
    expect(ranged(() => 1)).toEqual({ ruleId: 'fault-1', type: 'latency', delayMs: 900 });
    expect(ranged(() => 0.5)).toEqual({ ruleId: 'fault-1', type: 'latency', delayMs: 500 });
    expect(ranged(() => 0.123456)).toEqual({ ruleId: 'fault-1', type: 'latency', delayMs: 199 });
  });

  it('draws with Math.random by default, always within the bounds, and a range of one value gives that value', () => {
    const engine = new FaultRules({ operations, environments });
    engine.create({ environment: 'prod', operationId: 'listInstallations', fault: { type: 'latency', minDelayMs: 10, maxDelayMs: 20 } });
    engine.create({ environment: 'test', operationId: 'listInstallations', fault: { type: 'latency', minDelayMs: 7, maxDelayMs: 7 } });
    const delays = new Set<number>();
    for (let i = 0; i < 2000; i += 1) {
      const applied = engine.match('prod', 'listInstallations', {});
      if (applied?.type !== 'latency') throw new Error('expected a latency fault');
      delays.add(applied.delayMs);
    }
    expect([...delays].sort((a, b) => a - b)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(engine.match('test', 'listInstallations', {})).toMatchObject({ type: 'latency', delayMs: 7 });
  });

  it('is inactive without rules, active with one unexpired rule, and inactive again when the last one expires', () => {
    const engine = rules();
    expect(engine.active).toBe(false);
    expect(engine.match('test', 'upsertCustomer', {})).toBeUndefined();
    engine.create({ ...failTwice, times: 1 });
    engine.create({ ...failTwice, operationId: 'listCustomers', times: 1 });
    expect(engine.active).toBe(true);
    engine.match('test', 'upsertCustomer', {});
    expect(engine.active).toBe(true);
    engine.match('test', 'listCustomers', {});
    expect(engine.active).toBe(false);
    expect(engine.list().total).toBe(2);
  });
});

describe('FaultRules.create', () => {
  it('returns the rule as created, with the clock’s createdAt, an empty pathParameters by default, and a copy', () => {
    const engine = rules();
    const request: FaultRuleRequest = { environment: 'test', operationId: 'getCustomer', pathParameters: { customerId: 'CUST-10001' }, fault: { type: 'latency', minDelayMs: 1, maxDelayMs: 5 } };
    const created = engine.create(request);
    expect(created).toEqual({
      id: 'fault-1',
      environment: 'test',
      operationId: 'getCustomer',
      pathParameters: { customerId: 'CUST-10001' },
      fault: { type: 'latency', minDelayMs: 1, maxDelayMs: 5 },
      times: null,
      matched: 0,
      remaining: null,
      expired: false,
      createdAt: '2026-03-02T13:05:00.000Z',
    });
    expect(engine.create(failTwice)).toMatchObject({ id: 'fault-2', pathParameters: {}, times: 2, remaining: 2 });
    // Neither the request nor the returned rule is the engine's own state.
    (request.pathParameters ?? {}).customerId = 'CUST-99999';
    created.pathParameters.customerId = 'CUST-88888';
    created.matched = 42;
    expect(engine.list().items[0]).toMatchObject({ pathParameters: { customerId: 'CUST-10001' }, matched: 0 });
    expect(engine.match('test', 'getCustomer', { customerId: 'CUST-10001' })).toMatchObject({ ruleId: 'fault-1' });
  });

  it('names an unknown operation, listing the operations in spec order', () => {
    const error = apiError(() => rules().create({ ...failTwice, operationId: 'getCustomers' }));
    expect(error.problem).toBe(catalogue.validationFailed);
    expect(error.statusCode).toBe(400);
    expect(error.detail).toBe('The request has 1 violation.');
    expect(error.options.errors).toEqual([
      { in: 'body', pointer: '/operationId', message: `is not an operation of the Cubit Core API (it has ${operations.map((op) => op.operationId).join(', ')})` },
    ]);
    expect(error.options.errors?.[0]?.message).toContain('listCustomers, upsertCustomer, getCustomer, deleteCustomer');
  });

  it('names an unknown environment', () => {
    const error = apiError(() => rules().create({ ...failTwice, environment: 'staging' }));
    expect(error.options.errors).toEqual([{ in: 'body', pointer: '/environment', message: 'is not an environment of the Cubit Core API (it has test, prod)' }]);
  });

  it('names a path parameter the operation does not have, escaped as a JSON pointer, with the ones it has or none', () => {
    const error = apiError(() => rules().create({ environment: 'test', operationId: 'getCustomer', pathParameters: { installationId: 'INST-1', 'a/b~c': 'x' }, fault: { type: 'close' } }));
    expect(error.detail).toBe('The request has 2 violations.');
    expect(error.options.errors).toEqual([
      { in: 'body', pointer: '/pathParameters/installationId', message: 'is not a path parameter of getCustomer (it has customerId)' },
      { in: 'body', pointer: '/pathParameters/a~1b~0c', message: 'is not a path parameter of getCustomer (it has customerId)' },
    ]);
    const none = apiError(() => rules().create({ environment: 'test', operationId: 'listCustomers', pathParameters: { customerId: 'CUST-1' }, fault: { type: 'close' } }));
    expect(none.options.errors).toEqual([{ in: 'body', pointer: '/pathParameters/customerId', message: 'is not a path parameter of listCustomers (it has none)' }]);
    const inherited = apiError(() => rules().create({ environment: 'test', operationId: 'getCustomer', pathParameters: { toString: 'x' }, fault: { type: 'close' } }));
    expect(inherited.options.errors?.map((e) => e.pointer)).toEqual(['/pathParameters/toString']);
  });

  it('refuses a delay range whose maximum is below its minimum, and accepts equal bounds', () => {
    const error = apiError(() => rules().create({ environment: 'test', operationId: 'getCustomer', fault: { type: 'latency', minDelayMs: 900, maxDelayMs: 100 } }));
    expect(error.options.errors).toEqual([{ in: 'body', pointer: '/fault/maxDelayMs', message: 'must not be below minDelayMs' }]);
    expect(rules().create({ environment: 'test', operationId: 'getCustomer', fault: { type: 'latency', minDelayMs: 100, maxDelayMs: 100 } }).id).toBe('fault-1');
  });

  it('lists every violation at once, and creates nothing', () => {
    const engine = rules();
    const twoProblems = apiError(() => engine.create({ environment: 'test', operationId: 'getCustomer', pathParameters: { installationId: 'INST-20001' }, fault: { type: 'latency', minDelayMs: 5, maxDelayMs: 4 } }));
    expect(twoProblems.detail).toBe('The request has 2 violations.');
    expect(twoProblems.options.errors?.map((e) => e.pointer)).toEqual(['/pathParameters/installationId', '/fault/maxDelayMs']);
    const threeProblems = apiError(() => engine.create({ environment: 'qa', operationId: 'nope', pathParameters: { x: 'y' }, fault: { type: 'latency', minDelayMs: 5, maxDelayMs: 4 } }));
    expect(threeProblems.detail).toBe('The request has 3 violations.');
    expect(threeProblems.options.errors?.map((e) => e.pointer)).toEqual(['/environment', '/operationId', '/fault/maxDelayMs']);
    expect(engine.list()).toEqual({ items: [], total: 0 });
    expect(engine.active).toBe(false);
    expect(engine.create(failTwice).id).toBe('fault-1');
  });

  it('answers 422 for a status the operation does not document, naming the error statuses it does', () => {
    const engine = rules();
    const error = apiError(() => engine.create({ environment: 'test', operationId: 'getCustomer', fault: { type: 'status', status: 409 } }));
    expect(error.problem).toBe(adminCatalogue.undocumentedStatus);
    expect(error.statusCode).toBe(422);
    expect(error.detail).toBe('getCustomer documents 400, 401, 404, 408, 414, 429, 431, 500, 503; 409 is not one of them.');
    expect(error.options.errors).toBeUndefined();
    expect(engine.create({ environment: 'test', operationId: 'deleteCustomer', fault: { type: 'status', status: 409 } }).fault).toEqual({ type: 'status', status: 409 });
    expect(engine.list().total).toBe(1);
  });

  it('reports the 400 violations rather than the 422 when a request has both', () => {
    const error = apiError(() => rules().create({ environment: 'test', operationId: 'getCustomer', pathParameters: { nope: '1' }, fault: { type: 'status', status: 409 } }));
    expect(error.statusCode).toBe(400);
    expect(error.options.errors?.map((e) => e.pointer)).toEqual(['/pathParameters/nope']);
  });

  it(`holds at most ${maxFaultRules} rules, expired ones included, until some are deleted`, () => {
    const engine = rules();
    for (let i = 0; i < maxFaultRules; i += 1) engine.create({ ...failTwice, times: 1 });
    for (let i = 0; i < maxFaultRules; i += 1) engine.match('test', 'upsertCustomer', {});
    expect(engine.active).toBe(false);
    const error = apiError(() => engine.create({ ...failTwice, environment: 'qa' }));
    expect(error.detail).toBe('The request has 2 violations.');
    expect(error.options.errors?.[0]).toEqual({ in: 'body', pointer: '', message: `at most ${maxFaultRules} fault rules can exist; delete some (resetFaultRules)` });
    engine.delete('fault-1');
    expect(engine.create(failTwice).id).toBe(`fault-${maxFaultRules + 1}`);
    expect(engine.list().total).toBe(maxFaultRules);
  });
});

describe('FaultRules.delete, reset and list', () => {
  it('deletes a rule, which then applies no more; deleting it again, or an unknown id, is fault-rule-not-found', () => {
    const engine = rules();
    engine.create(failTwice);
    const second = engine.create({ ...failTwice, fault: { type: 'status', status: 500 } });
    engine.delete('fault-1');
    expect(engine.match('test', 'upsertCustomer', {})).toEqual({ ruleId: second.id, type: 'status', status: 500 });
    expect(engine.list().items.map((r) => r.id)).toEqual(['fault-2']);
    for (const id of ['fault-1', 'fault-3', 'nope', '__proto__']) {
      const error = apiError(() => engine.delete(id));
      expect(error.problem).toBe(adminCatalogue.faultRuleNotFound);
      expect(error.statusCode).toBe(404);
      expect(error.detail).toBe('No fault rule with this id exists.');
    }
    engine.delete('fault-2');
    expect(engine.active).toBe(false);
    expect(engine.match('test', 'upsertCustomer', {})).toBeUndefined();
  });

  it('deletes an expired rule too', () => {
    const engine = rules();
    engine.create({ ...failTwice, times: 1 });
    engine.match('test', 'upsertCustomer', {});
    engine.delete('fault-1');
    expect(engine.list()).toEqual({ items: [], total: 0 });
  });

  it('resets to no rules, and never reuses an id', () => {
    const engine = rules();
    engine.create(failTwice);
    engine.create(failTwice);
    engine.reset();
    expect(engine.list()).toEqual({ items: [], total: 0 });
    expect(engine.active).toBe(false);
    expect(engine.match('test', 'upsertCustomer', {})).toBeUndefined();
    expect(engine.create(failTwice).id).toBe('fault-3');
    engine.delete('fault-3');
    expect(engine.create(failTwice).id).toBe('fault-4');
    expect(engine.match('test', 'upsertCustomer', {})).toMatchObject({ ruleId: 'fault-4' });
  });

  it('lists in creation order, expired rules kept, each valid against the admin document’s FaultRule schema', () => {
    let clock = Date.parse('2026-03-02T13:05:00.000Z');
    const engine = new FaultRules({ operations, environments, now: () => new Date((clock += 1000)), random: () => 0.5 });
    engine.create(failTwice);
    engine.create({ environment: 'test', operationId: 'getCustomer', pathParameters: { customerId: 'CUST-10001' }, fault: { type: 'latency', delayMs: 2000 } });
    engine.create({ environment: 'prod', operationId: 'listInstallations', fault: { type: 'latency', minDelayMs: 100, maxDelayMs: 900 } });
    engine.create({ environment: 'test', operationId: 'deleteInstallation', pathParameters: { installationId: 'INST-20001' }, fault: { type: 'close' }, times: 1 });
    engine.match('test', 'upsertCustomer', {});
    engine.match('test', 'upsertCustomer', {});
    engine.match('test', 'deleteInstallation', { installationId: 'INST-20001' });
    engine.match('test', 'getCustomer', { customerId: 'CUST-10001' });
    const listed = engine.list();
    expect(listed.total).toBe(4);
    expect(listed.items.map((r) => [r.id, r.createdAt, r.matched, r.remaining, r.expired])).toEqual([
      ['fault-1', '2026-03-02T13:05:01.000Z', 2, 0, true],
      ['fault-2', '2026-03-02T13:05:02.000Z', 1, null, false],
      ['fault-3', '2026-03-02T13:05:03.000Z', 0, null, false],
      ['fault-4', '2026-03-02T13:05:04.000Z', 1, 0, true],
    ]);
    for (const item of listed.items) {
      expect(validateFaultRule(item), `${item.id}: ${JSON.stringify(validateFaultRule.errors)}`).toBe(true);
    }
    // The validator is not vacuous: it refuses a rule with an unknown field or a negative count.
    expect(validateFaultRule({ ...listed.items[0], extra: 1 })).toBe(false);
    expect(validateFaultRule({ ...listed.items[0], matched: -1 })).toBe(false);
    expect(validateFaultRule({ ...listed.items[0], fault: { type: 'status' } })).toBe(false);
  });
});
