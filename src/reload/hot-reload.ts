// --watch: the mock serving its spec file as the file is edited. The long-lived parts (store, audit-flow bus,
// request journal, fault rules: app-services.ts) are made once; each edit builds a new app on them and on the same
// HTTP server (swappable-server.ts), and swaps it in once it is ready, so that new routes, schemas, examples and
// constraints take effect and nothing stored or pending is lost. An edit that does not load (YAML, OpenAPI, a
// missing $ref, an operation without a handler) leaves the last good spec in service and is logged as one error
// line with the loader's message; the next edit is tried again.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { type AppOptions, buildApp } from '../app.js';
import { createAppServices } from '../app-services.js';
import { defaultSpecFile } from '../project-files.js';
import { type LoadedSpec, loadSpec } from '../spec/load-spec.js';
import { watchFile } from './file-watcher.js';
import { warnOfRefusedRecords } from './stored-record-warning.js';
import { SwappableServer } from './swappable-server.js';

export interface ReloadingMock {
  /** The app serving now. */
  readonly app: FastifyInstance;
  /** The logger of the app serving now. */
  readonly log: FastifyBaseLogger;
  listen(options: { host: string; port: number }): Promise<string>;
  /** Records per collection of every environment, as stored now (see buildApp). */
  recordCounts(): Record<string, Record<string, number>>;
  /** Loads the spec file again if its content changed since it was last tried; the file watch calls it. */
  reload(): Promise<void>;
  /** Stops watching, closes the app serving and the server, then the bus and the store: once, however often called. */
  close(): Promise<void>;
}

export interface HotReloadOptions {
  /** Milliseconds without a file event before the spec is read again (one save fires several). */
  quietMs?: number;
  /** Milliseconds a replaced app may take to answer the requests it took before it is closed anyway. */
  graceMs?: number;
}

const digest = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Builds the mock from `options` on a spec file it watches. Resolves once the first app is ready (not listening yet). */
export async function serveWithHotReload(options: AppOptions, reloadOptions: HotReloadOptions = {}): Promise<ReloadingMock> {
  const file = resolve(typeof options.spec === 'object' ? options.spec.file : (options.spec ?? defaultSpecFile));
  const first = typeof options.spec === 'object' ? options.spec : await loadSpec(file, { cacheDir: options.specCacheDir });
  const services = await createAppServices(options, first);
  const front: SwappableServer = new SwappableServer({
    graceMs: reloadOptions.graceMs ?? 10_000,
    onError: (error) => front.current?.log.error({ err: error }, 'an app replaced by a reload of the spec failed to close'),
  });
  const build = (spec: LoadedSpec) =>
    front.build(async () => {
      const app = await buildApp({ ...options, spec, services, serverFactory: front.serverFactory });
      try {
        await app.ready();
      } catch (error) {
        await app.close().catch(() => undefined);
        throw error;
      }
      return app;
    });
  try {
    const app = await build(first);
    front.swap(app);
    services.logTo(app.log);
  } catch (error) {
    await services.close().catch(() => undefined);
    throw error;
  }
  const serving = (): FastifyInstance => front.current as FastifyInstance;

  let served = first;
  let tried = digest(first.yaml);
  let closing = false;
  let running: Promise<void> | undefined;
  let again = false;

  async function reloadOnce(): Promise<void> {
    // Unchanged bytes (a save without changes, an event for an attribute) are not loaded again.
    const text = await readFile(file, 'utf8').catch(() => undefined);
    const key = text === undefined ? 'unreadable' : digest(text);
    if (key === tried) return;
    tried = key;
    const started = performance.now();
    let spec: LoadedSpec;
    let app: FastifyInstance;
    try {
      // Not through the spec cache: it keeps every version it validates, and an editing session makes many.
      spec = await loadSpec(file);
      app = await build(spec);
    } catch (error) {
      serving().log.error({ spec: file }, `the spec was not reloaded, and the last good one is still served: ${(error as Error).message}`);
      return;
    }
    if (closing) return void (await app.close().catch(() => undefined));
    front.swap(app);
    services.useSpec(spec);
    services.logTo(app.log);
    tried = digest(spec.yaml);
    app.log.info({ spec: file, operations: spec.operations.length, ms: Math.round(performance.now() - started) }, 'reloaded the spec: the edited one is served now');
    try {
      warnOfRefusedRecords(app.log, served, spec, services.store, options.dataFile);
    } catch (error) {
      app.log.error({ err: error }, 'the stored records could not be checked against the reloaded spec');
    }
    served = spec;
  }

  // One reload at a time; a change during one is looked at once it is over.
  const reload = (): Promise<void> => {
    if (closing) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await reloadOnce();
      } while (again && !closing);
    })().finally(() => (running = undefined));
    return running;
  };

  const watch = watchFile(file, () => void reload(), {
    quietMs: reloadOptions.quietMs ?? 100,
    onError: (error) => serving().log.error({ spec: file }, `the spec is no longer watched for edits (${error.message}); restart the mock to watch it again`),
  });
  serving().log.info({ spec: file }, 'watching the spec: an edit is served as soon as it loads');
  // An edit made while the first app was being built.
  void reload();

  let closed: Promise<void> | undefined;
  return {
    get app() {
      return serving();
    },
    get log() {
      return serving().log;
    },
    async listen(listenOptions) {
      const url = await front.listen(listenOptions);
      serving().log.info(`Server listening at ${url}`);
      return url;
    },
    recordCounts: () => serving().recordCounts(),
    reload,
    close: () =>
      (closed ??= (async () => {
        closing = true;
        watch.close();
        await running;
        try {
          await front.close();
        } finally {
          await services.close();
        }
      })()),
  };
}
