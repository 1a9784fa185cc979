// Positive, for every GET operation, so that a new one is tested without editing the suite: it answers its
// documented 2xx for items that exist (path parameters that name a resource are filled by creating one), and
// for each query parameter at its bounds. Reads that need no data of their own also run in read-only mode.
import { describe } from 'vitest';
import { contractContext } from '../lib/contract-context.js';
import { contractTest } from '../lib/contract-test.js';
import { requiredQuery } from '../lib/request-parts.js';
import { sampleValue } from '../lib/schema-samples.js';
import { type SpecOperation, type SpecParameter, successStatuses } from '../lib/spec-model.js';

const ctx = await contractContext();

/** Valid values at the edges of a query parameter's schema: its minimum and maximum, or a sample. */
function boundValues(parameter: SpecParameter): string[] {
  const { schema } = parameter;
  const values = [schema.minimum, schema.maximum, schema.exclusiveMinimum === undefined ? undefined : Number(schema.exclusiveMinimum) + 1].filter((v) => typeof v === 'number');
  return values.length > 0 ? [...new Set(values.map(String))] : [String(sampleValue(parameter.schema))];
}

async function existingPathParams(operation: SpecOperation): Promise<Record<string, string>> {
  const scenario = ctx.scenario();
  const params: Record<string, string> = {};
  for (const parameter of operation.parameters.filter((p) => p.in === 'path')) {
    const resource = ctx.resources.byIdField(parameter.name);
    if (!resource) throw new Error(`${operation.operationId}: cannot make a ${parameter.name} that exists: no resource has that id`);
    params[parameter.name] = await scenario.ensure(resource);
  }
  return params;
}

for (const operation of ctx.spec.operations.filter((op) => op.method === 'GET')) {
  const statuses = successStatuses(operation);
  const needsData = operation.parameters.some((p) => p.in === 'path');
  const pairs = statuses.map((status) => ({ operationId: operation.operationId, status }));
  describe(`${operation.operationId}: reads`, () => {
    contractTest(ctx, `${needsData ? 'an item that exists' : 'no parameters'} → ${statuses.join(' or ')}`, { writes: needsData, pairs }, async () => {
      await ctx.client.send({ operation, pathParams: await existingPathParams(operation), query: requiredQuery(operation) }, { status: statuses });
    });
    for (const parameter of operation.parameters.filter((p) => p.in === 'query' && !p.required)) {
      for (const value of boundValues(parameter)) {
        contractTest(ctx, `query ${parameter.name} = ${JSON.stringify(value)} (valid) → ${statuses.join(' or ')}`, { writes: needsData, pairs }, async () => {
          const query = { ...requiredQuery(operation), [parameter.name]: value };
          await ctx.client.send({ operation, pathParams: await existingPathParams(operation), query }, { status: statuses });
        });
      }
    }
  });
}
