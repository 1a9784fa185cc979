import { describe, expect, it } from 'vitest';
import { computeCoverage } from './coverage.js';
import type { RunRecord } from './run-records.js';
import type { SpecModel, SpecOperation } from './spec-model.js';

const operation = (operationId: string, statuses: string[]): SpecOperation => ({
  operationId,
  method: 'GET',
  path: `/${operationId}`,
  parameters: [],
  body: undefined,
  responses: statuses.map((status) => ({ status, description: '', contentTypes: [], requiredHeaders: [], schema: undefined })),
  apiKeyHeaders: ['X-API-Key'],
  bearer: false,
  writes: false,
  listOrder: undefined,
  problemCodes: {},
});
const spec: SpecModel = { file: 'spec.yaml', operations: [operation('listThings', ['200', '400', '401', '500']), operation('getThing', ['200', '404'])], parameterSyntax: {}, enforcedFormats: undefined, errorPrecedence: [] };

describe('computeCoverage', () => {
  it('tells covered, failed, excluded, left out and missing pairs apart', () => {
    const records: RunRecord[] = [
      { type: 'hit', operationId: 'listThings', status: 200, test: 'a' },
      { type: 'hit', operationId: 'listThings', status: 200, test: 'b' },
      { type: 'violation', operationId: 'listThings', expected: [400], status: 200, test: 'c', violations: ['expected status 400, got 200'], request: 'GET /listThings' },
      { type: 'left-out', test: 'd', reason: 'writes are disabled', pairs: [{ operationId: 'getThing', status: 200 }] },
    ];
    const coverage = computeCoverage(spec, records, [{ operationId: '*', status: 500, reason: 'cannot be provoked' }]);
    expect(coverage.pairs.map((p) => [p.operationId, p.status, p.state, p.hits])).toEqual([
      ['listThings', 200, 'covered', 2],
      ['listThings', 400, 'failed', 0],
      ['listThings', 401, 'missing', 0],
      ['listThings', 500, 'excluded', 0],
      ['getThing', 200, 'left out', 0],
      ['getThing', 404, 'missing', 0],
    ]);
    expect(coverage.totals).toEqual({ pairs: 6, covered: 1, failed: 1, excluded: 1, 'left out': 1, missing: 2 });
  });

  it('flags exclusions that match no documented pair, or one the run covered', () => {
    const records: RunRecord[] = [{ type: 'hit', operationId: 'getThing', status: 404, test: 'a' }];
    const coverage = computeCoverage(spec, records, [
      { operationId: 'getThing', status: 404, reason: 'thought impossible' },
      { operationId: 'deleteThing', status: 409, reason: 'gone' },
    ]);
    expect(coverage.staleExclusions).toEqual(['getThing 404: excluded, yet the run covered it', 'deleteThing 409: no such documented pair']);
  });
});
