// The transition table is read from the spec, and a table that does not fit its schema stops the mock at start.
import { describe, expect, it } from 'vitest';
import type { OpenAPIV3_1 } from 'openapi-types';
import { loadSpec } from '../spec/load-spec.js';
import { defaultSpecFile } from '../project-files.js';
import { isAllowed, readTransitionTable } from './transitions.js';

const documentWith = (status: Record<string, unknown>): OpenAPIV3_1.Document => ({ openapi: '3.1.0', info: { title: 't', version: '1' }, components: { schemas: { AuditStatus: status } } });

describe('readTransitionTable', () => {
  it('reads the spec’s table: the initial status, what each status allows, and the one that sets lastAuditDate', async () => {
    const table = readTransitionTable((await loadSpec(defaultSpecFile)).dereferenced);
    expect(table).toMatchObject({ schemaName: 'AuditStatus', initial: 'planned', setsLastAuditDate: 'completed' });
    expect(table.allowed).toEqual({
      planned: ['in_progress', 'cancelled'],
      in_progress: ['completed', 'cancelled'],
      completed: ['approved', 'rejected'],
      rejected: ['in_progress'],
      approved: [],
      cancelled: [],
    });
    expect([isAllowed(table, 'planned', 'in_progress'), isAllowed(table, 'planned', 'completed'), isAllowed(table, 'approved', 'approved')]).toEqual([true, false, false]);
  });

  it('refuses a table naming statuses the schema does not have, or leaving a status out', () => {
    const broken = documentWith({
      type: 'string',
      enum: ['open', 'closed'],
      'x-cubit-transitions': { initial: 'new', allowed: { open: ['closed', 'archived'], gone: [] }, setsLastAuditDate: 'done' },
    });
    expect(() => readTransitionTable(broken)).toThrow(
      /"new" is not a status[\s\S]*allowed\/open\/1: "archived" is not a status[\s\S]*allowed\/closed: must list[\s\S]*"gone" is not a status[\s\S]*"done" is not a status/,
    );
    expect(() => readTransitionTable(documentWith({ type: 'string', enum: ['a'] }))).toThrow('exactly one schema must declare x-cubit-transitions; found 0');
  });
});
