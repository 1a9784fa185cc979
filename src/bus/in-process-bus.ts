// The in-process service bus: one topic, a queue per subscription, and delivery with retries. A failed delivery
// is retried after an exponential backoff with jitter (half the delay fixed, half drawn at random, so that
// retries of many messages spread out); once a message has been delivered its max delivery count times without
// success it is dead-lettered with the reason MaxDeliveryCountExceeded. A delivery that does not settle within
// the lock duration fails. Every outcome is recorded in the ledger before the next attempt is scheduled.
import type { DeliveryLedger } from './delivery-ledger.js';
import type { BusMessage, ServiceBus, Subscription } from './service-bus.js';

export interface RetryPolicy {
  /** Delay before the second delivery; doubled for each further one. */
  baseDelayMs: number;
  /** The longest delay between two deliveries. */
  maxDelayMs: number;
}

export interface InProcessBusOptions {
  ledger: DeliveryLedger;
  retry: RetryPolicy;
  /** Milliseconds a consumer may take to settle a delivery. */
  lockDurationMs: number;
  /** Deliveries in progress at once, per subscription (32 by default: with fewer, each waiting on its two durable writes, deliveries fell behind 2k status changes a second). */
  concurrency?: number;
  now?: () => Date;
  random?: () => number;
  /** Told about a ledger write that failed (the delivery is tried again later). */
  onError?: (error: unknown) => void;
}

export const defaultRetryPolicy: RetryPolicy = { baseDelayMs: 500, maxDelayMs: 60_000 };

/** The delay before delivery number `deliveryCount + 1`: exponential, capped, half of it jittered. */
export function backoffDelay(policy: RetryPolicy, deliveryCount: number, random: () => number): number {
  const full = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, deliveryCount - 1));
  return Math.round(full / 2 + (random() * full) / 2);
}

interface Entry {
  message: BusMessage;
  timer: NodeJS.Timeout | undefined;
  /** A later generation of the message, published while this one was still being delivered or settled. */
  next?: BusMessage;
}

interface Queue {
  subscription: Subscription;
  entries: Map<string, Entry>;
  ready: Entry[];
  running: number;
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 2000);

export class InProcessServiceBus implements ServiceBus {
  private readonly queues = new Map<string, Queue>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  /** The lock of each delivery in progress. */
  private readonly locks = new Set<AbortController>();
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly concurrency: number;
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  constructor(private readonly options: InProcessBusOptions) {
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.concurrency = options.concurrency ?? 32;
  }

  subscribe(subscription: Subscription): void {
    if (this.queues.has(subscription.name)) throw new Error(`subscription ${subscription.name} exists already`);
    this.queues.set(subscription.name, { subscription, entries: new Map(), ready: [], running: 0 });
  }

  publish(messages: readonly BusMessage[]): void {
    if (this.closed) return;
    for (const message of messages) {
      for (const queue of this.queues.values()) {
        if (queue.subscription.subject !== message.subject) continue;
        const queued = queue.entries.get(message.messageId);
        if (queued) {
          if (message.generation > (queued.next ?? queued.message).generation) queued.next = { ...message };
          continue;
        }
        const entry: Entry = { message: { ...message }, timer: undefined };
        queue.entries.set(message.messageId, entry);
        this.schedule(queue, entry, Math.max(0, (message.notBefore ?? 0) - this.now().getTime()));
      }
    }
  }

  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const queue of this.queues.values()) {
      for (const entry of queue.entries.values()) clearTimeout(entry.timer);
      queue.entries.clear();
      queue.ready = [];
    }
    this.abort.abort(new Error('the service bus is closing'));
    for (const lock of this.locks) lock.abort(this.abort.signal.reason);
    await Promise.allSettled([...this.inFlight]);
    this.notifyIdle();
  }

  private isIdle(): boolean {
    return [...this.queues.values()].every((queue) => queue.entries.size === 0);
  }

  private notifyIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private schedule(queue: Queue, entry: Entry, delayMs: number): void {
    if (this.closed) return;
    const due = () => {
      entry.timer = undefined;
      queue.ready.push(entry);
      this.pump(queue);
    };
    if (delayMs <= 0) due();
    else entry.timer = setTimeout(due, delayMs);
  }

  private pump(queue: Queue): void {
    while (!this.closed && queue.running < this.concurrency && queue.ready.length > 0) {
      const entry = queue.ready.shift() as Entry;
      queue.running++;
      const delivery = this.deliver(queue, entry).finally(() => {
        queue.running--;
        this.inFlight.delete(delivery);
        this.pump(queue);
        this.notifyIdle();
      });
      this.inFlight.add(delivery);
    }
  }

  /** One delivery: the consumer, within the lock duration; then its outcome, recorded; then a retry if one is due. */
  private async deliver(queue: Queue, entry: Entry): Promise<void> {
    const { message } = entry;
    const attempt = message.deliveryCount + 1;
    const startedAt = this.now();
    let error: string | null = null;
    try {
      await this.withinLock(queue.subscription, { ...message, deliveryCount: attempt });
    } catch (failure) {
      if (this.closed) return; // aborted by close: not settled, so delivered again after a restart
      error = describe(failure);
    }
    if (this.closed) return;
    const finishedAt = this.now();
    const deadLetter = error !== null && attempt >= message.maxDeliveryCount;
    const retryIn = error !== null && !deadLetter ? backoffDelay(this.options.retry, attempt, this.random) : 0;
    try {
      await this.options.ledger.settle({
        environment: message.environment,
        messageId: message.messageId,
        subscription: queue.subscription.name,
        attempt,
        startedAt,
        finishedAt,
        outcome: error === null ? 'delivered' : deadLetter ? 'dead-lettered' : 'failed',
        error,
        nextAttemptAt: error !== null && !deadLetter ? new Date(finishedAt.getTime() + retryIn) : null,
        deadLetterReason: deadLetter ? 'MaxDeliveryCountExceeded' : null,
      });
    } catch (ledgerError) {
      // The outcome is not durable: the delivery counts as not made, and is made again later.
      this.options.onError?.(ledgerError);
      this.schedule(queue, entry, backoffDelay(this.options.retry, attempt, this.random));
      return;
    }
    message.deliveryCount = attempt;
    if (entry.next) {
      // Resubmitted meanwhile: the new generation replaces this one, from its own delivery count.
      entry.message = entry.next;
      delete entry.next;
      this.schedule(queue, entry, 0);
    } else if (error === null || deadLetter) queue.entries.delete(message.messageId);
    else this.schedule(queue, entry, retryIn);
  }

  private withinLock(subscription: Subscription, message: BusMessage): Promise<void> {
    // One controller per delivery, aborted by its lock expiring or by the bus closing (close() aborts every one
    // in this set). AbortSignal.any would tie each to the bus's long-lived signal through weak references that
    // pile up until a full collection: a cost per delivery that grows with the rate.
    const lock = new AbortController();
    if (this.abort.signal.aborted) lock.abort(this.abort.signal.reason);
    this.locks.add(lock);
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new Error(`the ${subscription.name} consumer did not settle the delivery within ${this.options.lockDurationMs} ms (lock lost)`);
        reject(error); // first, so that the race ends with this, not with the consumer giving up on the abort
        lock.abort(error);
      }, this.options.lockDurationMs);
    });
    return Promise.race([subscription.consumer(message, lock.signal), expired]).finally(() => {
      clearTimeout(timer);
      this.locks.delete(lock);
    });
  }
}
