// One node HTTP server for a succession of Fastify apps. Fastify cannot remove a route from a started app, so a
// reloaded spec takes effect as a whole new app: every app is built with this `serverFactory`, which hands it this
// server instead of a new one, and each request goes to the app swapped in last. The port, the open connections
// and the server's limits stay as they are. The server is listened on and closed here, never by an app (an app
// whose server came from a factory and that never listened leaves the server open when it closes).
import { type IncomingMessage, type Server, type ServerOptions, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, FastifyServerFactory } from 'fastify';

/** The options Fastify hands its serverFactory: what it would have set on a server it made itself. */
interface FactoryOptions {
  http?: ServerOptions;
  keepAliveTimeout?: number;
  requestTimeout?: number;
  connectionTimeout?: number;
}

interface Serving {
  app: FastifyInstance;
  /** Requests it took that are not answered (or aborted) yet. */
  inFlight: number;
  drained?: () => void;
}

/** The URL Fastify's listen would answer: IPv6 in brackets, 127.0.0.1 for a server on every IPv4 address. */
function urlOf({ address, family, port }: AddressInfo): string {
  return `http://${family === 'IPv6' ? `[${address}]` : address === '0.0.0.0' ? '127.0.0.1' : address}:${port}`;
}

export class SwappableServer {
  private server: Server | undefined;
  private serving: Serving | undefined;
  /** Apps swapped out, closing once they have answered what they took. */
  private readonly retiring = new Set<Promise<void>>();
  private readonly hurry = new Set<() => void>();

  /**
   * `graceMs`: how long a swapped-out app may take to answer the requests it took before it is closed anyway;
   * `onError`: told when such an app fails to close.
   */
  constructor(private readonly options: { graceMs: number; onError: (error: unknown) => void }) {}

  /** For buildApp's `serverFactory`: the one server, made on the first call with that app's server options. */
  readonly serverFactory: FastifyServerFactory = (_handler, options) => (this.server ??= this.create(options));

  /** The app requests go to now. */
  get current(): FastifyInstance | undefined {
    return this.serving?.app;
  }

  private create(options: FactoryOptions): Server {
    const server = createServer(options.http ?? {}, (request, response) => this.dispatch(request, response));
    if (options.keepAliveTimeout !== undefined) server.keepAliveTimeout = options.keepAliveTimeout;
    if (options.requestTimeout !== undefined) server.requestTimeout = options.requestTimeout;
    server.setTimeout(options.connectionTimeout ?? 0);
    return server;
  }

  private dispatch(request: IncomingMessage, response: ServerResponse): void {
    const serving = this.serving;
    // Not before the first swap: listen() waits for it.
    if (!serving) return void response.writeHead(503, { connection: 'close' }).end();
    serving.inFlight += 1;
    response.once('close', () => {
      serving.inFlight -= 1;
      if (serving.inFlight === 0) serving.drained?.();
    });
    serving.app.routing(request, response);
  }

  /** Builds an app on this server with `make`; when that fails, whatever the app attached to the server goes again. */
  async build(make: () => Promise<FastifyInstance>): Promise<FastifyInstance> {
    const before = new Set(this.server?.listeners('clientError'));
    try {
      return await make();
    } catch (error) {
      for (const listener of this.server?.listeners('clientError') ?? []) {
        if (!before.has(listener)) this.server?.removeListener('clientError', listener as () => void);
      }
      throw error;
    }
  }

  /** Sends every request from now on to `app` (built by `build`, and ready); the app it replaces closes once drained. */
  swap(app: FastifyInstance): void {
    const server = this.server;
    if (!server || app.server !== server) throw new Error('the app was not built on this server');
    // Each app adds its clientError handler (buildApp's, alike in every app): one must answer a bad request, not one per app.
    for (const listener of server.listeners('clientError').slice(0, -1)) server.removeListener('clientError', listener as () => void);
    const previous = this.serving;
    this.serving = { app, inFlight: 0 };
    if (previous) this.retire(previous);
  }

  private retire(previous: Serving): void {
    const closed = (async () => {
      if (previous.inFlight > 0) {
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            this.hurry.delete(done);
            resolve();
          };
          const timer = setTimeout(done, this.options.graceMs);
          previous.drained = done;
          this.hurry.add(done);
        });
      }
      await previous.app.close();
    })()
      .catch(this.options.onError)
      .finally(() => this.retiring.delete(closed));
    this.retiring.add(closed);
  }

  /** Listens (once an app is swapped in) and answers the URL, as Fastify's listen does. */
  listen(options: { host: string; port: number }): Promise<string> {
    const server = this.server;
    if (!server || !this.serving) return Promise.reject(new Error('no app is swapped in to serve'));
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: options.host, port: options.port }, () => {
        server.removeListener('error', reject);
        resolve(urlOf(server.address() as AddressInfo));
      });
    });
  }

  /**
   * Closes the app serving now (its preClose hook answers later requests 503 and ends their connections), stops
   * taking connections and waits until every open one has ended, and closes the apps swapped out before at once.
   */
  async close(): Promise<void> {
    for (const done of [...this.hurry]) done();
    const server = this.server;
    const serverClosed =
      server &&
      new Promise<void>((resolve) => {
        // An error here can only say the server was not listening (it failed to listen, or never tried).
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    await Promise.all([this.serving?.app.close(), serverClosed, ...this.retiring]);
  }
}
