// Requests on one connection take effect in the order they were sent, even pipelined. Node's server hands a
// pipelined request to Fastify as soon as its head is parsed, so a GET sent right behind a POST would run
// while the POST's body is still being read, and miss the record the POST creates. Here each request waits
// for the one before it on its connection to be answered; connections with one request at a time (nearly all
// of them) never wait.
//
// The same place counts requests per connection: past `maxRequestsPerSocket`, the answer says
// `Connection: close` and the connection ends after it, the way HTTP closes a connection. (Node's own limit
// instead answers a bare 503 to every request that was already sent behind the last one.)
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

interface Turns {
  /** A request of this connection is being handled. */
  busy: boolean;
  /** The requests behind it, in order: each is let through when the one before it is answered. */
  waiting: (() => void)[];
  served: number;
}

export function registerConnectionTurns(app: FastifyInstance, maxRequestsPerSocket: number): void {
  const turns = new WeakMap<Socket, Turns>();
  app.addHook('onRequest', (request, reply, done) => {
    const socket = request.raw.socket;
    let turn = turns.get(socket);
    if (!turn) turns.set(socket, (turn = { busy: false, waiting: [], served: 0 }));
    const current = turn;
    if (maxRequestsPerSocket > 0 && ++current.served >= maxRequestsPerSocket) reply.header('connection', 'close');
    // 'close' follows the answer's last byte, and an aborted request too: the turn passes either way.
    reply.raw.once('close', () => {
      const next = current.waiting.shift();
      if (next) next();
      else current.busy = false;
    });
    if (!current.busy) {
      current.busy = true;
      done();
    } else current.waiting.push(done);
  });
}
