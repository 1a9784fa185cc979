// Raw HTTP/1.1 over a socket, for requests that no HTTP client would send (a broken request line, a head too
// large, a stalled request) and to see an answer exactly as the server wrote it, headers included.
import { connect } from 'node:net';

export interface RawAnswer {
  /** Everything the server wrote, as latin1 text. */
  text: string;
  status: number | undefined;
  /** The parsed JSON body of the first answer, when it has one. */
  body: unknown;
}

function parse(text: string): RawAnswer {
  const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
  const start = text.indexOf('\r\n\r\n');
  let body: unknown;
  try {
    body = start >= 0 ? JSON.parse(text.slice(start + 4)) : undefined;
  } catch {
    body = undefined;
  }
  return { text, status: status === undefined ? undefined : Number(status), body };
}

/** A piece to write, or a function that resolves with it once the test is ready for it to be written. */
export type Piece = string | (() => Promise<string>);

/**
 * Writes `request` (pieces are written `pause` ms apart) and collects what comes back until the server closes the
 * connection or `timeout` ms have passed.
 */
export function rawExchange(origin: string, request: string | Piece[], { pause = 0, timeout = 5000 } = {}): Promise<RawAnswer> {
  const { hostname, port } = new URL(origin);
  const pieces = typeof request === 'string' ? [request] : request;
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let text = '';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(parse(text));
    };
    const timer = setTimeout(done, timeout);
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('error', done);
    socket.on('close', done);
    void (async () => {
      for (const [i, piece] of pieces.entries()) {
        if (i > 0 && pause > 0) await new Promise((r) => setTimeout(r, pause));
        const text = typeof piece === 'string' ? piece : await piece();
        if (!socket.destroyed) socket.write(text);
      }
    })();
  });
}
