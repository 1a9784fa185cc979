// The admin API's Audit flow operations (named by operationId): what the outbox holds, every delivery attempt,
// what the Archive and Lantern received, the dead letters, and a replay of one. They read the store's records of
// the audit flow, each collection in id order.
import { archiveCasesCollection, lanternNotificationsCollection } from '../bus/consumers.js';
import { deliveriesCollection, outboxCollection } from '../bus/outbox.js';
import type { OutboxRelay } from '../bus/outbox-relay.js';
import { ApiError } from '../errors/api-error.js';
import { adminCatalogue } from '../errors/catalogue.js';
import type { Store } from '../store/store.js';
import type { AdminContext, AdminHandlerMap, AdminResult } from './admin-handler.js';

function page(store: Store, collection: string, { query }: AdminContext, filters: string[]): Promise<AdminResult> {
  const where: Record<string, string> = {};
  for (const name of filters) if (typeof query[name] === 'string') where[name] = query[name];
  const limit = query.limit as number;
  const offset = query.offset as number;
  const { items, total } = store.list(query.environment as string, collection, { where, offset, limit });
  return Promise.resolve({ status: 200, body: { items, total, limit, offset } });
}

/** Outbox rows are kept in message id order; listed, they are ordered as enqueued (then by id). */
function outboxPage(store: Store, { query }: AdminContext, where: Record<string, string>): Promise<AdminResult> {
  const limit = query.limit as number;
  const offset = query.offset as number;
  const { items } = store.list(query.environment as string, outboxCollection, { where, offset: 0, limit: Number.MAX_SAFE_INTEGER });
  const ordered = items
    .map((record) => record.fields())
    .sort((a, b) => (a.enqueuedAt as string).localeCompare(b.enqueuedAt as string) || (a.messageId as string).localeCompare(b.messageId as string));
  return Promise.resolve({ status: 200, body: { items: ordered.slice(offset, offset + limit), total: ordered.length, limit, offset } });
}

export function flowHandlers(store: Store, relay: OutboxRelay): AdminHandlerMap {
  return {
    listOutboxMessages(context) {
      const where: Record<string, string> = {};
      for (const name of ['state', 'correlationId']) if (typeof context.query[name] === 'string') where[name] = context.query[name];
      return outboxPage(store, context, where);
    },
    listDeliveries: (context) => page(store, deliveriesCollection, context, ['messageId']),
    listArchiveCases: (context) => page(store, archiveCasesCollection, context, ['correlationId']),
    listLanternNotifications: (context) => page(store, lanternNotificationsCollection, context, ['correlationId']),
    listDeadLetters: (context) => outboxPage(store, context, { state: 'dead-lettered' }),

    async replayDeadLetter({ params, query }) {
      const result = await relay.replay(query.environment as string, params.messageId as string);
      if ('notFound' in result) throw new ApiError(adminCatalogue.messageNotFound, 'No outbox message with this id exists in this environment.');
      if ('notDeadLettered' in result) {
        const { state } = result.notDeadLettered;
        throw new ApiError(adminCatalogue.notDeadLettered, `The message is ${state}, not dead-lettered; only a dead-lettered message can be replayed.`);
      }
      return { status: 200, body: result.replayed };
    },
  };
}
