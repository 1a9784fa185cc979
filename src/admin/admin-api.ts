// The admin API as one piece: its document, the services behind it (data actions, request journal, fault rules)
// and its routes under /__admin. app.ts builds it when the admin API is on; with --no-admin nothing of it exists.
import type { FastifyInstance } from 'fastify';
import type { AuthFailureGuard } from '../http/auth-failure-limit.js';
import { DataActions } from '../data-actions/data-actions.js';
import type { JwtSettings } from '../http/bearer-auth.js';
import { bindHandlers } from '../http/bind-handlers.js';
import type { AllowedMethods } from '../http/method-not-allowed.js';
import { servedSpec } from '../http/served-spec.js';
import type { LoadedDocument, LoadedSpec } from '../spec/load-spec.js';
import type { Store } from '../store/store.js';
import type { AdminHandler, AdminHandlerMap } from './admin-handler.js';
import { credentialHandlers } from './credential-handlers.js';
import { registerAdminRoutes } from './admin-routes.js';
import { dataHandlers } from './data-handlers.js';
import { faultHandlers } from './fault-handlers.js';
import { flowHandlers } from './flow-handlers.js';
import type { OutboxRelay } from '../bus/outbox-relay.js';
import type { FaultRules } from './fault-rules.js';
import { journalHandlers } from './journal-handlers.js';
import type { RequestJournal } from './request-journal.js';

export { defaultAdminSpecFile } from '../project-files.js';

export interface AdminApiOptions {
  document: LoadedDocument;
  spec: LoadedSpec;
  store: Store;
  adminKey: string;
  /** Each environment's API key, and how bearer tokens are checked: what issueClientCredentials hands out. */
  apiKeys: Record<string, string>;
  jwt: JwtSettings;
  defaultFixtures?: string;
  now: () => Date;
  allowed: AllowedMethods;
  trustProxy: boolean;
  /** Told after every data change (seed, reset, import). */
  dataChanged?: () => void;
}

export interface AdminApi {
  journal: RequestJournal;
  faults: FaultRules;
  data: DataActions;
}

/**
 * The services behind the admin API, for its routes and for the hooks that feed them: the journal and the fault rules
 * are long-lived (made once by createAppServices, kept across a reload of the spec), the data actions follow the spec.
 */
export function adminServices(options: AdminApiOptions, kept: Pick<AdminApi, 'journal' | 'faults'>): AdminApi {
  return {
    journal: kept.journal,
    faults: kept.faults,
    data: new DataActions({ spec: options.spec, store: options.store, now: options.now, defaultFixtures: options.defaultFixtures, changed: options.dataChanged }),
  };
}

/** Registers the routes of the admin API, each bound to its handler by operationId (all of them, or start-up fails). */
export function registerAdminApi(app: FastifyInstance, { journal, faults, data }: AdminApi, options: AdminApiOptions & { relay: OutboxRelay; authFailures?: AuthFailureGuard }): void {
  const served = servedSpec(options.document.document, options.document.yaml);
  const handlers: AdminHandlerMap = {
    ...dataHandlers(data),
    ...journalHandlers(journal),
    ...faultHandlers(faults),
    ...flowHandlers(options.store, options.relay),
    ...credentialHandlers({
      environments: options.spec.environments,
      apiKeys: options.apiKeys,
      apiKeyHeader: options.spec.operations.flatMap((op) => op.security)[0]?.header ?? 'X-API-Key',
      jwt: options.jwt,
      now: options.now,
    }),
    getAdminDocument: (context) => Promise.resolve({ status: 200, body: served.json(context.adminUrl().replace(/\/__admin$/, '')) }),
  };
  const bound = bindHandlers<AdminHandler>(options.document.operations, handlers);
  registerAdminRoutes(app, { document: options.document, handlers: bound, adminKey: options.adminKey, allowed: options.allowed, trustProxy: options.trustProxy, authFailures: options.authFailures, store: options.store });
}
