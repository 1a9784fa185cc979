// The collections the handlers keep, and the fields they look records up by (installations by customer, audits by
// installation, history by audit, outbox rows by state, delivery attempts by message), for the store that app.ts and
// the offline data commands open.
export const collections = ['customers', 'installations', 'audits', 'audit-history', 'outbox', 'deliveries', 'archive-cases', 'lantern-notifications'] as const;

export const indexedFields = {
  installations: ['customerId'],
  audits: ['installationId'],
  'audit-history': ['auditId'],
  outbox: ['state', 'correlationId'],
  deliveries: ['messageId'],
};
