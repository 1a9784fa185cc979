// The long-lived parts of the mock, which outlive any one Fastify app: the store (with its data file and lock), the
// audit flow's bus and its pending deliveries, the admin API's request journal and fault rules, and the request
// ids. buildApp makes them for itself when it is given none, and closes them with the app; the hot reload
// (src/reload/) makes them once and hands the same ones to every app it builds from an edited spec.
import type { FastifyBaseLogger } from 'fastify';
import type { AppOptions } from './app.js';
import { FaultRules } from './admin/fault-rules.js';
import { RequestJournal } from './admin/request-journal.js';
import { type AuditDelivery, startAuditDelivery } from './bus/audit-delivery.js';
import { storedRecordCheck } from './data-actions/stored-record-check.js';
import { collections, indexedFields } from './handlers/collections.js';
import type { LoadedSpec } from './spec/load-spec.js';
import { createStore } from './store/create-store.js';
import { LockLostError } from './store/data-file-lock.js';
import { JournaledPersistence } from './store/journaled-persistence.js';
import { noPersistence } from './store/persistence.js';
import type { Store } from './store/store.js';

export type AppServicesOptions = Pick<
  AppOptions,
  'dataFile' | 'compactAfterBytes' | 'fsync' | 'readOnly' | 'repair' | 'dataFiles' | 'apiKeys' | 'adminKey' | 'journalSize' | 'delivery' | 'now'
>;

export interface AppServices {
  /** The environments the store keeps: every app built on these services must serve exactly these. */
  readonly environments: readonly string[];
  readonly store: Store;
  readonly delivery: AuditDelivery;
  /** The request journal and the fault rules; undefined without the admin API. */
  readonly admin: { journal: RequestJournal; faults: FaultRules } | undefined;
  /** Fastify's genReqId: request ids go on counting across apps, so that no two answers share one. */
  readonly requestId: () => string;
  /** Where the long-lived parts log their errors: the logger of the app now serving. */
  logTo(log: FastifyBaseLogger): void;
  /** Takes up a reloaded spec: new fault rules may name its operations. */
  useSpec(spec: LoadedSpec): void;
  /** Stops the bus, then closes the store (every write on disk, the lock released); once, however often it is called. */
  close(): Promise<void>;
}

const faultOperations = (spec: LoadedSpec) => [...spec.operations, ...spec.webhooks];

/** What the long-lived parts log: errors only. */
interface ErrorLog {
  error(object: unknown, message?: string): void;
}

/** Until an app's logger is given: one line on stderr (the hot reload makes the services before its first app). */
const stderrLog: ErrorLog = {
  error: (object, message) => {
    const cause = typeof object === 'object' && object !== null && 'err' in object ? `: ${String(object.err)}` : '';
    process.stderr.write(`cubit-core-mock: ${message ?? String(object)}${cause}\n`);
  },
};

/** Opens the store on the data file (or in memory) and starts the audit flow's delivery; errors go to `log` until logTo says otherwise. */
export async function createAppServices(options: AppServicesOptions, spec: LoadedSpec, log?: FastifyBaseLogger): Promise<AppServices> {
  let logger: ErrorLog = log ?? stderrLog;
  const persistence = options.dataFile
    ? new JournaledPersistence(options.dataFile, {
        compactAfterBytes: options.compactAfterBytes,
        fsync: options.fsync,
        readOnly: options.readOnly,
        repair: options.repair !== undefined && options.repair !== false,
        onRepaired: typeof options.repair === 'function' ? options.repair : undefined,
        files: options.dataFiles,
        checkRecords: storedRecordCheck(spec),
        onError: (error) =>
          error instanceof LockLostError ? logger.error(error.message) : logger.error({ err: error }, 'background compaction failed; the journal keeps every change'),
      })
    : noPersistence;
  const store = await createStore({ environments: spec.environments, collections, indexedFields, persistence });
  const now = options.now ?? (() => new Date());
  let admin: AppServices['admin'];
  let delivery: AuditDelivery;
  try {
    admin = options.adminKey === undefined
      ? undefined
      : {
          journal: new RequestJournal({ size: options.journalSize ?? 1000, secrets: [...Object.values(options.apiKeys), options.adminKey] }),
          faults: new FaultRules({ operations: faultOperations(spec), environments: spec.environments, now }),
        };
    const faults = admin?.faults;
    delivery = startAuditDelivery(store, spec.environments, {
      ...options.delivery,
      faults: faults && ((environment, webhook) => faults.match(environment, webhook, {})),
      now,
      onError: (error) => logger.error({ err: error }, 'a delivery outcome could not be recorded; the delivery is made again'),
    });
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  // Fastify's own default, counted here instead of in each app.
  let lastRequestId = 0;
  let closed: Promise<void> | undefined;
  return {
    environments: spec.environments,
    store,
    delivery,
    admin,
    requestId: () => `req-${(lastRequestId = (lastRequestId + 1) & 0x7fffffff).toString(36)}`,
    logTo: (next) => {
      logger = next;
    },
    useSpec: (next) => admin?.faults.useOperations(faultOperations(next)),
    // The bus stops before the store closes, so that no delivery records its outcome in a closed store.
    close: () =>
      (closed ??= (async () => {
        try {
          await delivery.close();
        } finally {
          await store.close();
        }
      })()),
  };
}
