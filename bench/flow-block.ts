// The new flows, measured on a mock of their own started as `npm start` runs it (the default configuration):
// setAuditStatus (each a durable transaction with its two outbox rows) with the time each message then took to reach
// the Archive and Lantern, and the admin API's listRequests and countRequests over a full request journal.
import { type DeliveryLatency, adminHeaders, deliveryLatencies, prepareAudits } from './audit-flow-load.js';
import { runLoad } from './load.js';
import type { Rounds } from './rounds.js';
import { scenarios } from './scenarios.js';
import { mockKind, startServer } from './servers.js';
import { sizeLabel } from './workspace.js';

/**
 * Audits made for the status changes: each connection of each run (warm-ups and re-measurements too) takes one
 * (a smoke test has no re-measurements).
 */
const auditsPerBlock = (quick: boolean) => (quick ? 60 : 400);
/** Requests sent to fill the journal before it is queried (its default size is 1000). */
const journalFill = 1200;

export async function measureFlows(rounds: Rounds, size: number, log: (line: string) => void): Promise<DeliveryLatency[]> {
  const server = await startServer(mockKind(`mock ${sizeLabel(size)} (default, flows)`, await rounds.workspace.freshDataFile(size), 'default'));
  try {
    const target = { ...rounds.target(server, size), adminHeaders };
    const count = auditsPerBlock(rounds.options.quick);
    log(`flows: making ${count} audits`);
    target.audits = await prepareAudits(server, count, size, `${rounds.runTag}${Math.random().toString(36).slice(2, 6)}`);
    await rounds.measure('setAuditStatus', scenarios.setAuditStatus, 'mock', server, target, size, 'default');
    const latencies = await deliveryLatencies(server);
    for (const l of latencies) log(`flows: ${l.subscription}: ${l.delivered}/${l.messages} delivered, commit to delivery p50 ${l.p50Ms} ms, p99 ${l.p99Ms} ms`);
    // A full journal of reads and writes: half getCustomer, half upsertCustomer updates.
    const origin = `http://127.0.0.1:${server.port}`;
    await Promise.all([
      runLoad({ origin, requests: scenarios.getCustomer.requests(target), connections: 2, durationSec: 30, maxRequests: journalFill / 2, expectedStatus: [200] }),
      runLoad({ origin, requests: scenarios.upsertUpdate.requests(target), connections: 2, durationSec: 30, maxRequests: journalFill / 2, expectedStatus: [200] }),
    ]);
    await rounds.measure('listRequests', scenarios.listRequests, 'mock', server, target, size, 'default');
    await rounds.measure('countRequests', scenarios.countRequests, 'mock', server, target, size, 'default');
    return latencies;
  } finally {
    await server.stop();
  }
}
