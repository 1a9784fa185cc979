// What each scenario sends. Paths are relative to the server's base path ('' for the ceiling and Prism,
// '/test' for the mock). Every request is built per call, so ids cycle over the data set, every update
// is a real change and every create uses a fresh id.
import type autocannon from 'autocannon';
import { customerBody, customerId } from './seed.js';

/** What a scenario needs to know about the server it runs against. Counters live as long as the server. */
export interface Target {
  basePath: string;
  headers: Record<string, string>;
  /** Customers seeded into the server. */
  size: number;
  /** Monotonic counters, shared by every scenario run against this server process. */
  counters: { read: number; revision: number; created: number };
  /** Distinguishes the ids this benchmark run creates. */
  runTag: string;
  /** The audit flow's scenario: a bearer token, and audits each connection takes one of (see audit-flow-load.ts). */
  audits?: AuditPool;
  /** The admin API's key header, for the journal's scenarios. */
  adminHeaders?: Record<string, string>;
  /** The id of the i-th customer, when the data set is not the bench's own (seed.ts), e.g. the fixture generator's. */
  customerIdOf?: (index: number) => string;
}

/** Audits to change the status of: each connection takes one of its own, and moves it round a cycle of transitions. */
export interface AuditPool {
  bearer: string;
  free: string[];
  /** Each audit's next step in auditStatusCycle. */
  step: Map<string, number>;
}

/** After planned → in_progress, round and round: completed, rejected, in_progress (every change one the spec allows). */
export const auditStatusCycle = ['completed', 'rejected', 'in_progress'] as const;

/** The status of an audit's `step`-th change, from planned. */
export const auditStatusAt = (step: number): string => (step === 0 ? 'in_progress' : (auditStatusCycle[(step - 1) % 3] as string));

export type ScenarioId =
  | 'ceiling'
  | 'ceilingPage'
  | 'getCustomer'
  | 'listCustomers'
  | 'upsertUpdate'
  | 'upsertCreate'
  | 'prismGetCustomer'
  | 'setAuditStatus'
  | 'listRequests'
  | 'countRequests';

export interface Scenario {
  id: ScenarioId;
  label: string;
  /** Status codes a correct answer has; anything else flags the scenario. */
  expectedStatus: readonly number[];
  /** Whether the scenario adds records (its data-set size grows during the run). */
  grows?: boolean;
  requests(target: Target): autocannon.Request[];
}

const json = { 'content-type': 'application/json' };
/** Visits ids with a stride coprime to any size we use, so reads spread over the whole data set. */
const spread = (n: number, size: number) => (n * 7_919) % size;

const getCustomerRequest = (target: Target): autocannon.Request => ({
  method: 'GET',
  headers: target.headers,
  setupRequest: (request) => ({ ...request, path: `${target.basePath}/customers/${(target.customerIdOf ?? customerId)(spread(target.counters.read++, target.size))}` }),
});

/** An upsert of an existing customer that is always a change: the revision goes into externalReference. */
export const updateRequest = (target: Target): autocannon.Request => ({
  method: 'POST',
  path: `${target.basePath}/customers`,
  headers: { ...target.headers, ...json },
  setupRequest: (request) => {
    const revision = target.counters.revision++;
    const index = revision % target.size;
    const body = { ...customerBody(index), customerId: (target.customerIdOf ?? customerId)(index), externalReference: `REV-${target.runTag}-${revision}` };
    return { ...request, body: JSON.stringify(body) };
  },
});

/** An upsert of a customer id never used before. */
export const createRequest = (target: Target): autocannon.Request => ({
  method: 'POST',
  path: `${target.basePath}/customers`,
  headers: { ...target.headers, ...json },
  setupRequest: (request) => {
    const n = target.counters.created++;
    const body = { ...customerBody(n), customerId: `NEW-${target.runTag}-${n}` };
    return { ...request, body: JSON.stringify(body) };
  },
});

