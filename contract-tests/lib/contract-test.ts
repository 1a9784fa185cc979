// Registers one generated test. A test that writes is left out when the run may not write (a prod target without
// CONTRACT_ALLOW_WRITES=1, or CONTRACT_READ_ONLY=1): it shows as skipped with the reason in its name, and the
// (operation, status) pairs it would have exercised are reported as left out, with that reason.
import { it, type TestContext } from 'vitest';
import type { ContractContext } from './contract-context.js';
import { appendRecord } from './run-records.js';

export interface Pair {
  operationId: string;
  status: number;
}

export interface CaseOptions {
  /** True when the test sends a request that changes state, or could if the target were broken. */
  writes: boolean;
  /** The (operation, status) pairs the test exercises. */
  pairs: Pair[];
  /** Why this run skips the test, when it does for a reason other than writes (shown in its name). */
  skip?: string;
}

export function contractTest(ctx: ContractContext, name: string, options: CaseOptions, body: (test: TestContext) => Promise<void>): void {
  appendRecord(ctx.target.runDir, { type: 'test', test: name });
  if (options.skip !== undefined) {
    it.skip(`${name} [skipped: ${options.skip}]`, () => undefined);
    return;
  }
  const reason = options.writes && !ctx.target.writesAllowed ? `writes are disabled: ${ctx.target.writesDisabledReason ?? ''}` : undefined;
  if (reason !== undefined) {
    appendRecord(ctx.target.runDir, { type: 'left-out', test: name, reason, pairs: options.pairs });
    it.skip(`${name} [left out: ${reason}]`, () => undefined);
    return;
  }
  it(name, body);
}

/** Records a test that ran but found nothing to exercise (e.g. no data to read), and skips it with the reason. */
export function leaveOut(ctx: ContractContext, test: TestContext, reason: string, pairs: Pair[]): never {
  appendRecord(ctx.target.runDir, { type: 'left-out', test: test.task.name, reason, pairs });
  return test.skip(reason);
}
