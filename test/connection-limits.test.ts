// Many slow clients do not lock out a normal one: 2,000 connections that send a request head and then stall hold a
// file descriptor each, far below the cap, and a normal client is still answered. Past the cap, new connections are
// closed at once rather than queued. Keep-alive clients are told the documented idle timeout and request limit.
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { rawExchange } from './support/raw-http.js';
import { testKeys } from './support/test-keys.js';

let app: FastifyInstance | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await app?.close();
  app = undefined;
});

async function listening(connections: Parameters<typeof buildApp>[0]['connections'] = {}): Promise<{ port: number; origin: string }> {
  app = await buildApp({ apiKeys: testKeys, connections });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { port, origin: `http://127.0.0.1:${port}` };
}

/** A client that sends half a request head and stalls; resolves once connected, with whether the server closed it. */
function slowClient(port: number): Promise<{ closed: Promise<boolean> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write('GET /test/customers HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      resolve({ closed: new Promise((done) => socket.once('close', () => done(true))) });
    });
    socket.on('error', () => undefined);
    socket.once('error', reject);
    sockets.push(socket);
  });
}

describe('connection limits', () => {
  it('answers a normal client while 2,000 slow ones hold their connections', async () => {
    const { port, origin } = await listening();
    for (let opened = 0; opened < 2000; opened += 200) await Promise.all(Array.from({ length: 200 }, () => slowClient(port)));
    const response = await fetch(`${origin}/test/customers`, { headers: { 'x-api-key': testKeys.test }, signal: AbortSignal.timeout(15_000) });
    expect(response.status).toBe(200);
    await new Promise<number>((resolve, reject) => app?.server.getConnections((error, count) => (error ? reject(error) : resolve(count)))).then((count) => expect(count).toBeGreaterThanOrEqual(2000));
  }, 60_000);

  it('closes connections past the cap at once, and keeps serving once a place is free', async () => {
    const { port, origin } = await listening({ maxConnections: 20 });
    const held = [];
    for (let i = 0; i < 20; i++) held.push(await slowClient(port));
    const beyond = await slowClient(port);
    await expect(beyond.closed).resolves.toBe(true);
    for (const socket of sockets.splice(0, 5)) socket.destroy();
    await Promise.all(held.slice(0, 5).map((client) => client.closed));
    const response = await fetch(`${origin}/test/customers`, { headers: { 'x-api-key': testKeys.test }, signal: AbortSignal.timeout(15_000) });
    expect(response.status).toBe(200);
  });

  it('tells keep-alive clients the documented idle timeout', async () => {
    const { origin } = await listening();
    const response = await fetch(`${origin}/test/customers`, { headers: { 'x-api-key': testKeys.test } });
    expect(response.headers.get('keep-alive')).toBe('timeout=5');
  });

  it('closes a connection after its last allowed request, with Connection: close, never a bare 503 to the requests behind it', async () => {
    const { origin } = await listening({ maxRequestsPerSocket: 3 });
    const head = `GET /test/customers HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: ${testKeys.test}\r\n\r\n`;
    // Five requests pipelined on one connection: three are answered, the third with Connection: close, and then
    // the connection ends; the two behind it were never taken, as HTTP has it when a server closes.
    const answer = await rawExchange(origin, head.repeat(5));
    const statuses = [...answer.text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => m[1]);
    expect(statuses).toEqual(['200', '200', '200']);
    expect(answer.text.split('HTTP/1.1 ')[3]).toMatch(/\r\nconnection: close\r\n/i);
  });
});
