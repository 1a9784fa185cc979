// buildApp: the whole mock as a Fastify instance, from explicit options. It never listens and never reads
// the environment; src/server.ts does both.
import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import { collections } from './handlers/collections.js';
import { handlers as defaultHandlers } from './handlers/index.js';
import { auditHandlers } from './handlers/audits.js';
import { AuditService } from './audit/audit-service.js';
import { readTransitionTable } from './audit/transitions.js';
import type { DeliveryOptions } from './bus/audit-delivery.js';
import { devJwtSecret } from './config.js';
import { type JwtSettings, createBearerVerifier } from './http/bearer-auth.js';
import { type AuthFailureLimit, authFailureLimitDefaults, registerAuthFailureLimit } from './http/auth-failure-limit.js';
import { ValidatorFactory, useValidatorCodeCache } from './http/request-validation.js';
import { formatsUsed } from './spec/enforced-formats.js';
import type { HandlerMap } from './handlers/handler.js';
import { bindHandlers } from './http/bind-handlers.js';
import { registerJsonBodyParser } from './http/json-request-body.js';
import { handleClientError } from './http/client-errors.js';
import { type CorsOrigins, corsSpec, declaredRequestHeaders, declaredResponseHeaders, registerCors } from './http/cors.js';
import { frameworkError, registerErrorHandling } from './http/error-handling.js';
import { notFoundHint } from './http/not-found-hint.js';
import { registerConnectionTurns } from './http/connection-turns.js';
import { bodyLimit, type ConnectionLimits, connectionDefaults, defaultRequestTimeout, maxHeaderBytes, maxUrlLength, registerRequestLimits } from './http/request-limits.js';
import { AllowedMethods } from './http/method-not-allowed.js';
import { registerOperationRoutes } from './http/operation-routes.js';
import { registerSpecRoutes } from './http/spec-routes.js';
import { healthPath, registerHealthRoute } from './http/health-route.js';
import { registerConsoleRoute } from './admin/console-route.js';
import { adminServices, registerAdminApi } from './admin/admin-api.js';
import { adminPrefix } from './admin/admin-routes.js';
import { registerRequestJournaling } from './http/request-journaling.js';
import { type LoadedDocument, type LoadedSpec, loadDocument, loadSpec } from './spec/load-spec.js';
import { defaultAdminSpecFile, defaultSpecFile } from './project-files.js';
import { type AppServices, createAppServices } from './app-services.js';
import { requestLogSerializer } from './log-serializers.js';
import { registerRequestLogLines } from './http/request-log-line.js';
import { DataActions } from './data-actions/data-actions.js';
import type { RepairReport } from './store/journaled-persistence.js';
import type { DataFiles } from './store/data-files.js';

export { defaultSpecFile };

export { bodyLimit };
export type { CorsOrigins };

export interface AppOptions {
  /** The OpenAPI document, loaded, or the path of its file. */
  spec?: LoadedSpec | string;
  /** Where validated specs are cached by content hash (see loadSpec); undefined validates on every build. */
  specCacheDir?: string;
  /** The API key of each environment the spec declares. */
  apiKeys: Record<string, string>;
  /** The JSON data file; undefined keeps everything in memory. */
  dataFile?: string;
  /** Journal size (bytes) past which it is folded into the data file; see JournaledPersistence. */
  compactAfterBytes?: number;
  /** fdatasync every journal write and snapshot, so that acknowledged writes survive power loss (`--fsync`). */
  fsync?: boolean;
  /** Serve the data file without ever writing it: changes are answered 503 `read-only` (`--read-only`). */
  readOnly?: boolean;
  /** Start on inconsistent data after backing the files up, dropping what does not add up (`--repair`); told what was dropped. */
  repair?: boolean | ((report: RepairReport) => void);
  /** The file operations of the data file (tests make them fail); default: node:fs. */
  dataFiles?: DataFiles;
  /** Origins allowed to call the mock from a browser: `*` (the default), a list, or `off`. */
  corsOrigins?: CorsOrigins;
  /** Take the scheme, host and path prefix of URLs from a proxy's Forwarded / X-Forwarded-* headers. */
  trustProxy?: boolean;
  /** Milliseconds a request may take to arrive in full (408 after that); default 30 s. */
  requestTimeout?: number;
  /** Limits on connections (see connectionDefaults). */
  connections?: Partial<ConnectionLimits>;
  /** The admin API's key (X-Admin-Key); undefined: no admin API, no request journal, no fault rules (`--no-admin`). */
  adminKey?: string;
  /** The admin API's OpenAPI document, loaded, or the path of its file. */
  adminSpec?: LoadedDocument | string;
  /** Requests the journal keeps (default 1000); 0 keeps none. */
  journalSize?: number;
  /** The default fixtures file (reset to `default`, seed without a body). */
  defaultFixtures?: string;
  /** How bearer tokens are checked (audit operations); default: HS256 with the development secret. */
  jwt?: JwtSettings;
  /**
   * Failed authentications (API key, bearer token, admin key) one client address may have within a window before its
   * requests that need credentials get 429; default authFailureLimitDefaults (20 a minute); false: no limit.
   */
  authFailureLimit?: AuthFailureLimit | false;
  /** How the audit flow's messages are delivered: retries, dead-lettering, and receivers to forward them to. */
  delivery?: DeliveryOptions;
  logger?: FastifyServerOptions['logger'];
  /** One short line per answered request (method, URL, status, operationId, ms) instead of Fastify's two JSON lines. */
  requestLogLines?: { colours: boolean };
  /** false: no log line per request at all (the request journal still records them); default true. */
  logRequests?: boolean;
  now?: () => Date;
  /** Handlers by operationId, in place of the mock's own (tests that need a handler to misbehave). */
  handlers?: Partial<HandlerMap>;
  /**
   * The long-lived parts (store, audit-flow bus, request journal, fault rules), made by createAppServices: the app
   * uses them and leaves them open when it closes (the hot reload gives every app it builds the same ones). Without
   * them the app makes its own from the options above and closes them with itself.
   */
  services?: AppServices;
  /** Makes the app's HTTP server (Fastify's serverFactory): the hot reload gives every app the same server. */
  serverFactory?: FastifyServerOptions['serverFactory'];
}

