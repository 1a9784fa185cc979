// The audit service's SetStatus, as one store transaction: check the transition (and If-Match), set the status,
// append the history entry, set the installation's lastAuditDate on completion, store the Archive and Lantern
// messages in the outbox, commit. Everything up to the commit happens in one tick, so two changes of one audit
// are serialised: the second is judged against the status the first set. Only after the commit is the bus told.
import { randomUUID } from 'node:crypto';
import { ApiError, type Violation } from '../errors/api-error.js';
import { catalogue } from '../errors/catalogue.js';
import { type OutboxRow, auditTopic, outboxCollection, subscriptions } from '../bus/outbox.js';
import type { RecordChange, Store } from '../store/store.js';
import type { RecordFields, StoredRecord } from '../store/stored-record.js';
import { type StatusChange, notificationMessage, saveCaseMessage } from './audit-messages.js';
import { type TransitionTable, isAllowed } from './transitions.js';

export const auditsCollection = 'audits';
/**
 * History entries: `<auditId>_<number of the entry, from 1, 9 digits>`, so that among one audit's entries id order
 * is commit order (the fixed width keeps the id unique even when an auditId itself ends in `_` and digits).
 */
export const historyCollection = 'audit-history';
export const historyId = (auditId: string, entry: number): string => `${auditId}_${String(entry).padStart(9, '0')}`;

export interface AuditServiceOptions {
  table: TransitionTable;
  /** Checks a message against its webhook's request body schema (by the webhook's operationId). */
  validateMessage: (webhook: string, message: unknown) => Violation[];
  /** Attempts before a message is dead-lettered. */
  maxDeliveryCount: number;
  /** Told of the outbox rows a change stored, once it is durable. */
  committed: (environment: string, rows: OutboxRow[]) => void;
  newId?: () => string;
}

export interface StatusChangeRequest {
  environment: string;
  auditId: string;
  status: string;
  comment?: string;
  /** Who asks: the bearer token's subject. */
  changedBy: string;
  /** The If-Match header, when sent: `"<version>"` or `*`. */
  ifMatch?: string;
  now: Date;
}

const notFound = (): ApiError => new ApiError(catalogue.auditNotFound, 'No audit with this auditId exists in this environment.');

export class AuditService {
  private readonly newId: () => string;

  constructor(private readonly options: AuditServiceOptions) {
    this.newId = options.newId ?? randomUUID;
  }

  get table(): TransitionTable {
    return this.options.table;
  }

  /**
   * Runs on the store of the request's work (`Store.answer`), so that the work counts as a write: its answer waits
   * for its own commit, and is not run again when a change after it fails.
   */
  async setStatus(store: Store, request: StatusChangeRequest): Promise<StoredRecord> {
    const { environment, auditId, status: to, changedBy, now } = request;
    const stored = store.get(environment, auditsCollection, auditId);
    if (!stored) throw notFound();
    const audit = stored.fields();
    const version = audit.version as number;
    if (request.ifMatch !== undefined && request.ifMatch !== '*' && request.ifMatch !== `"${version}"`) {
      throw new ApiError(catalogue.versionMismatch, `If-Match names version ${request.ifMatch.replace(/"/g, '')}, but the audit is at version ${version}.`);
    }
    const from = audit.status as string;
    const { table } = this.options;
    if (!isAllowed(table, from, to)) {
      const allowed = table.allowed[from] ?? [];
      const choices = allowed.length === 0 ? `${from} is final: it changes no more` : `from ${from} it can go to ${allowed.join(' or ')}`;
      throw new ApiError(catalogue.transitionNotAllowed, `An audit cannot go from ${from} to ${to}; ${choices}.`, { transition: { from, to, allowed } });
    }

    const changedAt = now.toISOString();
    const change: StatusChange = { changeId: this.newId(), auditId, from, to, changedAt, changedBy };
    if (request.comment !== undefined) change.comment = request.comment;
    const next: RecordFields = { ...audit, status: to, statusChangedAt: changedAt, updatedAt: changedAt, version: version + 1 };
    const installationId = audit.installationId as string;
    const installation = store.get(environment, 'installations', installationId)?.fields();
    const customer = typeof installation?.customerId === 'string' ? store.get(environment, 'customers', installation.customerId)?.fields() : undefined;
    const changes: RecordChange[] = [
      { environment, collection: auditsCollection, id: auditId, fields: next },
      { environment, collection: historyCollection, id: historyId(auditId, store.count(environment, historyCollection, { auditId }) + 1), fields: { ...change } },
    ];
    if (to === table.setsLastAuditDate && installation) {
      const updated = { ...installation, lastAuditDate: changedAt.slice(0, 10), updatedAt: changedAt, version: (installation.version as number) + 1 };
      changes.push({ environment, collection: 'installations', id: installationId, fields: updated });
    }
    const context = { environment, change, audit: next, installation, customer };
    const rows: OutboxRow[] = [
      this.outboxRow('archive', saveCaseMessage(this.newId(), context), change),
      this.outboxRow('lantern', notificationMessage(this.newId(), context), change),
    ];
    for (const row of rows) changes.push({ environment, collection: outboxCollection, id: row.messageId, fields: { ...row } });

    const [record] = await store.transact(changes);
    this.options.committed(environment, rows);
    return record as StoredRecord;
  }

  /** An outbox row for one subscription, after checking the message against its webhook's schema. */
  private outboxRow(subscription: keyof typeof subscriptions, body: RecordFields, change: StatusChange): OutboxRow {
    const { subject, webhook } = subscriptions[subscription];
    const violations = this.options.validateMessage(webhook, body);
    // A message the mock builds that breaks its own contract is the mock's fault: a 500, and nothing is stored.
    if (violations.length > 0) throw new Error(`the ${webhook} message breaks its schema: ${violations.map((v) => `${v.pointer} ${v.message}`).join('; ')}`);
    return {
      messageId: body.messageId as string,
      correlationId: change.changeId,
      topic: auditTopic,
      subscription,
      subject,
      auditId: change.auditId,
      enqueuedAt: change.changedAt,
      body,
      state: 'pending',
      deliveryCount: 0,
      maxDeliveryCount: this.options.maxDeliveryCount,
      replayCount: 0,
      nextAttemptAt: null,
      lastError: null,
      deliveredAt: null,
      deadLetteredAt: null,
      deadLetterReason: null,
    };
  }
}
