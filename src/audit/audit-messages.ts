// The two messages a status change sends: a save-case for the Archive (a Noark 5 case with a registry entry
// and the audit report as its document) and a notification for Lantern. Their shapes are the spec's webhooks
// archiveSaveCase and lanternNotification; the audit service checks each against its schema before storing it.
import type { RecordFields } from '../store/stored-record.js';

export interface StatusChange {
  changeId: string;
  auditId: string;
  from: string;
  to: string;
  changedAt: string;
  changedBy: string;
  comment?: string;
}

export interface MessageContext {
  environment: string;
  change: StatusChange;
  /** The audit as stored after the change. */
  audit: RecordFields;
  installation: RecordFields | undefined;
  customer: RecordFields | undefined;
}

/** Noark 5 case status (saksstatus) for each audit status: R reserved, B being handled, A closed, U void. */
const caseStatus: Record<string, string> = { planned: 'R', in_progress: 'B', completed: 'B', rejected: 'B', approved: 'A', cancelled: 'U' };

const text = (value: unknown, fallback: string): string => (typeof value === 'string' && value !== '' ? value : fallback);
const clip = (value: string, max: number): string => (value.length <= max ? value : `${value.slice(0, max - 1)}…`);

export function saveCaseMessage(messageId: string, { environment, change, audit, installation, customer }: MessageContext): RecordFields {
  const installationId = text(audit.installationId, '');
  const customerId = text(installation?.customerId, '');
  const party: RecordFields = { role: 'customer', customerId, name: clip(text(customer?.name, customerId), 200) };
  if (typeof customer?.organizationNumber === 'string') party.organizationNumber = customer.organizationNumber;
  const registryEntry: RecordFields = {
    title: clip(`Audit ${change.auditId}: ${change.from} to ${change.to}`, 200),
    type: 'X',
    date: change.changedAt.slice(0, 10),
    changedBy: change.changedBy,
  };
  if (change.comment !== undefined) registryEntry.comment = change.comment;
  registryEntry.document = {
    title: clip(`Audit report ${change.auditId}`, 200),
    mediaType: 'application/pdf',
    reference: text(audit.reportUrl, `urn:cubit:audit-report:${change.auditId}`),
  };
  return {
    messageId,
    correlationId: change.changeId,
    environment,
    occurredAt: change.changedAt,
    case: {
      externalId: `cubit-core:${environment}:audit:${change.auditId}`,
      title: clip(text(audit.title, `Audit ${change.auditId}`), 200),
      status: caseStatus[change.to] ?? 'B',
      classification: { scheme: 'installation', value: installationId, title: clip(text(installation?.name, installationId), 200) },
      parties: [party],
      responsibleUnit: { code: 'AUDIT', name: 'Cubit Core audit service' },
    },
    registryEntry,
  };
}

/** Who Lantern tells: the contact person by email, else the customer's email, else its phone by SMS, else its portal inbox. */
function recipientOf(customer: RecordFields | undefined, customerId: string): RecordFields {
  const contact = customer?.contactPerson as { name?: string; email?: string } | undefined;
  const name = clip(text(contact?.name, text(customer?.name, customerId)), 200);
  if (typeof contact?.email === 'string') return { customerId, name, channel: 'email', address: contact.email };
  if (typeof customer?.email === 'string') return { customerId, name, channel: 'email', address: customer.email };
  if (typeof customer?.phone === 'string') return { customerId, name, channel: 'sms', address: customer.phone };
  return { customerId, name, channel: 'portal', address: customerId };
}

export function notificationMessage(messageId: string, { environment, change, audit, installation, customer }: MessageContext): RecordFields {
  const installationId = text(audit.installationId, '');
  const customerId = text(installation?.customerId, '');
  const installationName = text(installation?.name, installationId);
  return {
    messageId,
    correlationId: change.changeId,
    environment,
    occurredAt: change.changedAt,
    event: 'audit.status_changed',
    recipient: recipientOf(customer, customerId),
    subject: clip(`Audit ${change.auditId} is now ${change.to}`, 200),
    text: clip(`The audit "${text(audit.title, change.auditId)}" of ${installationName} changed from ${change.from} to ${change.to}.`, 2000),
    audit: { auditId: change.auditId, installationId, from: change.from, to: change.to, changedBy: change.changedBy },
  };
}
