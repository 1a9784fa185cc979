// The audit flow under load: audits to change the status of (made through the API before the run), and, after
// it, how long each committed outbox message took to reach the Archive and Lantern (the admin API's outbox:
// enqueuedAt, at the commit, to deliveredAt), by subscription.
import { devAdminKey, devJwtSecret } from '../src/config.js';
import { mintDevToken } from '../src/http/dev-token.js';
import type { AuditPool } from './scenarios.js';
import { customerBody, customerId } from './seed.js';
import type { Server } from './servers.js';
import { authHeaders } from './servers.js';

export const adminHeaders = { 'x-admin-key': devAdminKey };

async function post(url: string, headers: Record<string, string>, body: unknown): Promise<void> {
  const answer = await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (answer.status !== 201 && answer.status !== 200) throw new Error(`POST ${new URL(url).pathname} answered ${answer.status}: ${(await answer.text()).slice(0, 300)}`);
}

/** Makes `count` audits (each on an installation of its own, of the seeded customers), all planned. */
export async function prepareAudits(server: Server, count: number, seeded: number, runTag: string): Promise<AuditPool> {
  const bearer = await mintDevToken({ subject: 'bench@example.no', environment: 'test', expiresIn: '12h', secret: devJwtSecret });
  const make = async (i: number): Promise<string> => {
    const customer = customerBody(i % seeded);
    const installationId = `INST-BENCH-${runTag}-${i}`;
    await post(`${server.baseUrl}/installations`, authHeaders, {
      installationId,
      customerId: customerId(i % seeded),
      name: `Benchmark plant ${i}`,
      type: 'solar',
      status: 'planned',
      address: customer.address,
    });
    const auditId = `AUD-BENCH-${runTag}-${i}`;
    await post(`${server.baseUrl}/audits`, { authorization: `Bearer ${bearer}` }, { auditId, installationId, kind: 'periodic', title: `Benchmark audit ${i}` });
    return auditId;
  };
  const audits: string[] = [];
  // Ten at a time.
  for (let i = 0; i < count; i += 10) audits.push(...(await Promise.all(Array.from({ length: Math.min(10, count - i) }, (_, k) => make(i + k)))));
  return { bearer, free: audits, step: new Map() };
}

export interface DeliveryLatency {
  subscription: string;
  messages: number;
  delivered: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

interface OutboxPage {
  items: { subscription: string; enqueuedAt: string; deliveredAt: string | null }[];
  total: number;
}

const percentile = (sorted: number[], q: number) => (sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0));

/** Waits (60 s at most) until no message is pending, then reads every message of the test environment. */
export async function deliveryLatencies(server: Server): Promise<DeliveryLatency[]> {
  const admin = `http://127.0.0.1:${server.port}/__admin`;
  const page = async (query: string): Promise<OutboxPage> => {
    const answer = await fetch(`${admin}/outbox?environment=test&${query}`, { headers: adminHeaders });
    if (answer.status !== 200) throw new Error(`GET /__admin/outbox answered ${answer.status}`);
    return (await answer.json()) as OutboxPage;
  };
  const deadline = Date.now() + 60_000;
  while ((await page('state=pending&limit=1')).total > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
  const bySubscription = new Map<string, { messages: number; latencies: number[] }>();
  for (let offset = 0; ; offset += 500) {
    const { items, total } = await page(`limit=500&offset=${offset}`);
    for (const item of items) {
      const entry = bySubscription.get(item.subscription) ?? { messages: 0, latencies: [] };
      entry.messages++;
      if (item.deliveredAt !== null) entry.latencies.push(Date.parse(item.deliveredAt) - Date.parse(item.enqueuedAt));
      bySubscription.set(item.subscription, entry);
    }
    if (offset + 500 >= total) break;
  }
  return [...bySubscription].map(([subscription, { messages, latencies }]) => {
    const sorted = latencies.sort((a, b) => a - b);
    return { subscription, messages, delivered: sorted.length, p50Ms: percentile(sorted, 0.5), p99Ms: percentile(sorted, 0.99), maxMs: sorted.at(-1) ?? 0 };
  });
}
