// Where the bus records what happened to each delivery, durably: the outcome of every attempt, and so each
// message's delivery count and state. Backed by the store (store-ledger.ts), in the same data file as the
// changes that sent the messages.

export type AttemptOutcome = 'delivered' | 'failed' | 'dead-lettered';

export interface SettledAttempt {
  environment: string;
  messageId: string;
  subscription: string;
  /** 1 for the first delivery. */
  attempt: number;
  startedAt: Date;
  finishedAt: Date;
  outcome: AttemptOutcome;
  /** Why it failed (failed, dead-lettered). */
  error: string | null;
  /** When the next attempt is due (failed). */
  nextAttemptAt: Date | null;
  /** Why it was dead-lettered, as Azure Service Bus names it (e.g. MaxDeliveryCountExceeded). */
  deadLetterReason: string | null;
}

export interface DeliveryLedger {
  /** Records an attempt and the message's new state, durably, as one change. */
  settle(attempt: SettledAttempt): Promise<void>;
}
