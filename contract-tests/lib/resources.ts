// Resources derived from the spec's paths, not from a hand-kept list. A resource is a collection path with a
// POST whose body carries the caller's id (`POST /customers` with `customerId`), and an item path named by
// that id (`/customers/{customerId}`). A body field named like another resource's id is a reference to it
// (an installation's `customerId`), which gives the order in which resources must be created.
import { type SpecModel, type SpecOperation, successStatuses } from './spec-model.js';

export interface Reference {
  /** The body field that names the other resource, e.g. `customerId`. */
  field: string;
  resource: string;
}

export interface Resource {
  /** The collection's last path segment, e.g. `customers`. */
  name: string;
  collectionPath: string;
  itemPath: string;
  /** The id: the item path's parameter and the body property of the same name. */
  idField: string;
  upsert: SpecOperation;
  get: SpecOperation | undefined;
  delete: SpecOperation | undefined;
  list: SpecOperation | undefined;
  /** The array property of the list response that holds the items. */
  listItemsField: string | undefined;
  references: Reference[];
  /** Status of a POST that creates: the 2xx that documents a Location header, else the lowest 2xx. */
  createdStatus: number;
  /** Status of a POST that replaces an existing resource, when the spec documents a second 2xx. */
  updatedStatus: number | undefined;
}

export interface ResourceModel {
  /** Resources in creation order: a resource comes after every resource it references. */
  resources: Resource[];
  byName(name: string): Resource;
  /** The resource whose id a path or body field of this name holds, if any. */
  byIdField(field: string): Resource | undefined;
  /** The resource created by this operation (its upsert), if any. */
  createdBy(operationId: string): Resource | undefined;
}

const pathParameter = /^\{([^}]+)\}$/;

function findOperation(model: SpecModel, method: string, path: string): SpecOperation | undefined {
  return model.operations.find((op) => op.method === method && op.path === path);
}

function arrayProperty(schema: unknown): string | undefined {
  const properties = (schema as { properties?: Record<string, { type?: unknown }> } | undefined)?.properties ?? {};
  return Object.entries(properties).find(([, property]) => property.type === 'array')?.[0];
}

function deriveResource(model: SpecModel, upsert: SpecOperation): Omit<Resource, 'references'> | undefined {
  const properties = Object.keys((upsert.body?.requestSchema.properties ?? {}));
  for (const candidate of model.operations) {
    const rest = candidate.path.startsWith(`${upsert.path}/`) ? candidate.path.slice(upsert.path.length + 1) : '';
    const idField = pathParameter.exec(rest)?.[1];
    if (!idField || !properties.includes(idField)) continue;
    const successes = successStatuses(upsert);
    const created = upsert.responses.find((r) => /^2\d\d$/.test(r.status) && r.requiredHeaders.includes('location'));
    const createdStatus = created ? Number(created.status) : Math.min(...successes);
    const list = findOperation(model, 'GET', upsert.path);
    return {
      name: upsert.path.split('/').pop() ?? upsert.path,
      collectionPath: upsert.path,
      itemPath: candidate.path,
      idField,
      upsert,
      get: findOperation(model, 'GET', candidate.path),
      delete: findOperation(model, 'DELETE', candidate.path),
      list,
      listItemsField: arrayProperty(list?.responses.find((r) => r.status === '200')?.schema),
      createdStatus,
      updatedStatus: successes.find((status) => status !== createdStatus),
    };
  }
  return undefined;
}

function creationOrder(resources: Resource[]): Resource[] {
  const ordered: Resource[] = [];
  const visiting = new Set<string>();
  const visit = (resource: Resource): void => {
    if (ordered.includes(resource)) return;
    if (visiting.has(resource.name)) throw new Error(`The resources reference each other in a cycle through ${resource.name}`);
    visiting.add(resource.name);
    for (const reference of resource.references) visit(resources.find((r) => r.name === reference.resource) as Resource);
    visiting.delete(resource.name);
    ordered.push(resource);
  };
  resources.forEach(visit);
  return ordered;
}

export function deriveResources(model: SpecModel): ResourceModel {
  const partial = model.operations
    .filter((op) => op.method === 'POST' && op.body && !op.path.includes('{'))
    .map((op) => deriveResource(model, op))
    .filter((resource) => resource !== undefined);
  const resources = partial.map((resource) => {
    const fields = Object.keys((resource.upsert.body?.requestSchema.properties ?? {}));
    const references = partial
      .filter((other) => other !== resource && fields.includes(other.idField))
      .map((other) => ({ field: other.idField, resource: other.name }));
    return { ...resource, references };
  });
  const ordered = creationOrder(resources);
  return {
    resources: ordered,
    byName(name) {
      const found = ordered.find((r) => r.name === name);
      if (!found) throw new Error(`No resource named ${name}`);
      return found;
    },
    byIdField: (field) => ordered.find((r) => r.idField === field),
    createdBy: (operationId) => ordered.find((r) => r.upsert.operationId === operationId),
  };
}

/** Resources that reference this one: they must be deleted before it. */
export const dependentsOf = (model: ResourceModel, resource: Resource): Resource[] =>
  model.resources.filter((other) => other.references.some((reference) => reference.resource === resource.name));
