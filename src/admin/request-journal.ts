// The request journal: the last `size` requests the mock received outside its admin API and what it answered,
// redacted (redaction.ts) the first time a read needs an entry, read newest first through the filters of the admin
// API's listRequests and countRequests. Plain data code: the HTTP layer calls `keep`, which only stores.
import { journalEntry, SecretRedactor } from './redaction.js';
import type { RecordedRequest } from '../http/request-journaling.js';
import type { JournalEntry } from './journal-entry.js';

export type { JournalEntry } from './journal-entry.js';

/** What the HTTP layer records of a request (http/request-journaling.ts), before redaction. */
export type { RecordedRequest };

/** The filters of listRequests and countRequests; an entry matches when it matches every one given. */
export interface JournalFilter {
  environment?: string;
  operationId?: string;
  method?: string;
  status?: number;
  /** A prefix of the path as recorded (redacted, not decoded): `/test/customers` matches `/test/customers/CUST-1`. */
  path?: string;
  /** Date-times (compared as times, not as text): entries received at or after `since`, and before `until`. */
  since?: string;
  until?: string;
  /** An RFC 6901 JSON Pointer into the request body parsed as JSON: entries with a value (even null) there. */
  bodyPointer?: string;
  /** The value at bodyPointer: a string as it is, any other value as its JSON text. Without bodyPointer, nothing matches. */
  bodyEquals?: string;
}

/**
 * Longest request body (redacted) the bodyPointer filter looks at. Such a body is kept whole beside its entry,
 * so the filter sees past the cut of requestBody, and parsed as JSON the first time a filter needs it. A longer
 * body, or one that is not JSON, never matches a bodyPointer filter.
 */
export const maxPointerBodyChars = 65536;

/**
 * An entry, with its request body whole for the bodyPointer filter. Recording keeps the request as the HTTP layer
 * saw it, without copying it: redaction makes the entry the first time a read needs it, and keeps it.
 */
class Slot {
  private made: { entry: JournalEntry; body: string | undefined } | undefined;
  /** The body's parse, made on first use: undefined before, null when it is not JSON. */
  parsed?: { json: unknown } | null;

  constructor(
    readonly id: string,
    readonly timeMs: number,
    private request: RecordedRequest | undefined,
    private readonly redactor: SecretRedactor,
  ) {}

  /** Makes the entry now: for a body too long to keep whole, which is cut at once. */
  make(): this {
    if (this.made === undefined && this.request !== undefined) {
      const { entry, requestBody } = journalEntry(this.id, this.request, this.redactor);
      this.made = { entry, body: requestBody !== undefined && requestBody.length <= maxPointerBodyChars ? requestBody : undefined };
      this.request = undefined;
    }
    return this;
  }

  get entry(): JournalEntry {
    return (this.make().made as { entry: JournalEntry }).entry;
  }

  /** The whole request body, redacted; undefined: none, or too long to keep. */
  get body(): string | undefined {
    return this.make().made?.body;
  }
}

/** The last `size` entries in a ring: recording is O(1), reading walks it newest first. `size` 0 keeps none. */
export class RequestJournal {
  readonly size: number;
  private readonly redactor: SecretRedactor;
  private readonly slots: (Slot | undefined)[];
  private next = 0;
  private held = 0;
  private sequence = 0;

  /** `secrets`: every value to replace with `[redacted]` wherever it occurs (see SecretRedactor). */
  constructor(options: { size: number; secrets: readonly string[] }) {
    if (!Number.isInteger(options.size) || options.size < 0) throw new RangeError(`The journal size must be a whole number, 0 or more: ${options.size}.`);
    this.size = options.size;
    this.redactor = new SecretRedactor(options.secrets);
    this.slots = new Array<Slot | undefined>(options.size).fill(undefined);
  }

  /**
   * Keeps a request (the oldest entry gives way once the journal is full) as it is, without copying it: its entry
   * is made, redacted, the first time a read needs it. What the HTTP layer calls, once per request.
   */
  keep(request: RecordedRequest): void {
    this.add(this.slotFor(request));
  }

  /** Records a request as keep() does, and returns its entry, made at once. */
  record(request: RecordedRequest): JournalEntry {
    return this.add(this.slotFor(request)).entry;
  }

  private add(slot: Slot): Slot {
    if (this.size > 0) {
      this.slots[this.next] = slot;
      this.next = (this.next + 1) % this.size;
      this.held = Math.min(this.held + 1, this.size);
    }
    return slot;
  }

  /** One page of the entries that match, newest first, and how many match in all. */
  list(filter: JournalFilter, page: { limit: number; offset: number }): { items: JournalEntry[]; total: number } {
    const matches = matcher(filter);
    const items: JournalEntry[] = [];
    let total = 0;
    for (let back = 1; back <= this.held; back++) {
      const slot = this.slots[(this.next - back + this.size) % this.size];
      if (slot === undefined || !matches(slot)) continue;
      if (total >= page.offset && items.length < page.limit) items.push(slot.entry);
      total++;
    }
    return { items, total };
  }

  count(filter: JournalFilter): number {
    return this.list(filter, { limit: 0, offset: 0 }).total;
  }

  /** Forgets every entry; ids go on from where they were. */
  clear(): void {
    this.slots.fill(undefined);
    this.next = 0;
    this.held = 0;
  }