export { collections };

declare module 'fastify' {
  interface FastifyInstance {
    /** Records per collection of every environment, as stored now. */
    recordCounts(): Record<string, Record<string, number>>;
  }
}

/** A logger configuration whose request serializer redacts URLs; a logger given as `false` or as an instance is kept. */
function withRedactedUrls(logger: NonNullable<FastifyServerOptions['logger']>, secrets: string[]): FastifyServerOptions['logger'] {
  if (typeof logger !== 'object') return logger;
  if (typeof (logger as { info?: unknown }).info === 'function') return logger;
  const options = logger;
  return { ...options, serializers: { ...options.serializers, req: requestLogSerializer(secrets) } };
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const cache = { cacheDir: options.specCacheDir };
  // The compiled validators are kept beside the validated specs (see validator-code-cache.ts).
  const validatorCache = useValidatorCodeCache(options.specCacheDir);
  const [spec, adminDocument] = await Promise.all([
    typeof options.spec === 'object' ? options.spec : loadSpec(options.spec ?? defaultSpecFile, cache),
    options.adminKey === undefined ? undefined : typeof options.adminSpec === 'object' ? options.adminSpec : loadDocument(options.adminSpec ?? defaultAdminSpecFile, cache),
  ]);
  const table = readTransitionTable(spec.dereferenced);
  const bearer = await createBearerVerifier(options.jwt ?? { secret: devJwtSecret }, spec.environments);
  const missingKeys = spec.environments.filter((environment) => !options.apiKeys[environment]);
  if (missingKeys.length > 0) throw new Error(`No API key configured for environment(s): ${missingKeys.join(', ')}`);
  if (options.adminKey !== undefined && (options.adminKey === '' || Object.values(options.apiKeys).includes(options.adminKey))) {
    throw new Error('The admin key must be set and differ from every API key: an API key never opens the admin API');
  }
  if (options.services && options.services.environments.join() !== spec.environments.join()) {
    throw new Error(`The spec's environments (${spec.environments.join(', ')}) are not the ones the mock started with (${options.services.environments.join(', ')}); restart the mock to serve them`);
  }

  const requestTimeout = options.requestTimeout ?? defaultRequestTimeout;
  const connections = { ...connectionDefaults, ...options.connections };
  const app = Fastify({
    // Request log lines carry the URL with credentials and configured keys redacted (an API key sent as ?api_key=…).
    logger: withRedactedUrls(options.logger ?? false, [...Object.values(options.apiKeys), ...(options.adminKey ? [options.adminKey] : [])]),
    // With one line per request (registerRequestLogLines), Fastify's own two are left out.
    ...(options.requestLogLines || options.logRequests === false ? { logController: new LogController({ disableRequestLogging: true }) } : {}),
    bodyLimit,
    // Longer path segments than the URL limit cannot arrive, so every one reaches the schema's maxLength.
    routerOptions: { maxParamLength: maxUrlLength },
    // Answered by registerRequestLimits as problem+json instead of Fastify's own JSON.
    return503OnClosing: false,
    requestTimeout,
    keepAliveTimeout: connections.keepAliveTimeout,
    // Counted by registerConnectionTurns instead, which closes the connection after its last answer (Node's own
    // limit answers a bare 503 to the requests a client already sent behind it).
    maxRequestsPerSocket: 0,
    http: { maxHeaderSize: maxHeaderBytes, headersTimeout: requestTimeout, connectionsCheckingInterval: Math.min(1000, Math.max(50, requestTimeout / 4)) },
    clientErrorHandler: (error, socket) => handleClientError(error, socket),
    frameworkErrors: frameworkError,
    ...(options.serverFactory && { serverFactory: options.serverFactory }),
    ...(options.services && { genReqId: options.services.requestId }),
  });
  // Past the cap, new connections are closed at once: file descriptors never run out, however many clients hold one.
  app.server.maxConnections = connections.maxConnections;
  // The long-lived parts: given (the same for every app the hot reload builds), or made here and closed with the app.
  const owned = options.services === undefined;
  const services = options.services ?? (await createAppServices(options, spec, app.log));
  const { store, delivery } = services;
  // Whatever fails from here on must release the data file the store holds (when this app opened it).
  try {
    app.removeContentTypeParser('text/plain');
    registerJsonBodyParser(app, bodyLimit, { keepText: adminDocument !== undefined });
    app.addHook('onRequest', (request, reply, done) => {
      reply.header('x-request-id', request.id);
      done();
    });
    if (options.requestLogLines) registerRequestLogLines(app, { secrets: [...Object.values(options.apiKeys), ...(options.adminKey ? [options.adminKey] : [])], colours: options.requestLogLines.colours });

    const allowed = new AllowedMethods();
    const now = options.now ?? (() => new Date());
    const adminOptions = adminDocument && {
      document: adminDocument,
      spec,
      store,
      adminKey: options.adminKey as string,
      apiKeys: options.apiKeys,
      jwt: options.jwt ?? { secret: devJwtSecret },
      defaultFixtures: options.defaultFixtures,
      now,
      allowed,
      trustProxy: options.trustProxy ?? false,
      // An import may bring committed messages not yet delivered: the relay publishes them (the bus takes each once).
      dataChanged: () => delivery.relay.start(),
    };
    const admin = adminOptions && services.admin && adminServices(adminOptions, services.admin);
    if (owned) app.addHook('onClose', () => services.close());
    const messageValidators = new ValidatorFactory(spec.parameterSyntax, { enforced: spec.enforcedFormats, used: formatsUsed(spec.webhooks.map((w) => w.bodySchema)) });
    const validateMessage = new Map(spec.webhooks.flatMap((w) => (w.bodySchema ? [[w.operationId, messageValidators.bodyValidator(w.bodySchema)] as const] : [])));
    const audits = new AuditService({
      table,
      maxDeliveryCount: delivery.maxDeliveryCount,
      validateMessage: (webhook, message) => {
        const validate = validateMessage.get(webhook);
        if (!validate) throw new Error(`the spec has no webhook ${webhook}`);
        return validate(message);
      },
      committed: (environment, rows) => delivery.relay.committed(environment, rows),
    });
    const boundHandlers = bindHandlers(spec.operations, { ...defaultHandlers, ...auditHandlers(audits), ...options.handlers } as HandlerMap);
    // Before any route, so that every request is journaled, a 404 included.
    const faultObserver = admin && registerRequestJournaling(app, admin.journal, { environments: spec.environments, excludePrefixes: [adminPrefix, healthPath] });
    // Before any route is added: a route keeps the error handler in place when it was added.
    registerErrorHandling(app, allowed, notFoundHint(spec.environments, [...new Set(spec.operations.map((op) => op.path))]));
    // CORS first, so that even an answer refused by the limits below carries its headers and a browser can read it.
    await registerCors(app, options.corsOrigins ?? '*', corsSpec(spec.operations, declaredResponseHeaders(spec.dereferenced), declaredRequestHeaders(spec.dereferenced)), allowed);
    registerRequestLimits(app);
    // Requests on one connection in order, pipelined ones too (a GET behind a POST sees what the POST made).
    registerConnectionTurns(app, connections.maxRequestsPerSocket);
    const authFailures = options.authFailureLimit === false ? undefined : await registerAuthFailureLimit(app, options.authFailureLimit ?? authFailureLimitDefaults);
    registerOperationRoutes(app, {
      environments: spec.environments,
      operations: spec.operations,
      handlers: boundHandlers,
      apiKeys: options.apiKeys,
      store,
      now,
      allowed,
      parameterSyntax: spec.parameterSyntax,
      enforcedFormats: spec.enforcedFormats,
      trustProxy: options.trustProxy ?? false,
      bearer,
      faults: admin && faultObserver ? { source: admin.faults, observer: faultObserver } : undefined,
      authFailures,
    });
    if (admin && adminOptions) {
      registerAdminApi(app, admin, { ...adminOptions, relay: delivery.relay, authFailures });
      registerConsoleRoute(app, allowed);
    }
    registerSpecRoutes(app, spec, options.trustProxy ?? false);
    registerHealthRoute(app, allowed);
    app.decorate('recordCounts', () => new DataActions({ spec, store, now }).summary(spec.environments, 0).environments);
    void validatorCache?.save();
    return app;
  } catch (error) {
    await app.close().catch(() => undefined);
    if (owned) await services.close().catch(() => undefined);
    throw error;
  }
}
