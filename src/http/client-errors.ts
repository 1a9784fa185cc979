// Requests that never reach Fastify: Node's HTTP parser refuses them (a bad request line, a head too large) or
// its timer gives up on them (a request that does not arrive in time). Node then emits `clientError` on the
// server with the socket; this handler answers on the raw socket with the catalogue's problem, never with any
// part of the request, and closes the connection.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { ApiError } from '../errors/api-error.js';
import { catalogue } from '../errors/catalogue.js';
import { toProblem } from '../errors/problem.js';
import { maxHeaderBytes, maxUrlLength } from './request-limits.js';

interface ParserError extends Error {
  code?: string;
  /** What the parser was given when it failed (Node passes a Buffer, whatever Fastify's types say). */
  rawPacket?: unknown;
}

/** A request whose request line alone overflowed the head: the data starts a request line and has no line break in reach. */
function requestLineTooLong(packet: unknown): boolean {
  if (!Buffer.isBuffer(packet) || !/^[A-Z]+ /.test(packet.subarray(0, 16).toString('latin1'))) return false;
  const lineEnd = packet.indexOf('\r\n');
  return lineEnd === -1 || lineEnd > maxUrlLength;
}

export function clientProblem(error: ParserError): ApiError {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return new ApiError(catalogue.requestTimeout, 'The request did not arrive in full in time.');
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return requestLineTooLong(error.rawPacket)
      ? new ApiError(catalogue.uriTooLong, `The request line is longer than ${maxUrlLength} bytes.`)
      : new ApiError(catalogue.headersTooLarge, `The request line and header fields are larger than ${maxHeaderBytes} bytes in all.`);
  }
  return new ApiError(catalogue.badRequest, 'The request is not valid HTTP/1.1: its request line or a header field could not be parsed.');
}

/** The bytes of a complete HTTP/1.1 response carrying the problem, closing the connection. */
export function rawProblemResponse(problem: ApiError): string {
  const { status, body } = toProblem(problem, 'none');
  const text = JSON.stringify(body);
  return [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    'Content-Type: application/problem+json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(text)}`,
    'Connection: close',
    '',
    text,
  ].join('\r\n');
}

export function handleClientError(error: ParserError, socket: Socket): void {
  // A reset connection, or one already answered in part (a response under way), can only be closed.
  const responding = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
  if (error.code !== 'ECONNRESET' && socket.writable && !responding) socket.end(rawProblemResponse(clientProblem(error)));
  socket.destroySoon();
}
