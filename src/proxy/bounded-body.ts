// Reads a whole message body (a client's request, an upstream's answer) into memory, up to a bound: the proxy
// judges bodies whole, so it holds them, and the bound keeps one exchange from holding more than that.
import type { Readable } from 'node:stream';

/** The bound on a body the proxy reads, either way. */
export const proxyBodyLimit = 16 * 1024 * 1024;

export type BoundedBody = { overflow: false; bytes: Buffer } | { overflow: true };

/**
 * Resolves with the body once it has ended, or with `overflow` as soon as it passes `limit` (the rest is then
 * left unread: the caller decides whether to discard or drop it). Rejects when the stream breaks off first.
 */
export function readBounded(stream: Readable, limit: number): Promise<BoundedBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      cleanup();
      stream.pause();
      stream.on('error', () => undefined); // what breaks from now on is no longer read
      resolve({ overflow: true });
    };
    const onEnd = () => {
      cleanup();
      resolve({ overflow: false, bytes: Buffer.concat(chunks, size) });
    };
    const onBroken = (error?: Error) => {
      cleanup();
      reject(error ?? new Error('the body broke off before its end'));
    };
    const onClose = () => onBroken();
    const cleanup = () => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onBroken);
      stream.off('close', onClose);
    };
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onBroken);
    stream.on('close', onClose);
  });
}