  private slotFor(request: RecordedRequest): Slot {
    const recorded = Number.isNaN(request.time.getTime()) ? { ...request, time: new Date() } : request;
    const slot = new Slot(`req-${++this.sequence}`, recorded.time.getTime(), recorded, this.redactor);
    // A body longer than the filter looks at is cut now, so that the journal never holds more of it than it shows.
    return request.body !== undefined && request.body.length > maxPointerBodyChars ? slot.make() : slot;
  }
}

function matcher(filter: JournalFilter): (slot: Slot) => boolean {
  const { environment, operationId, method, status, path, since, until, bodyPointer, bodyEquals } = filter;
  const tests: ((slot: Slot) => boolean)[] = [];
  if (environment !== undefined) tests.push(({ entry }) => entry.environment === environment);
  if (operationId !== undefined) tests.push(({ entry }) => entry.operationId === operationId);
  const upperMethod = method?.toUpperCase();
  if (upperMethod !== undefined) tests.push(({ entry }) => entry.method === upperMethod);
  if (status !== undefined) tests.push(({ entry }) => entry.status === status);
  if (path !== undefined) tests.push(({ entry }) => entry.path.startsWith(path));
  const [from, to] = [since, until].map((time) => (time === undefined ? undefined : Date.parse(time)));
  if (from !== undefined) tests.push(({ timeMs }) => timeMs >= from); // NaN (not a date-time) matches nothing
  if (to !== undefined) tests.push(({ timeMs }) => timeMs < to);
  if (bodyPointer !== undefined || bodyEquals !== undefined) {
    const tokens = bodyPointer === undefined ? undefined : parsePointer(bodyPointer);
    tests.push((slot) => tokens !== undefined && bodyMatches(slot, tokens, bodyEquals));
  }
  return (slot) => tests.every((test) => test(slot));
}

function bodyMatches(slot: Slot, tokens: readonly string[], equals: string | undefined): boolean {
  if (slot.parsed === undefined) {
    slot.parsed = null;
    try {
      if (slot.body !== undefined) slot.parsed = { json: JSON.parse(slot.body) as unknown };
    } catch {
      // Not JSON: it never matches.
    }
  }
  const found = slot.parsed === null ? undefined : resolvePointer(slot.parsed.json, tokens);
  if (found === undefined) return false;
  return equals === undefined || (typeof found.value === 'string' ? found.value : JSON.stringify(found.value)) === equals;
}

/** The value a pointer's tokens name in a JSON document, undefined when there is none. */
export function resolvePointer(document: unknown, tokens: readonly string[]): { value: unknown } | undefined {
  let value = document;
  for (const token of tokens) {
    if (Array.isArray(value)) {
      if (!/^(?:0|[1-9][0-9]*)$/.test(token) || Number(token) >= value.length) return undefined;
      value = value[Number(token)];
    } else if (typeof value === 'object' && value !== null && Object.hasOwn(value, token)) {
      value = (value as Record<string, unknown>)[token];
    } else return undefined;
  }
  return { value };
}

/** Why a text is not an RFC 6901 JSON Pointer, undefined when it is one. */
export function pointerProblem(pointer: string): string | undefined {
  if (pointer !== '' && !pointer.startsWith('/')) return 'must be a JSON Pointer: "" or starting with "/"';
  if (/~(?![01])/.test(pointer)) return 'must be a JSON Pointer: a "~" in it is written "~0", a "/" within a name "~1"';
  return undefined;
}

/** A JSON Pointer's reference tokens, unescaped (`~1` is `/`, `~0` is `~`); undefined when it is not one. */
export function parsePointer(pointer: string): string[] | undefined {
  if (pointerProblem(pointer) !== undefined) return undefined;
  return pointer === '' ? [] : pointer.slice(1).split('/').map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** What makes a filter unusable, as violations of the query (the route answers them with a 400). */
export function filterProblems(filter: JournalFilter): { in: 'query'; pointer: string; message: string }[] {
  const problems: { in: 'query'; pointer: string; message: string }[] = [];
  const pointerMessage = filter.bodyPointer === undefined ? undefined : pointerProblem(filter.bodyPointer);
  if (pointerMessage !== undefined) problems.push({ in: 'query', pointer: '/bodyPointer', message: pointerMessage });
  if (filter.bodyEquals !== undefined && filter.bodyPointer === undefined) {
    problems.push({ in: 'query', pointer: '/bodyEquals', message: 'needs bodyPointer: the value it names is compared with it' });
  }
  return problems;
}

const textFilters = ['environment', 'operationId', 'method', 'path', 'since', 'until', 'bodyPointer', 'bodyEquals'] as const;

/** The filter in the (validated) query of listRequests or countRequests; other keys, such as limit, are ignored. */
export function journalFilterFromQuery(query: Record<string, unknown>): JournalFilter {
  const filter: JournalFilter = {};
  for (const key of textFilters) {
    const value = query[key];
    if (typeof value === 'string') filter[key] = value;
  }
  const status = query.status;
  if (typeof status === 'number' && Number.isInteger(status)) filter.status = status;
  else if (typeof status === 'string' && /^[0-9]{3}$/.test(status)) filter.status = Number(status);
  return filter;
}
