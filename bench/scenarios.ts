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
}

export type ScenarioId = 'ceiling' | 'getCustomer' | 'listCustomers' | 'upsertUpdate' | 'upsertCreate' | 'prismGetCustomer';

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
  setupRequest: (request) => ({ ...request, path: `${target.basePath}/customers/${customerId(spread(target.counters.read++, target.size))}` }),
});

/** An upsert of an existing customer that is always a change: the revision goes into externalReference. */
export const updateRequest = (target: Target): autocannon.Request => ({
  method: 'POST',
  path: `${target.basePath}/customers`,
  headers: { ...target.headers, ...json },
  setupRequest: (request) => {
    const revision = target.counters.revision++;
    const body = { ...customerBody(revision % target.size), externalReference: `REV-${target.runTag}-${revision}` };
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

export const scenarios: Record<ScenarioId, Scenario> = {
  ceiling: {
    id: 'ceiling',
    label: 'ceiling: bare Fastify GET /',
    expectedStatus: [200],
    requests: (target) => [{ method: 'GET', path: `${target.basePath}/` }],
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
};

/** The scenarios run against the mock, in the order of a round. Creates come last: they grow the data set. */
export const mockScenarioOrder: readonly ScenarioId[] = ['getCustomer', 'listCustomers', 'upsertUpdate', 'upsertCreate'];