/** setAuditStatus on the audit this connection took from the pool (autocannon keeps a context per connection, see below). */
const statusChangeRequest = (target: Target): autocannon.Request => ({
  method: 'POST',
  headers: { ...target.headers, ...json },
  setupRequest: (request, context) => {
    const pool = target.audits;
    if (!pool) throw new Error('setAuditStatus needs an audit pool');
    const own = context as { audit?: string };
    own.audit ??= pool.free.shift();
    if (own.audit === undefined) throw new Error('the audit pool is empty: create more audits');
    const step = pool.step.get(own.audit) ?? 0;
    pool.step.set(own.audit, step + 1);
    const status = auditStatusAt(step);
    return {
      ...request,
      path: `${target.basePath}/audits/${own.audit}/status`,
      headers: { ...request.headers, authorization: `Bearer ${pool.bearer}` },
      body: JSON.stringify({ status }),
    };
  },
});

export const scenarios: Record<ScenarioId, Scenario> = {
  ceiling: {
    id: 'ceiling',
    label: 'ceiling: bare Fastify GET /',
    expectedStatus: [200],
    requests: (target) => [{ method: 'GET', path: `${target.basePath}/` }],
  },
  ceilingPage: {
    id: 'ceilingPage',
    label: 'ceiling: bare Fastify GET /page (a page of 50, as the mock sends it)',
    expectedStatus: [200],
    requests: (target) => [{ method: 'GET', path: `${target.basePath}/page` }],
  },
  getCustomer: {
    id: 'getCustomer',
    label: 'getCustomer',
    expectedStatus: [200],
    requests: (target) => [getCustomerRequest(target)],
  },
  listCustomers: {
    id: 'listCustomers',
    label: 'listCustomers (page of 50)',
    expectedStatus: [200],
    requests: (target) => [
      {
        method: 'GET',
        headers: target.headers,
        setupRequest: (request) => {
          const pages = Math.max(1, Math.floor(target.size / 50));
          const offset = spread(target.counters.read++, pages) * 50;
          return { ...request, path: `${target.basePath}/customers?limit=50&offset=${offset}` };
        },
      },
    ],
  },
  upsertUpdate: {
    id: 'upsertUpdate',
    label: 'upsertCustomer, update',
    expectedStatus: [200],
    requests: (target) => [updateRequest(target)],
  },
  upsertCreate: {
    id: 'upsertCreate',
    label: 'upsertCustomer, create',
    expectedStatus: [201],
    grows: true,
    requests: (target) => [createRequest(target)],
  },
  prismGetCustomer: {
    id: 'prismGetCustomer',
    label: 'Prism mock: getCustomer',
    expectedStatus: [200],
    requests: (target) => [getCustomerRequest(target)],
  },
  setAuditStatus: {
    id: 'setAuditStatus',
    label: 'setAuditStatus (durable, 2 outbox rows)',
    expectedStatus: [200],
    // autocannon forgets a connection's context each time it has sent the whole list: a long list keeps each
    // connection on its audit for a whole run.
    requests: (target) => Array.from({ length: 10_000 }, () => statusChangeRequest(target)),
  },
  listRequests: {
    id: 'listRequests',
    label: 'listRequests, full journal (page of 50)',
    expectedStatus: [200],
    requests: (target) => [{ method: 'GET', path: '/__admin/requests?operationId=getCustomer&limit=50', headers: target.adminHeaders ?? {} }],
  },
  countRequests: {
    id: 'countRequests',
    label: 'countRequests, full journal (body filter)',
    expectedStatus: [200],
    requests: (target) => [
      { method: 'GET', path: '/__admin/requests/count?operationId=upsertCustomer&bodyPointer=/status&bodyEquals=active', headers: target.adminHeaders ?? {} },
    ],
  },
};

/** The scenarios run against the mock, in the order of a round. Creates come last: they grow the data set. */
export const mockScenarioOrder: readonly ScenarioId[] = ['getCustomer', 'listCustomers', 'upsertUpdate', 'upsertCreate'];

/** The scenarios of the audit flow and the admin journal, measured once per round on a mock of their own. */
export const flowScenarioOrder: readonly ScenarioId[] = ['setAuditStatus', 'listRequests', 'countRequests'];
