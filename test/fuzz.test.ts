// Fuzzing from the spec: for every operation of the main API (its `test` environment) and of the admin API,
// fast-check takes one of the operation's valid requests (built from the spec's examples) and breaks one thing
// the documents forbid — a body member, the body itself, a path or query parameter, If-Match, the credentials.
// Every answer must be a 4xx the operation documents (the one such a request gets), problem+json valid against
// that response's schema, never a 5xx; and the stored data, seeded first, must not change.
//
// Seeded and bounded: FUZZ_SEED picks the seed (printed with any failure, with the path to replay it:
// FUZZ_SEED=<seed> FUZZ_PATH=<path> npx vitest run test/fuzz.test.ts -t <operationId>), FUZZ_RUNS the runs per
// operation.
import fc from 'fast-check';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSpecFile } from '../src/app.js';
import { defaultAdminSpecFile } from '../src/admin/admin-api.js';
import { mintDevToken } from '../src/http/dev-token.js';
import { createResponseValidator, type ResponseValidator } from '../src/contract/response-validator.js';
import { testAdminKey } from './support/admin-client.js';
import { createCustomer, createInstallation } from './support/fixtures.js';
import { type FuzzCase, fuzzCases } from './support/fuzz-cases.js';
import { judgeAnswer } from './support/fuzz-judge.js';
import { type FuzzCredentials, requestFaults, validRequest } from './support/fuzz-request.js';
import { loadFuzzTargets } from './support/fuzz-spec.js';
import type { MockClient } from './support/mock-client.js';
import { startMock } from './support/start-mock.js';
import { testJwtSecret, testKeys, testToken } from './support/test-keys.js';

const seed = Number.parseInt(process.env.FUZZ_SEED ?? '20260615', 10);
const runs = Number.parseInt(process.env.FUZZ_RUNS ?? '30', 10);
const replayPath = process.env.FUZZ_PATH;
const targets = await loadFuzzTargets();

// The mock in this process, on a fresh data file (startMock: the tests' keys, the admin API, no limit on failed
// authentications, which a third of the cases are, all from inject's one address).
const mock = await startMock();
const app = mock.app;
const adminHeaders = { 'x-admin-key': testAdminKey };
let validators: Record<'main' | 'admin', ResponseValidator>;
let credentials: FuzzCredentials;
let baseline: { state: string; snapshot: string; lists: unknown };

/** Tokens the mock must refuse, each wrong in one way. */
async function badTokens(token: string): Promise<FuzzCredentials['badTokens']> {
  const secret = new TextEncoder().encode(testJwtSecret);
  const [header, payload] = token.split('.');
  const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
  const claims = (jwt: SignJWT) => jwt.setProtectedHeader({ alg: 'HS256' }).setAudience('cubit-core-test').setIssuedAt();
  return [
    { label: 'a token of prod', token: await testToken('prod') },
    { label: 'an expired token', token: await mintDevToken({ subject: 'qa@example.no', environment: 'test', expiresIn: '1h', secret: testJwtSecret, now: new Date(Date.now() - 3 * 3_600_000) }) },
    { label: 'a token signed with another secret', token: await testToken('test', 'qa@example.no', { secret: 'another-secret-for-tests-only-32-bytes' }) },
    { label: 'an unsigned token (alg none)', token: unsigned },
    { label: 'a token with the header of another', token: `${header}.${payload}` },
    { label: 'a token without exp', token: await claims(new SignJWT({ sub: 'qa@example.no' })).sign(secret) },
    { label: 'a token without sub', token: await claims(new SignJWT({})).setExpirationTime('1h').sign(secret) },
  ];
}

/** Everything the mock stores, as the admin API exports it, and its fault rules. */
async function storeState(): Promise<{ state: string; snapshot: string }> {
  const [snapshot, rules] = await Promise.all([app.inject({ method: 'GET', url: '/__admin/data/snapshot', headers: adminHeaders }), app.inject({ method: 'GET', url: '/__admin/fault-rules', headers: adminHeaders })]);
  if (snapshot.statusCode !== 200 || rules.statusCode !== 200) throw new Error(`the admin API could not export the data: ${snapshot.statusCode} ${rules.statusCode}`);
  return { state: `${snapshot.body}\n${rules.body}`, snapshot: snapshot.body };
}

