// A body refused before it was read in full (413: larger than the limit; or any error answered before the body
// was read, such as 401) is still on its way from the client. Closing the connection now would reset it under
// a client that is still sending, and the client would see a broken connection instead of the answer. So the
// rest of the body is read and thrown away while the answer goes out, and the connection stays usable; only a
// body beyond a second, larger bound gets the connection closed.
import type { FastifyReply, FastifyRequest } from 'fastify';

/** How much of a refused body is read and discarded, in all, before the connection is closed instead. */
export const refusedBodyDrainLimit = 16 * 1024 * 1024;

export function discardRefusedBody(request: FastifyRequest, reply: FastifyReply, limit = refusedBodyDrainLimit): void {
  const raw = request.raw;
  const declared = Number(request.headers['content-length']);
  if (raw.complete) return; // nothing left to read
  if (declared > limit) {
    reply.header('connection', 'close'); // too much to read
    return;
  }
  reply.removeHeader('connection');
  let discarded = 0;
  raw.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > limit) raw.socket.destroy();
  });
  raw.resume();
}
