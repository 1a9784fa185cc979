// Joins the spec's operations with the handler map, both ways, and reports every mismatch at once.
import type { Operation } from '../spec/operations.js';

export function bindHandlers<H extends (context: never) => unknown>(operations: Operation[], handlers: Record<string, H>): Map<string, H> {
  const operationIds = new Set(operations.map((op) => op.operationId));
  const missing = operations.filter((op) => typeof handlers[op.operationId] !== 'function');
  const orphans = Object.keys(handlers).filter((name) => !operationIds.has(name));
  if (missing.length > 0 || orphans.length > 0) {
    const lines = [
      ...missing.map((op) => `operation ${op.operationId} (${op.method} ${op.path}) has no handler`),
      ...orphans.map((name) => `handler ${name} matches no operation in the spec`),
    ];
    throw new Error(`Handlers and spec do not match:\n  - ${lines.join('\n  - ')}`);
  }
  return new Map(operations.map((op) => [op.operationId, handlers[op.operationId] as H]));
}
