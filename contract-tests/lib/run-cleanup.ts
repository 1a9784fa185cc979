// Deletes everything the run created, failures included: first every id the tests recorded as created, then
// anything else in the run's namespace that the list operations show. Dependents go before what they reference.
// Plain HTTP, no judging: this runs in the global teardown, after the tests.
import type { ContractTarget } from './contract-target.js';
import { listItems } from './list-pages.js';
import { expandPath } from './contract-client.js';
import type { Resource, ResourceModel } from './resources.js';
import type { RunNamespace } from './run-namespace.js';

export interface CleanupResult {
  /** Resources the tests recorded as created. */
  created: number;
  /** Resources found still present at the end and deleted. */
  deleted: string[];
  /** Resources that could not be deleted, or that read-only mode found and left. */
  left: string[];
}

async function call(target: ContractTarget, resource: Resource, method: string, path: string): Promise<Response> {
  const headers: Record<string, string> = {};
  for (const header of resource.upsert.apiKeyHeaders) headers[header] = target.apiKey;
  if (resource.upsert.bearer && target.bearerToken !== undefined) headers.authorization = `Bearer ${target.bearerToken}`;
  return fetch(`${target.baseUrl}${path}`, { method, headers });
}

async function namespacedIds(target: ContractTarget, resource: Resource, namespace: RunNamespace): Promise<string[]> {
  if (!resource.list || !resource.listItemsField) return [];
  const ids: string[] = [];
  const fetchPage = async (query: Record<string, string>) => {
    const response = await call(target, resource, 'GET', `${resource.collectionPath}?${new URLSearchParams(query).toString()}`);
    return response.ok ? ((await response.json())) : undefined;
  };
  for await (const item of listItems(resource.list, resource.listItemsField, fetchPage)) {
    const id = item[resource.idField];
    if (namespace.owns(id)) ids.push(id as string);
  }
  return ids;
}

export async function cleanUpRun(target: ContractTarget, model: ResourceModel, namespace: RunNamespace, recorded: { resource: string; id: string }[]): Promise<CleanupResult> {
  const result: CleanupResult = { created: new Set(recorded.map((r) => `${r.resource}/${r.id}`)).size, deleted: [], left: [] };
  for (const resource of [...model.resources].reverse()) {
    const ids = new Set(recorded.filter((r) => r.resource === resource.name).map((r) => r.id));
    // Read-only mode created nothing: it does not page through a production list looking for leftovers.
    if (target.writesAllowed) {
      try {
        for (const id of await namespacedIds(target, resource, namespace)) ids.add(id);
      } catch (error) {
        result.left.push(`${resource.name}: listing failed (${(error as Error).message})`);
      }
    }
    for (const id of ids) {
      if (!namespace.owns(id)) continue;
      const label = `${resource.name}/${id}`;
      if (!resource.delete) {
        result.left.push(`${label} (the spec has no delete operation)`);
        continue;
      }
      const path = expandPath(resource.itemPath, { [resource.idField]: id });
      if (!target.writesAllowed) {
        const exists = await call(target, resource, 'GET', path).catch(() => undefined);
        if (exists?.ok) result.left.push(`${label} (read-only mode: not deleted)`);
        continue;
      }
      const response = await call(target, resource, 'DELETE', path).catch((error: Error) => error);
      if (response instanceof Error) result.left.push(`${label} (${response.message})`);
      else if (response.ok) result.deleted.push(label);
      else if (response.status !== 404) result.left.push(`${label} (DELETE answered ${response.status})`);
    }
  }
  return result;
}
