// The relay between the outbox and the bus. At start it publishes every committed row not yet delivered (after a
// crash, the messages of changes whose publication the crash cut off); after each commit it publishes the
// change's rows; on request it resubmits a dead-lettered message.
import type { Store } from '../store/store.js';
import { type OutboxRow, outboxCollection } from './outbox.js';
import type { BusMessage, ServiceBus } from './service-bus.js';

export function busMessageOf(environment: string, row: OutboxRow): BusMessage {
  const message: BusMessage = {
    messageId: row.messageId,
    correlationId: row.correlationId,
    subject: row.subject,
    environment,
    body: row.body,
    generation: row.replayCount,
    deliveryCount: row.deliveryCount,
    maxDeliveryCount: row.maxDeliveryCount,
  };
  if (row.nextAttemptAt !== null) message.notBefore = Date.parse(row.nextAttemptAt);
  return message;
}

/** What replay answers: the row resubmitted, or why not. */
export type ReplayResult = { replayed: OutboxRow } | { notFound: true } | { notDeadLettered: OutboxRow };

export class OutboxRelay {
  constructor(
    private readonly store: Store,
    private readonly bus: ServiceBus,
    private readonly environments: readonly string[],
  ) {}

  /** Publishes every pending row of every environment; returns how many. */
  start(): number {
    let published = 0;
    for (const environment of this.environments) {
      const { items } = this.store.list(environment, outboxCollection, { where: { state: 'pending' }, offset: 0, limit: Number.MAX_SAFE_INTEGER });
      const messages = items.map((record) => busMessageOf(environment, record.fields() as unknown as OutboxRow));
      this.bus.publish(messages);
      published += messages.length;
    }
    return published;
  }

  committed(environment: string, rows: readonly OutboxRow[]): void {
    this.bus.publish(rows.map((row) => busMessageOf(environment, row)));
  }

  /**
   * Resubmits a dead-lettered message with the same message id (so a consumer that saw it once still acts once)
   * and its delivery count back at 0. The resubmission is durable before it is published.
   */
  async replay(environment: string, messageId: string): Promise<ReplayResult> {
    const stored = this.store.get(environment, outboxCollection, messageId);
    if (!stored) return { notFound: true };
    const row = stored.fields() as unknown as OutboxRow;
    if (row.state !== 'dead-lettered') return { notDeadLettered: row };
    const next: OutboxRow = { ...row, state: 'pending', deliveryCount: 0, replayCount: row.replayCount + 1, nextAttemptAt: null, deadLetteredAt: null, deadLetterReason: null };
    await this.store.put(environment, outboxCollection, messageId, { ...next });
    this.bus.publish([busMessageOf(environment, next)]);
    return { replayed: next };
  }
}
