// Customers: upsert, get, delete, list. Function names are the spec's operationIds.
import { ApiError } from '../errors/api-error.js';
import { catalogue } from '../errors/catalogue.js';
import type { SchemaCustomerUpsert } from '../generated/cubit-core.js';
import type { OperationContext, OperationResult } from './handler.js';
import { refuseIfDependents } from './dependents.js';
import { paging } from './paging.js';
import { nextVersion } from './resource-versioning.js';
import { storeUpsert } from './upsert.js';

const customers = 'customers';

const notFound = (): ApiError => new ApiError(catalogue.customerNotFound, 'No customer with this customerId exists in this environment.');

export function upsertCustomer(context: OperationContext): Promise<OperationResult> {
  const { environment, body, store, now } = context;
  const customer = body as SchemaCustomerUpsert;
  const existing = store.get(environment, customers, customer.customerId);
  const next = nextVersion(existing?.fields(), { ...customer }, now());
  return storeUpsert(context, { collection: customers, id: customer.customerId, existing, next });
}

export function getCustomer({ environment, params, store }: OperationContext): Promise<OperationResult> {
  const id = params.customerId as string;
  const customer = store.get(environment, customers, id);
  if (!customer) throw notFound();
  return Promise.resolve({ status: 200, body: customer });
}

export async function deleteCustomer({ environment, params, store }: OperationContext): Promise<OperationResult> {
  const id = params.customerId as string;
  if (!store.get(environment, customers, id)) throw notFound();
  refuseIfDependents(store, environment, {
    collection: 'installations',
    where: { customerId: id },
    idField: 'installationId',
    noun: ['installation', 'installations'],
    owner: 'customer',
    problem: catalogue.customerHasInstallations,
  });
  await store.delete(environment, customers, id);
  return { status: 204 };
}

export function listCustomers({ environment, query, store }: OperationContext): Promise<OperationResult> {
  const { offset, limit } = paging(query);
  const { items, total } = store.list(environment, customers, { offset, limit });
  return Promise.resolve({ status: 200, body: { items, total, limit, offset } });
}
