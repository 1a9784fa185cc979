import { describe, expect, it } from 'vitest';
import type { TransitionTable } from '../../src/audit/transitions.js';
import { walkTo, walkToward } from './status-machine.js';

// The spec's table, and a status it never reaches.
const table: TransitionTable = {
  schemaName: 'Status',
  statuses: ['planned', 'in_progress', 'completed', 'approved', 'rejected', 'cancelled', 'orphan'],
  initial: 'planned',
  allowed: { planned: ['in_progress', 'cancelled'], in_progress: ['completed', 'cancelled'], completed: ['approved', 'rejected'], rejected: ['in_progress'], approved: [], cancelled: [], orphan: ['planned'] },
  setsLastAuditDate: 'completed',
};

describe('walkTo', () => {
  it('walks the shortest path of allowed changes, empty for the initial status', () => {
    expect(walkTo(table, 'planned')).toEqual([]);
    expect(walkTo(table, 'cancelled')).toEqual(['cancelled']);
    expect(walkTo(table, 'approved')).toEqual(['in_progress', 'completed', 'approved']);
  });

  it('refuses a status the table never reaches', () => {
    expect(() => walkTo(table, 'orphan')).toThrow(/never reaches orphan/);
  });
});

describe('walkToward', () => {
  it('walks to the nearest status from which the change is allowed', () => {
    expect(walkToward(table, 'in_progress')).toEqual([]);
    expect(walkToward(table, 'completed')).toEqual(['in_progress']);
    expect(walkToward(table, 'cancelled')).toEqual([]);
    expect(walkToward(table, 'approved')).toEqual(['in_progress', 'completed']);
  });

  it('refuses a status no reached status may change to', () => {
    expect(() => walkToward(table, 'orphan')).toThrow(/never allows a change to orphan/);
  });
});
