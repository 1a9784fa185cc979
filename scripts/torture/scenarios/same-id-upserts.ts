// Many upserts of one new id at once. With one body: exactly one 201, every other answer 200, all at version 1.
// With a different body each: exactly one 201 (version 1), the others 200 with versions 2 … n, each once, each
// answer the body its request sent; the record ends at version n, as the answer with version n shows it. The
// record is the same after kill -9 and a restart.
import { jsonEqual } from '../../../src/handlers/json-equal.js';
import { createCustomer } from '../../../test/support/fixtures.js';
import type { MockProcess } from '../../../test/support/spawn-mock.js';
import { type Answer, call, exportTest } from '../http.js';
import { startMockProcess, stopMock, workdir } from '../mocks.js';
import type { Outcome, Scenario } from '../scenario.js';

const atOnce = 200;
const idsPerVariant = 3;

interface Check {
  id: string;
  final: Record<string, unknown>;
  failures: string[];
}

async function burst(mock: MockProcess, id: string, distinct: boolean): Promise<Check> {
  const bodies = Array.from({ length: atOnce }, (_, i) => createCustomer({ customerId: id, name: distinct ? `Same id ${i}` : 'Same id' }));
  const answers = await Promise.all(bodies.map((body) => call(mock.baseUrl, 'POST', '/test/customers', { body })));
  const failures: string[] = [];
  const answered = answers.filter((a): a is Answer => a.status !== undefined);
  if (answered.length < atOnce) failures.push(`${id}: ${atOnce - answered.length} upserts got no answer`);
  const statuses = answered.map((a) => a.status);
  const created = statuses.filter((s) => s === 201).length;
  const other = statuses.filter((s) => s !== 200 && s !== 201);
  if (created !== 1) failures.push(`${id}: ${created} answers were 201, not exactly one`);
  if (other.length > 0) failures.push(`${id}: answers other than 200 and 201: ${other.join(', ')}`);
  const records = answered.map((a) => a.body as Record<string, unknown>);
  const versions = records.map((r) => r.version as number).sort((a, b) => a - b);
  const expected = distinct ? Array.from({ length: atOnce }, (_, i) => i + 1) : Array.from({ length: atOnce }, () => 1);
  if (!jsonEqual(versions, expected)) failures.push(`${id}: versions answered ${JSON.stringify([...new Set(versions)].slice(0, 12))}…, expected ${distinct ? `1 … ${atOnce}, each once` : 'all 1'}`);
  if (answered.some((a) => a.status === 201 && (a.body as { version: number }).version !== 1)) failures.push(`${id}: the 201 is not version 1`);
  answers.forEach((a, i) => {
    if (a.status !== undefined && (a.body as { name?: string }).name !== bodies[i]?.name) failures.push(`${id}: answer ${i} shows another request's body`);
  });
  const final = (await call(mock.baseUrl, 'GET', `/test/customers/${id}`)) as Answer;
  const last = records.reduce<Record<string, unknown> | undefined>((top, r) => (!top || (r.version as number) > (top.version as number) ? r : top), undefined);
  if (!jsonEqual(final.body, last)) failures.push(`${id}: the stored record is not the one the highest version answered`);
  return { id, final: final.body as Record<string, unknown>, failures };
}

export const sameIdUpserts: Scenario = {
  name: 'concurrent same-id upserts',
  share: 0,
  async run(): Promise<Outcome> {
    const work = await workdir();
    let mock = await startMockProcess(work.dataFile);
    const checks: Check[] = [];
    const failures: string[] = [];
    try {
      for (let i = 0; i < idsPerVariant; i++) checks.push(await burst(mock, `SAME-ONE-BODY-${i}`, false));
      for (let i = 0; i < idsPerVariant; i++) checks.push(await burst(mock, `SAME-MANY-BODIES-${i}`, true));
      await stopMock(mock);
      mock = await startMockProcess(work.dataFile);
      const state = await exportTest(mock.baseUrl);
      for (const check of checks) {
        failures.push(...check.failures);
        if (!jsonEqual(state.customers?.[check.id], check.final)) failures.push(`${check.id}: after kill -9 and a restart the record differs from the one answered`);
      }
    } finally {
      await stopMock(mock);
      await work.remove();
    }
    return {
      done: `${idsPerVariant} new ids × ${atOnce} upserts at once with one body, ${idsPerVariant} × ${atOnce} with a body each; kill -9, restart`,
      result: `${checks.filter((c) => c.failures.length === 0).length}/${checks.length} ids consistent (one 201, the rest 200; versions 1, or 1…${atOnce} once each); kept after restart`,
      pass: failures.length === 0,
      figures: { ids: checks.length, upsertsPerId: atOnce, consistentIds: checks.filter((c) => c.failures.length === 0).length },
      failures,
    };
  },
};
