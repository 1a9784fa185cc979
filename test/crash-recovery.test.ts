// kill -9 at random points during a stream of upserts, many times over one data file: after every restart,
// every acknowledged write is there and the data file is readable. A small compaction threshold makes
// kills land during compactions too.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCustomer } from './support/fixtures.js';
import { startServer, useMockProcesses } from './support/mock-process.js';
import { seededRandom } from './support/seeded-random.js';
import { testKeys } from './support/test-keys.js';

const rounds = 6;
const writers = 8;

const fixture = useMockProcesses();

/** The version the mock acknowledged for the upsert, or undefined when it gave no 2xx answer. */
async function upsert(baseUrl: string, body: object): Promise<number | undefined> {
  try {
    const response = await fetch(`${baseUrl}/test/customers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': testKeys.test },
      body: JSON.stringify(body),
    });
    if (response.status !== 200 && response.status !== 201) return undefined;
    return ((await response.json()) as { version: number }).version;
  } catch {
    return undefined; // the process was killed before it answered: not acknowledged
  }
}

async function get(baseUrl: string, id: string): Promise<Record<string, unknown> | undefined> {
  const response = await fetch(`${baseUrl}/test/customers/${id}`, { headers: { 'x-api-key': testKeys.test } });
  return response.status === 200 ? ((await response.json()) as Record<string, unknown>) : undefined;
}

describe('kill -9 during writes', () => {
  it(`loses no acknowledged write over ${rounds} kills at random points`, async () => {
    const next = seededRandom(Number(process.env.CRASH_TEST_SEED ?? 20261128));
    const dataFile = join(fixture.dir, 'data.json');
    const args = ['--data', dataFile, '--compact-after', '4096'];
    const created = new Set<string>();
    // Several writers change the same ids. Concurrent requests may be applied in any order, so the value
    // written last is not necessarily the highest one sent; but every change that is applied bumps the
    // record's version, and durable changes are a prefix of the applied ones: the version stored after a
    // restart is at least the highest version any acknowledged answer carried.
    const hot = new Map<string, number>(); // id → highest acknowledged version
    let counter = 0;

    for (let round = 0; round < rounds; round++) {
      fixture.running = await startServer(args);
      const { baseUrl } = fixture.running;
      let killed = false;
      const writer = async (w: number) => {
        for (let n = 0; !killed; n++) {
          if (n % 2 === 0) {
            const id = `R${round}-W${w}-${n}`;
            if ((await upsert(baseUrl, createCustomer({ customerId: id }))) !== undefined) created.add(id);
          } else {
            const id = `HOT-${w % 3}`;
            // A value never sent before, so that every upsert is a real change.
            const version = await upsert(baseUrl, createCustomer({ customerId: id, externalReference: String(++counter) }));
            if (version !== undefined) hot.set(id, Math.max(hot.get(id) ?? 0, version));
          }
        }
      };
      const writing = Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
      await new Promise((resolve) => setTimeout(resolve, 50 + next() * 400));
      fixture.running.child.kill('SIGKILL');
      killed = true;
      await fixture.running.exited;
      await writing;

      fixture.running = await startServer(args);
      for (const id of created) expect(await get(fixture.running.baseUrl, id), `created ${id}`).toBeDefined();
      for (const [id, version] of hot) {
        const stored = await get(fixture.running.baseUrl, id);
        expect(stored?.version, `${id} acknowledged at version ${version}`).toBeGreaterThanOrEqual(version);
      }
      fixture.running.child.kill('SIGKILL');
      await fixture.running.exited;
      fixture.running = undefined;
    }
    expect(created.size).toBeGreaterThan(rounds * writers);
    // Whatever moment the last kill hit, the data file is a readable JSON snapshot.
    expect(JSON.parse(await readFile(dataFile, 'utf8'))).toMatchObject({ format: 'cubit-core-mock/1' });
  }, 120_000);
});
