// The delivery ledger kept in the store: each attempt is a `deliveries` record, and the message's outbox row
// carries its delivery count and state. Both are written in one transaction, so they never disagree.
import type { Store } from '../store/store.js';
import type { DeliveryLedger, SettledAttempt } from './delivery-ledger.js';
import { type DeliveryAttempt, type OutboxRow, attemptId, deliveriesCollection, outboxCollection } from './outbox.js';

export class StoreLedger implements DeliveryLedger {
  constructor(private readonly store: Store) {}

  async settle(attempt: SettledAttempt): Promise<void> {
    const { environment, messageId } = attempt;
    const stored = this.store.get(environment, outboxCollection, messageId);
    // The environment was reset or replaced meanwhile: there is nothing left to settle.
    if (!stored) return;
    const row = stored.fields() as unknown as OutboxRow;
    const finishedAt = attempt.finishedAt.toISOString();
    const next: OutboxRow = {
      ...row,
      deliveryCount: attempt.attempt,
      state: attempt.outcome === 'delivered' ? 'delivered' : attempt.outcome === 'dead-lettered' ? 'dead-lettered' : 'pending',
      nextAttemptAt: attempt.nextAttemptAt?.toISOString() ?? null,
      lastError: attempt.error,
      deliveredAt: attempt.outcome === 'delivered' ? finishedAt : row.deliveredAt,
      deadLetteredAt: attempt.outcome === 'dead-lettered' ? finishedAt : null,
      deadLetterReason: attempt.deadLetterReason,
    };
    const record: DeliveryAttempt = {
      messageId,
      correlationId: row.correlationId,
      subscription: row.subscription,
      replay: row.replayCount,
      attempt: attempt.attempt,
      startedAt: attempt.startedAt.toISOString(),
      finishedAt,
      outcome: attempt.outcome,
      error: attempt.error,
    };
    await this.store.transact([
      { environment, collection: outboxCollection, id: messageId, fields: { ...next } },
      { environment, collection: deliveriesCollection, id: attemptId(messageId, row.replayCount, attempt.attempt), fields: { ...record } },
    ]);
  }
}
