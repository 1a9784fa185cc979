// Negative, generated from each operation's parameters: one path or query parameter broken at a time (wrong
// type, a spelling the document's parameter syntax refuses, bound violated, required one missing, an unknown one
// added) → 400 problem+json naming that parameter.
// The rest of the request is valid; tests of operations that write are left out in read-only mode.
import { describe } from 'vitest';
import { contractContext } from '../lib/contract-context.js';
import { contractTest } from '../lib/contract-test.js';
import { planParameterViolations } from '../lib/parameter-violations.js';
import { freshPathParams, requiredQuery } from '../lib/request-parts.js';

const ctx = await contractContext();

for (const operation of ctx.spec.operations) {
  const scenario = ctx.scenario();
  const resource = ctx.resources.createdBy(operation.operationId);
  const body = resource ? scenario.exampleBody(resource) : undefined;
  describe(`${operation.operationId}: invalid parameters → 400`, () => {
    for (const violation of planParameterViolations(operation, ctx.spec.parameterSyntax, ctx.spec.enforcedFormats)) {
      const label = violation.value === undefined ? '(left out)' : JSON.stringify(violation.value.length > 40 ? `${violation.value.slice(0, 37)}...` : violation.value);
      const name = `${violation.in} ${violation.name} = ${label}: ${violation.kind} → 400`;
      contractTest(ctx, name, { writes: operation.writes, pairs: [{ operationId: operation.operationId, status: 400 }] }, async () => {
        const pathParams = freshPathParams(operation, scenario);
        const query = requiredQuery(operation);
        const part = violation.in === 'path' ? pathParams : query;
        if (violation.value === undefined) delete part[violation.name];
        else part[violation.name] = violation.value;
        await ctx.client.send({ operation, pathParams, query, body }, { status: 400, violation: { in: violation.in, pointer: violation.pointer } });
      });
    }
  });
}