/** Puts the data back as it was, so that the cases after a failing one (and its shrinking) start from the seed. */
async function restore(): Promise<void> {
  await app.inject({ method: 'PUT', url: '/__admin/data/snapshot', headers: { ...adminHeaders, 'content-type': 'application/json' }, payload: baseline.snapshot });
  await app.inject({ method: 'DELETE', url: '/__admin/fault-rules', headers: adminHeaders });
}

/** The main API's view of the seeded data: every list and every record. */
async function mainLists(client: MockClient, token: string): Promise<unknown> {
  const read = async (path: string, bearer: boolean) => (await client.request('test', 'GET', path, bearer ? { token } : {})).body;
  return {
    customers: await read('/customers?limit=200', false),
    installations: await read('/installations?limit=200', false),
    audits: await read('/audits?limit=200', true),
    customer: await read('/customers/CUST-10001', false),
    installation: await read('/installations/INST-20001', false),
    audit: await read('/audits/AUD-30001', true),
    history: await read('/audits/AUD-30001/history', true),
  };
}

let client: MockClient;

beforeAll(async () => {
  const [main, admin] = await Promise.all([createResponseValidator(defaultSpecFile), createResponseValidator(defaultAdminSpecFile)]);
  validators = { main, admin };
  const token = await testToken('test');
  credentials = { keys: { 'x-api-key': testKeys.test, 'x-admin-key': testAdminKey }, knownKeys: [testKeys.test, testKeys.prod, testAdminKey], token, badTokens: await badTokens(token) };
  // The records the examples name exist, so that each valid request would change something or read something.
  client = mock.client;
  const seeded = [
    await client.request('test', 'POST', '/customers', { body: createCustomer() }),
    await client.request('test', 'POST', '/customers', { body: createCustomer({ customerId: 'CUST-10002', name: 'Trondheim Varmepumpe AS' }) }),
    await client.request('test', 'POST', '/installations', { body: createInstallation() }),
    await client.request('test', 'POST', '/audits', { token, body: { auditId: 'AUD-30001', installationId: 'INST-20001', kind: 'periodic', title: 'Periodic inspection' } }),
    await client.request('prod', 'POST', '/customers', { body: createCustomer({ customerId: 'CUST-10002' }) }),
  ];
  expect(seeded.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
  baseline = { ...(await storeState()), lists: await mainLists(client, token) };
});

afterAll(() => mock.close());

async function send(fuzzCase: FuzzCase) {
  const response = await app.inject({ method: fuzzCase.method as 'GET', url: fuzzCase.url, headers: fuzzCase.request.headers, payload: fuzzCase.request.body });
  return { status: response.statusCode, headers: response.headers as Record<string, string | string[] | undefined>, text: response.body };
}

it('starts every operation from requests the spec accepts', () => {
  expect(targets.filter((t) => t.api === 'main')).toHaveLength(14);
  for (const target of targets) for (const base of target.bases) expect(requestFaults(target, validRequest(target, base, credentials), credentials), target.operation.operationId).toEqual([]);
});

describe.each(['main', 'admin'] as const)('the %s API', (api) => {
  for (const target of targets.filter((t) => t.api === api)) {
    const { operationId } = target.operation;
    it(`${operationId}: every broken request gets a documented 4xx and changes nothing`, async () => {
      const property = fc.asyncProperty(fuzzCases(target, credentials), async (fuzzCase) => {
        const faults = requestFaults(target, fuzzCase.request, credentials);
        fc.pre(faults.length > 0); // a mutation that happens to be valid is not sent
        const wrong = judgeAnswer(target, fuzzCase, faults, await send(fuzzCase), validators[api]);
        if ((await storeState().catch(() => undefined))?.state !== baseline.state) {
          await restore();
          wrong.push('the stored data changed');
        }
        if (wrong.length > 0) throw new Error(wrong.join('\n'));
      });
      try {
        await fc.assert(property, { seed, numRuns: runs, path: replayPath, interruptAfterTimeLimit: 20_000 });
      } catch (error) {
        throw new Error(`Fuzzing ${operationId} failed (FUZZ_SEED=${seed}; replay with the seed and path below: FUZZ_SEED=${seed} FUZZ_PATH=<path> npx vitest run test/fuzz.test.ts -t ${operationId})\n${(error as Error).message}`, { cause: error });
      }
    });
  }
});

it('leaves the seeded data as it was, as the admin export and the main API show it', async () => {
  expect((await storeState()).state).toBe(baseline.state);
  expect(await mainLists(client, credentials.token)).toEqual(baseline.lists);
});
