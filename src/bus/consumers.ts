// The two consumers of the audit-status topic. Archive saves the case it is asked to save; Lantern records the
// notification it sends. Each is idempotent by message id: the record it keeps is named by the message's id, so
// a message delivered again (after a crash between the side effect and its settlement, or a replay) acts once.
import type { Store } from '../store/store.js';
import { type ConsumerFaultSource, sufferFault } from './consumer-faults.js';
import { outboxCollection, subscriptions } from './outbox.js';
import type { BusMessage, Subscription } from './service-bus.js';
import { type ForwardTarget, forwardMessage } from './webhook-forwarding.js';

export const archiveCasesCollection = 'archive-cases';
export const lanternNotificationsCollection = 'lantern-notifications';

export interface ConsumerOptions {
  store: Store;
  faults: ConsumerFaultSource;
  now: () => Date;
  /** Where the Archive's messages are also POSTed; none when undefined. */
  archiveUrl?: ForwardTarget;
  /** Where Lantern's messages are also POSTed; none when undefined. */
  lanternUrl?: ForwardTarget;
}

interface Receiver {
  subscription: keyof typeof subscriptions;
  name: string;
  collection: string;
  target: ForwardTarget | undefined;
  record: (message: BusMessage, at: string) => Record<string, unknown>;
}

function consumerOf(options: ConsumerOptions, receiver: Receiver): Subscription {
  const { subject, webhook } = subscriptions[receiver.subscription];
  return {
    name: receiver.subscription,
    subject,
    consumer: async (message, signal) => {
      await sufferFault(options.faults(message.environment, webhook), receiver.name, signal);
      if (options.store.get(message.environment, receiver.collection, message.messageId)) return; // acted on it already
      if (!options.store.get(message.environment, outboxCollection, message.messageId)) return; // the environment was reset meanwhile
      if (receiver.target) await forwardMessage(receiver.target, receiver.name, message.messageId, message.body, signal);
      signal.throwIfAborted();
      await options.store.put(message.environment, receiver.collection, message.messageId, receiver.record(message, options.now().toISOString()));
    },
  };
}

export function archiveConsumer(options: ConsumerOptions): Subscription {
  return consumerOf(options, {
    subscription: 'archive',
    name: 'Archive',
    collection: archiveCasesCollection,
    target: options.archiveUrl,
    record: (message, savedAt) => ({
      messageId: message.messageId,
      correlationId: message.correlationId,
      savedAt,
      deliveryCount: message.deliveryCount,
      case: message.body.case,
      registryEntry: message.body.registryEntry,
    }),
  });
}

export function lanternConsumer(options: ConsumerOptions): Subscription {
  return consumerOf(options, {
    subscription: 'lantern',
    name: 'Lantern',
    collection: lanternNotificationsCollection,
    target: options.lanternUrl,
    record: (message, sentAt) => ({
      messageId: message.messageId,
      correlationId: message.correlationId,
      sentAt,
      deliveryCount: message.deliveryCount,
      event: message.body.event,
      recipient: message.body.recipient,
      subject: message.body.subject,
      text: message.body.text,
      audit: message.body.audit,
    }),
  });
}
