// Installations: upsert, get, delete, list. Function names are the spec's operationIds.
import { ApiError } from '../errors/api-error.js';
import { catalogue } from '../errors/catalogue.js';
import type { SchemaInstallationUpsert } from '../generated/cubit-core.js';
import type { OperationContext, OperationResult } from './handler.js';
import { refuseIfDependents } from './dependents.js';
import { paging } from './paging.js';
import { nextVersion } from './resource-versioning.js';
import { storeUpsert } from './upsert.js';

const installations = 'installations';

const notFound = (): ApiError => new ApiError(catalogue.installationNotFound, 'No installation with this installationId exists in this environment.');

export function upsertInstallation(context: OperationContext): Promise<OperationResult> {
  const { environment, body, store, now } = context;
  const installation = body as SchemaInstallationUpsert;
  if (!store.get(environment, 'customers', installation.customerId)) {
    throw new ApiError(catalogue.unknownCustomer, `No customer with id ${installation.customerId} exists in this environment; create it first.`);
  }
  const existing = store.get(environment, installations, installation.installationId);
  const stored = existing?.fields();
  const next = nextVersion(stored, { ...installation }, now(), { lastAuditDate: stored?.lastAuditDate ?? null });
  return storeUpsert(context, { collection: installations, id: installation.installationId, existing, next });
}

export function getInstallation({ environment, params, store }: OperationContext): Promise<OperationResult> {
  const id = params.installationId as string;
  const installation = store.get(environment, installations, id);
  if (!installation) throw notFound();
  return Promise.resolve({ status: 200, body: installation });
}

export async function deleteInstallation({ environment, params, store }: OperationContext): Promise<OperationResult> {
  const id = params.installationId as string;
  if (!store.get(environment, installations, id)) throw notFound();
  refuseIfDependents(store, environment, {
    collection: 'audits',
    where: { installationId: id },
    idField: 'auditId',
    noun: ['audit', 'audits'],
    owner: 'installation',
    problem: catalogue.installationHasAudits,
  });
  await store.delete(environment, installations, id);
  return { status: 204 };
}

export function listInstallations({ environment, query, store }: OperationContext): Promise<OperationResult> {
  const { offset, limit } = paging(query);
  const customerId = query.customerId as string | undefined;
  const where = customerId === undefined ? undefined : { customerId };
  const { items, total } = store.list(environment, installations, { where, offset, limit });
  return Promise.resolve({ status: 200, body: { items, total, limit, offset } });
}
