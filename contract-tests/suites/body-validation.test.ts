// Negative, generated from each request body schema: starting from a valid body (every example merged), one
// member is broken at a time — a required field missing, a wrong type, an unknown property, a bound violated, a
// readOnly field sent — and the answer must be 400 problem+json whose `errors` name that member's pointer.
// Whatever the body references exists, so that nothing but the broken member can be wrong.
import { beforeAll, describe, it } from 'vitest';
import { planBodyViolations } from '../lib/body-violations.js';
import { contractContext } from '../lib/contract-context.js';
import { contractTest } from '../lib/contract-test.js';
import { fullValidBody } from '../lib/valid-bodies.js';

const ctx = await contractContext();

for (const operation of ctx.spec.operations) {
  if (!operation.body) continue;
  const requestBody = operation.body;
  const resource = ctx.resources.createdBy(operation.operationId);
  const scenario = ctx.scenario();
  let base: Record<string, unknown>;
  try {
    base = scenario.rewrite(fullValidBody(requestBody));
  } catch (error) {
    it(`${operation.operationId}: the spec gives a valid body to break`, () => {
      throw error;
    });
    continue;
  }
  const pathParams = Object.fromEntries(operation.parameters.filter((p) => p.in === 'path').map((p) => [p.name, scenario.freshId(p.name)]));

  describe(`${operation.operationId}: invalid bodies → 400`, () => {
    beforeAll(async () => {
      if (ctx.target.writesAllowed && resource) await scenario.createReferences(resource, base);
    });
    for (const violation of planBodyViolations(requestBody.requestSchema, base, requestBody.serverOwned, ctx.spec.enforcedFormats)) {
      contractTest(ctx, `${violation.pointer}: ${violation.kind} → 400`, { writes: true, pairs: [{ operationId: operation.operationId, status: 400 }] }, async () => {
        await ctx.client.send({ operation, pathParams, body: violation.body }, { status: 400, violation: { in: 'body', pointer: violation.pointer } });
      });
    }
  });
}
