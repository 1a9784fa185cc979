// Hostile list requests against a mock holding many records: limits and offsets spelled to slip past a parser
// (1e400, a repeated parameter, percent-encoded digits), offsets far past the end, the largest page there is,
// and a filter that matches every installation. Each must be a 400 (refused spelling or bound) or a 200 with at
// most one page (200 items), and the process's resident memory must stay near where it was: a page that were
// not bounded would be the whole collection, rendered as text, once for every request in the burst.
import { readFile, writeFile } from 'node:fs/promises';
import { readRss } from '../../bench/memory.js';
import type { MockClient } from './mock-client.js';
import { installationOwner, type LargeData } from './large-data-file.js';

export const hostileData: LargeData = { customers: 100_000, installations: 20_000 };

/**
 * How much the mock's resident memory may grow over its settled size during the burst: 64 MiB. The twenty
 * answers together hold at most 20 × 200 records (about 2 MB of JSON), so the rest of the room is for the
 * garbage collector's young generation and the allocator on a loaded machine. One unbounded page of the
 * 100,000 customers is about 45 MB of JSON, plus the records' parsed copies while it is built and the buffer
 * it is written from: a single one takes the process past the bound, and the burst asks for several.
 */
export const rssGrowthBoundMiB = 64;

export interface HostileList {
  /** Under /test. */
  path: string;
  status: 200 | 400;
  /** For a 200: the number of items the page must hold, and the total. */
  items?: number;
  total?: number;
}

const customers = hostileData.customers;
const installations = hostileData.installations;

/** Twenty requests, sent at once. */
export const hostileLists: HostileList[] = [
  { path: '/customers?limit=1e400', status: 400 },
  { path: '/customers?offset=1e400', status: 400 },
  { path: '/customers?limit=200&offset=99999', status: 200, items: 1, total: customers },
  { path: '/customers?limit=200&offset=1000000', status: 200, items: 0, total: customers },
  { path: '/customers?limit=200&offset=1000001', status: 400 },
  { path: '/customers?offset=99999999999999999999999', status: 400 },
  { path: '/customers?limit=200', status: 200, items: 200, total: customers },
  { path: '/customers?limit=200&limit=200', status: 400 },
  { path: '/customers?limit=201', status: 400 },
  { path: `/customers?limit=${customers}`, status: 400 },
  { path: '/customers?limit=0', status: 400 },
  { path: '/customers?limit=-1&offset=-1', status: 400 },
  { path: '/customers?limit=Infinity', status: 400 },
  { path: '/customers?limit=9007199254740993', status: 400 },
  { path: '/customers?limit=%31%30%30%30%30%30', status: 400 },
  // A filter the operation does not have is refused, not ignored (ignored, it would match every customer).
  { path: '/customers?status=active&limit=200', status: 400 },
  { path: '/customers?limit=200&offset=50000', status: 200, items: 200, total: customers },
  { path: `/installations?customerId=${installationOwner}&limit=200`, status: 200, items: 200, total: installations },
  { path: `/installations?customerId=${installationOwner}&limit=200&offset=${installations - 100}`, status: 200, items: 100, total: installations },
  { path: `/installations?customerId=${installationOwner}&customerId=${installationOwner}&limit=200`, status: 400 },
];

/** Bounded, valid pages: the requests a settled mock has already served before the burst. */
export const warmUpLists: string[] = Array.from({ length: 20 }, (_, i) => (i % 4 === 3 ? `/installations?customerId=${installationOwner}&limit=200&offset=${i * 500}` : `/customers?limit=200&offset=${i * 4000}`));

export interface ListVerdict {
  path: string;
  status: number | undefined;
  items: number | undefined;
  /** What is wrong with the answer; undefined when it is as expected. */
  problem: string | undefined;
}

function judge(expected: HostileList, status: number, body: unknown): string | undefined {
  if (status !== expected.status) return `expected ${expected.status}, got ${status}`;
  if (status === 400) {
    const problem = body as { code?: string; errors?: { in: string }[] };
    if (problem.code !== 'validation-failed' || !problem.errors?.some((e) => e.in === 'query')) return 'a 400 that does not name a query parameter';
    return undefined;
  }
  const page = body as { items: unknown[]; total: number };
  if (page.items.length > 200) return `a page of ${page.items.length} items`;
  if (expected.items !== undefined && page.items.length !== expected.items) return `expected ${expected.items} items, got ${page.items.length}`;
  if (expected.total !== undefined && page.total !== expected.total) return `expected total ${expected.total}, got ${page.total}`;
  return undefined;
}

/** Sends every request at once; the client checks each answer against the spec (a documented status and shape). */
export function askAtOnce(client: MockClient, lists: HostileList[] = hostileLists): Promise<ListVerdict[]> {
  return Promise.all(
    lists.map(async (expected): Promise<ListVerdict> => {
      try {
        const response = await client.request('test', 'GET', expected.path);
        const items = response.status === 200 ? (response.body as { items: unknown[] }).items.length : undefined;
        return { path: expected.path, status: response.status, items, problem: judge(expected, response.status, response.body) };
      } catch (error) {
        return { path: expected.path, status: undefined, items: undefined, problem: (error as Error).message.split('\n').slice(0, 3).join(' ') };
      }
    }),
  );
}

/** Resets the process's peak resident size (VmHWM) to its current one; false where Linux does not allow it. */
export async function resetPeak(pid: number): Promise<boolean> {
  try {
    await writeFile(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** The resident size once two readings a quarter second apart agree within 2 MiB (at most 5 s of readings). */
export async function settledRssMiB(pid: number): Promise<number> {
  let last = (await readRss(pid)).rssMiB;
  for (let i = 0; i < 20; i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = (await readRss(pid)).rssMiB;
    if (Math.abs(now - last) < 2) return now;
    last = now;
  }
  return last;
}

export interface RssGrowth {
  settledMiB: number;
  afterMiB: number;
  /** The peak during the work, when the peak could be reset before it. */
  peakMiB: number | undefined;
  /** The larger of peak and after, less settled. */
  growthMiB: number;
}

/** Runs `work` and reports how much the process's resident memory grew during it. */
export async function rssGrowthDuring<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; rss: RssGrowth }> {
  const settledMiB = await settledRssMiB(pid);
  const peakKnown = await resetPeak(pid);
  const result = await work();
  const after = await readRss(pid);
  const peakMiB = peakKnown ? after.peakMiB : undefined;
  const growthMiB = Math.max(after.rssMiB, peakMiB ?? 0) - settledMiB;
  return { result, rss: { settledMiB, afterMiB: after.rssMiB, peakMiB, growthMiB } };
}

/** Whether this system reports resident memory as the test reads it (Linux's /proc). */
export async function canReadRss(): Promise<boolean> {
  return readFile('/proc/self/status', 'utf8').then(
    (text) => /^VmRSS:/m.test(text),
    () => false,
  );
}
