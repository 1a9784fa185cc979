// One test's own data: example bodies with their ids moved into the run's namespace (the same example id always
// maps to the same new id within a scenario), and the resources those bodies reference, created first.
import type { ContractClient, ContractResponse } from './contract-client.js';
import type { Resource, ResourceModel } from './resources.js';
import type { RunNamespace } from './run-namespace.js';
import { exampleValues } from './valid-bodies.js';

export interface Created {
  id: string;
  body: Record<string, unknown>;
  response: ContractResponse;
}

export class Scenario {
  /** Example id → the id this scenario uses for it. */
  private readonly ids = new Map<string, string>();
  private readonly existing = new Set<string>();

  constructor(
    private readonly client: ContractClient,
    private readonly model: ResourceModel,
    private readonly namespace: RunNamespace,
  ) {}

  /** The namespaced id standing for an id used in the spec's examples. */
  idFor(exampleId: string): string {
    let id = this.ids.get(exampleId);
    if (!id) {
      id = this.namespace.id(exampleId);
      this.ids.set(exampleId, id);
    }
    return id;
  }

  /** A fresh namespaced id that no example uses: for a resource that must not exist. */
  freshId(label: string): string {
    return this.namespace.id(label);
  }

  /** A body with every top-level field that holds a resource id (its own and its references) rewritten. */
  rewrite(body: Record<string, unknown>): Record<string, unknown> {
    const out = structuredClone(body);
    for (const [field, value] of Object.entries(out)) {
      if (typeof value === 'string' && this.model.byIdField(field)) out[field] = this.idFor(value);
    }
    return out;
  }

  /** Example `index` of the resource's upsert (the last one if there are fewer), rewritten. */
  exampleBody(resource: Resource, index = 0): Record<string, unknown> {
    const values = exampleValues(resource.upsert.body as NonNullable<Resource['upsert']['body']>);
    return this.rewrite(values[Math.min(index, values.length - 1)] as Record<string, unknown>);
  }

  /** Creates, from their first examples, the resources that the body references and that do not exist yet. */
  async createReferences(resource: Resource, body: Record<string, unknown>): Promise<void> {
    for (const reference of resource.references) {
      const id = body[reference.field];
      if (typeof id !== 'string' || this.existing.has(id)) continue;
      const target = this.model.byName(reference.resource);
      const referenced = { ...this.exampleBody(target), [target.idField]: id };
      await this.createReferences(target, referenced);
      await this.client.send({ operation: target.upsert, body: referenced }, { status: target.createdStatus });
      this.existing.add(id);
    }
  }

  /** The id of an item of the resource that exists in this scenario: one referenced or created before, or a new one. */
  async ensure(resource: Resource): Promise<string> {
    const own = this.exampleBody(resource)[resource.idField] as string;
    if (!this.existing.has(own)) await this.create(resource);
    return own;
  }

  /** Creates the resource from example `index`, after what it references. */
  async create(resource: Resource, index = 0): Promise<Created> {
    const body = this.exampleBody(resource, index);
    await this.createReferences(resource, body);
    const response = await this.client.send({ operation: resource.upsert, body }, { status: resource.createdStatus });
    const id = body[resource.idField] as string;
    this.existing.add(id);
    return { id, body, response };
  }
}
