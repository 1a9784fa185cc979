import { describe, expect, it } from 'vitest';
import { newRunId, RunNamespace } from './run-namespace.js';

describe('RunNamespace', () => {
  const namespace = new RunNamespace(newRunId());

  it('makes distinct ids that start with contract-<runId>- and fit the spec id pattern and length', () => {
    const ids = Array.from({ length: 200 }, () => namespace.id('CUST-10001'));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id.startsWith(namespace.prefix)).toBe(true);
      expect(id).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]*$/);
      expect(id.length).toBeLessThanOrEqual(64);
    }
    expect(namespace.id('x'.repeat(100)).length).toBe(64);
    expect(namespace.id('a b/c')).toMatch(/-a-b-c$/);
  });

  it('owns only its own ids', () => {
    expect(namespace.owns(namespace.id())).toBe(true);
    expect(namespace.owns('CUST-10001')).toBe(false);
    expect(namespace.owns(new RunNamespace(newRunId()).id())).toBe(false);
    expect(namespace.owns(42)).toBe(false);
  });
});
