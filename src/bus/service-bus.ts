// The service bus as the audit service sees it, shaped like Azure Service Bus: messages published on a topic
// reach each subscription whose filter takes their subject; a subscription's consumer settles each delivery
// (complete, or fail, to be retried, and dead-lettered after the message's max delivery count). Any broker with
// these semantics (Azure Service Bus, an AMQP 1.0 broker) could stand behind this interface.

export interface BusMessage {
  /** Unique per message: the outbox id. Consumers are idempotent by it. */
  messageId: string;
  /** The status change that sent it. */
  correlationId: string;
  subject: string;
  /** The environment whose change sent it (an application property of the message). */
  environment: string;
  body: Record<string, unknown>;
  /**
   * How often the message was resubmitted from the dead letters (a resubmission is a new message for the bus,
   * with the same id). Of two publications of one message id, the bus takes the later generation only.
   */
  generation: number;
  /** Deliveries so far; the one being made is this plus one. */
  deliveryCount: number;
  maxDeliveryCount: number;
  /** Not delivered before this moment (ms since the epoch): a retry that was due when the process stopped. */
  notBefore?: number;
}

/** A subscription's consumer: resolves to complete the delivery, throws to fail it. Stops early when `signal` aborts. */
export type Consumer = (message: BusMessage, signal: AbortSignal) => Promise<void>;

export interface Subscription {
  name: string;
  /** The subject the subscription's filter takes (a correlation filter on the message's subject). */
  subject: string;
  consumer: Consumer;
}

export interface ServiceBus {
  /**
   * Hands committed messages to the topic. A message already waiting or in delivery is not taken twice; a later
   * generation of one still settling is delivered once that settles.
   */
  publish(messages: readonly BusMessage[]): void;
  subscribe(subscription: Subscription): void;
  /** Resolves once no message is waiting to be delivered or in delivery (retries not yet due count as waiting). */
  idle(): Promise<void>;
  /** Stops delivering: waiting messages stay undelivered (their state is durable), deliveries in progress are aborted. */
  close(): Promise<void>;
}
