// The delivery side of the audit flow, assembled: the in-process bus with its ledger in the store, the Archive
// and Lantern subscriptions, and the outbox relay, which publishes at once whatever a previous run left pending.
import type { Store } from '../store/store.js';
import { type ConsumerFaultSource, noConsumerFaults } from './consumer-faults.js';
import { archiveConsumer, lanternConsumer } from './consumers.js';
import { InProcessServiceBus, type RetryPolicy, defaultRetryPolicy } from './in-process-bus.js';
import { OutboxRelay } from './outbox-relay.js';
import { StoreLedger } from './store-ledger.js';
import type { ForwardTarget } from './webhook-forwarding.js';

export interface DeliveryOptions {
  /** Deliveries of a message before it is dead-lettered (Azure Service Bus's default is 10). */
  maxDeliveryCount?: number;
  retry?: RetryPolicy;
  /** Milliseconds a consumer may take to settle a delivery. */
  lockDurationMs?: number;
  archiveUrl?: ForwardTarget;
  lanternUrl?: ForwardTarget;
}

export const defaultMaxDeliveryCount = 10;
export const defaultLockDurationMs = 30_000;

export interface AuditDelivery {
  bus: InProcessServiceBus;
  relay: OutboxRelay;
  maxDeliveryCount: number;
  close(): Promise<void>;
}

export function startAuditDelivery(
  store: Store,
  environments: readonly string[],
  options: DeliveryOptions & { faults?: ConsumerFaultSource; now: () => Date; onError?: (error: unknown) => void },
): AuditDelivery {
  const bus = new InProcessServiceBus({
    ledger: new StoreLedger(store),
    retry: options.retry ?? defaultRetryPolicy,
    lockDurationMs: options.lockDurationMs ?? defaultLockDurationMs,
    now: options.now,
    onError: options.onError,
  });
  const consumers = { store, faults: options.faults ?? noConsumerFaults, now: options.now, archiveUrl: options.archiveUrl, lanternUrl: options.lanternUrl };
  bus.subscribe(archiveConsumer(consumers));
  bus.subscribe(lanternConsumer(consumers));
  const relay = new OutboxRelay(store, bus, environments);
  relay.start();
  return { bus, relay, maxDeliveryCount: options.maxDeliveryCount ?? defaultMaxDeliveryCount, close: () => bus.close() };
}
