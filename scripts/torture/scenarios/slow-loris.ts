// Thousands of slow clients: each opens a connection, sends half a request head and then one more header line a
// second, never finishing. Meanwhile a normal client, on a fresh connection each time, must still be answered
// 200 within a second, every time.
import { connect, type Socket } from 'node:net';
import { httpGet } from '../../../bench/processes.js';
import { testKeys } from '../../../test/support/test-keys.js';
import { startMockProcess, stopMock, workdir } from '../mocks.js';
import { count, type Outcome, type Scenario } from '../scenario.js';

const slowClients = 3000;
const holdMs = 8000;
const probes = 12;
const answerWithinMs = 1000;

function slowClient(port: number, sockets: Socket[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write('GET /test/customers HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      resolve();
    });
    socket.on('error', () => undefined);
    socket.once('error', reject);
    sockets.push(socket);
  });
}

export const slowLoris: Scenario = {
  name: 'slow-loris',
  share: 0,
  async run(): Promise<Outcome> {
    const work = await workdir();
    const mock = await startMockProcess(work.dataFile);
    const port = Number(new URL(mock.baseUrl).port);
    const sockets: Socket[] = [];
    const latencies: number[] = [];
    const failures: string[] = [];
    let trickle: NodeJS.Timeout | undefined;
    let open: number;
    try {
      for (let opened = 0; opened < slowClients; opened += 200) await Promise.all(Array.from({ length: 200 }, () => slowClient(port, sockets)));
      let line = 0;
      trickle = setInterval(() => {
        line++;
        for (const socket of sockets) if (!socket.destroyed) socket.write(`X-Slow-${line}: 1\r\n`);
      }, 1000);
      for (let probe = 0; probe < probes; probe++) {
        await new Promise((resolve) => setTimeout(resolve, holdMs / probes));
        const start = performance.now();
        try {
          const answer = await httpGet(`${mock.baseUrl}/test/customers?limit=1`, { 'x-api-key': testKeys.test }, 10_000);
          latencies.push(Math.round(performance.now() - start));
          if (answer.status !== 200) failures.push(`probe ${probe + 1}: ${answer.status}`);
        } catch (error) {
          failures.push(`probe ${probe + 1}: ${(error as Error).message}`);
        }
      }
      open = sockets.filter((s) => !s.destroyed).length;
      const slow = latencies.filter((ms) => ms > answerWithinMs);
      if (slow.length > 0) failures.push(`${slow.length} of ${probes} probes took more than ${answerWithinMs} ms: ${slow.join(', ')} ms`);
    } finally {
      clearInterval(trickle);
      for (const socket of sockets) socket.destroy();
      await stopMock(mock);
      await work.remove();
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      done: `${count(slowClients)} connections sending a request head one line a second for ${holdMs / 1000} s; ${probes} normal GETs on fresh connections meanwhile`,
      result: `${latencies.length}/${probes} answered 200, slowest ${sorted.at(-1) ?? '–'} ms, median ${sorted[Math.floor(sorted.length / 2)] ?? '–'} ms (limit ${answerWithinMs} ms); ${count(open)} slow connections still held`,
      pass: failures.length === 0 && latencies.length === probes,
      figures: { slowClients, holdMs, probes, answered: latencies.length, slowestMs: sorted.at(-1) ?? -1, medianMs: sorted[Math.floor(sorted.length / 2)] ?? -1, stillHeld: open },
      failures,
    };
  },
};
