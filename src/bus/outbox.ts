// The transactional outbox: a message the audit service stores in the same transaction as the change that caused
// it, and the bus delivers after the commit. The row is the message's durable state: its delivery count, its
// outcome, and (once dead-lettered) why.
export const outboxCollection = 'outbox';
/** Every delivery attempt, with its outcome: `<messageId>_<replays before it, 3 digits>_<attempt, 3 digits>`. */
export const deliveriesCollection = 'deliveries';

/** The topic the audit service publishes on, and its subscriptions (one per consumer), each taking one subject. */
export const auditTopic = 'audit-status';
export const subscriptions = {
  archive: { subject: 'SaveCase', webhook: 'archiveSaveCase' },
  lantern: { subject: 'StatusChanged', webhook: 'lanternNotification' },
} as const;
export type SubscriptionName = keyof typeof subscriptions;
export const subscriptionNames = Object.keys(subscriptions) as SubscriptionName[];

export type OutboxState = 'pending' | 'delivered' | 'dead-lettered';

/** An outbox row, as stored (and as the admin API's listOutboxMessages shows it). */
export interface OutboxRow {
  messageId: string;
  correlationId: string;
  topic: string;
  subscription: SubscriptionName;
  subject: string;
  /** The audit whose change sent it. */
  auditId: string;
  enqueuedAt: string;
  /** The message, valid against its webhook's request body schema. */
  body: Record<string, unknown>;
  state: OutboxState;
  deliveryCount: number;
  maxDeliveryCount: number;
  /** How often the message was resubmitted from the dead-letter queue (each time with its delivery count back at 0). */
  replayCount: number;
  /** When the next attempt is due, while pending after a failure. */
  nextAttemptAt: string | null;
  lastError: string | null;
  deliveredAt: string | null;
  deadLetteredAt: string | null;
  deadLetterReason: string | null;
}

/** A delivery attempt, as stored (listDeliveries). */
export interface DeliveryAttempt {
  messageId: string;
  correlationId: string;
  subscription: SubscriptionName;
  /** The resubmission it belongs to: 0 before any replay. */
  replay: number;
  attempt: number;
  startedAt: string;
  finishedAt: string;
  outcome: 'delivered' | 'failed' | 'dead-lettered';
  error: string | null;
}

export const attemptId = (messageId: string, replay: number, attempt: number): string => `${messageId}_${String(replay).padStart(3, '0')}_${String(attempt).padStart(3, '0')}`;
