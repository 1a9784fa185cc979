// The record collections the Records view shows, each named by the operations of the main document that serve it.
import type { Documents, Schema } from '../spec/documents.js';

export interface CollectionView {
  key: string;
  label: string;
  singular: string;
  list: string;
  get: string;
  upsert: string;
  remove: string;
  /** The id property. */
  id: string;
  /** Audit operations take a bearer token, the others the API key. */
  bearer: boolean;
}

export const collections: CollectionView[] = [
  { key: 'customers', label: 'Customers', singular: 'customer', list: 'listCustomers', get: 'getCustomer', upsert: 'upsertCustomer', remove: 'deleteCustomer', id: 'customerId', bearer: false },
  { key: 'installations', label: 'Installations', singular: 'installation', list: 'listInstallations', get: 'getInstallation', upsert: 'upsertInstallation', remove: 'deleteInstallation', id: 'installationId', bearer: false },
  { key: 'audits', label: 'Audits', singular: 'audit', list: 'listAudits', get: 'getAudit', upsert: 'upsertAudit', remove: 'deleteAudit', id: 'auditId', bearer: true },
];

/** The table's columns: the id, the upsert schema's other required plain values (four at most), and the version. */
export function columnsOf(documents: Documents, collection: CollectionView): string[] {
  const schema = documents.main.requestSchema(collection.upsert);
  const plain = (property: Schema | undefined) => {
    const type = documents.main.resolve(property).type;
    return ['string', 'integer', 'number', 'boolean'].includes(Array.isArray(type) ? (type.find((t) => t !== 'null') ?? '') : (type ?? ''));
  };
  const required = (schema.required ?? []).filter((name) => name !== collection.id && plain(schema.properties?.[name])).slice(0, 4);
  return [collection.id, ...required, 'version'];
}

/** A path template of the document filled with the id, such as /customers/CUST-1. */
export function pathWith(template: string, id: string): string {
  return template.replace(/\{[^}]+\}/, encodeURIComponent(id));
}
