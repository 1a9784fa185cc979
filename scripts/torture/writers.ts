// Concurrent writers, each on ids of its own (so that each record's writes are sequential and its expected state
// exact): they create, change and delete customers and installations, create audits and walk them through the
// transition table, and tell the model every answer. A writer stops when it is told to, or once a request of its
// gets no answer (the mock died or is stopping); answers that refuse a write are counted by status and code.
import { readFileSync } from 'node:fs';
import type { OpenAPIV3_1 } from 'openapi-types';
import { parse } from 'yaml';
import { readTransitionTable } from '../../src/audit/transitions.js';
import { defaultSpecFile } from '../../src/project-files.js';
import { createCustomer, createInstallation } from '../../test/support/fixtures.js';
import { type Answer, call, problemCode } from './http.js';
import type { Fields, RecordWrite, WriteModel } from './write-model.js';

const table = readTransitionTable(parse(readFileSync(defaultSpecFile, 'utf8')) as OpenAPIV3_1.Document);

export interface WriterStats {
  /** Requests sent, writes acknowledged, and answers that refused a write, by `status code`. */
  sent: number;
  acknowledged: number;
  /** Acknowledged writes by what they did: `upsert customer`, `set audit status`, … */
  byWrite: Record<string, number>;
  refused: Record<string, number>;
  /** Refusals that came without the Retry-After a 503 storage-unavailable for a full disk carries. */
  withoutRetryAfter: number;
  unacknowledged: number;
}

export interface Writers {
  stop(): void;
  done: Promise<WriterStats>;
}

export interface WriterOptions {
  baseUrl: string;
  model: WriteModel;
  /** Ids start with `${prefix}${writer}-`. */
  prefix: string;
  count: number;
  random: () => number;
  token: string;
}

/** One write: the request, and the records it leaves when applied (given its answer, when there is one). */
interface Write {
  method: string;
  path: string;
  body?: unknown;
  bearer?: boolean;
  /** What it does, for the figures. */
  what: string;
  /** The status that acknowledges it. */
  ok: number;
  leaves: (answer: Answer | undefined) => RecordWrite[];
}

class Writer {
  private readonly ids: Record<'customers' | 'installations' | 'audits', string[]>;

  /** A writer takes up the records an earlier writer of the same name left. */
  constructor(
    private readonly name: string,
    private readonly options: WriterOptions,
  ) {
    const mine = `${name}-`;
    this.ids = { customers: options.model.idsOf('customers', mine), installations: options.model.idsOf('installations', mine), audits: options.model.idsOf('audits', mine) };
  }

  private number(): number {
    return this.options.model.nextNumber();
  }

  private pick(list: string[]): string | undefined {
    return list.length === 0 ? undefined : list[Math.floor(this.options.random() * list.length)];
  }

  private present(kind: 'customers' | 'installations' | 'audits'): string[] {
    this.ids[kind] = this.ids[kind].filter((id) => this.options.model.current(kind, id));
    return this.ids[kind];
  }

  private next(kind: 'customers' | 'installations' | 'audits', tag: string): string {
    const id = `${this.name}-${tag}${this.number()}`;
    this.ids[kind].push(id);
    return id;
  }

  /** An upsert of a customer or an installation: a create (201) when the model has no such record, else an update. */
  private upsert(kind: 'customers' | 'installations', id: string, body: Fields): Write {
    const before = this.options.model.current(kind, id);
    const noun = kind.slice(0, -1);
    return {
      method: 'POST',
      path: `/test/${kind}`,
      body,
      what: before ? `update ${noun}` : `create ${noun}`,
      ok: before ? 200 : 201,
      leaves: (answer) => [{ kind, id, value: answer ? (answer.body as Fields) : { ...body, version: ((before?.version as number) ?? 0) + 1 } }],
    };
  }

  private upsertCustomer(id: string): Write {
    return this.upsert('customers', id, createCustomer({ customerId: id, name: `Torture ${this.name} ${this.number()}` }));
  }

  private upsertInstallation(id: string, customerId: string): Write {
    return this.upsert('installations', id, createInstallation({ installationId: id, customerId, name: `Torture plant ${this.number()}` }));
  }

  private remove(kind: 'customers' | 'installations', id: string): Write {
    return { method: 'DELETE', path: `/test/${kind}/${id}`, what: `delete ${kind.slice(0, -1)}`, ok: 204, leaves: () => [{ kind, id, value: null }] };
  }

  private createAudit(installationId: string): Write {
    const id = this.next('audits', 'A');
    const body = { auditId: id, installationId, kind: 'periodic', title: `Torture audit ${this.number()}` };
    return { method: 'POST', path: '/test/audits', body, bearer: true, what: 'create audit', ok: 201, leaves: (answer) => [{ kind: 'audits', id, value: answer ? (answer.body as Fields) : { ...body, status: table.initial, version: 1 } }] };
  }

  private setStatus(auditId: string, audit: Fields): Write | undefined {
    const to = this.pick(table.allowed[audit.status as string] ?? []);
    if (!to) return undefined;
    const installationId = audit.installationId as string;
    return {
      method: 'POST',
      path: `/test/audits/${auditId}/status`,
      body: { status: to },
      bearer: true,
      what: 'set audit status',
      ok: 200,
      leaves: (answer) => {
        const next = answer ? (answer.body as Fields) : { ...audit, status: to, version: (audit.version as number) + 1 };
        const writes: RecordWrite[] = [{ kind: 'audits', id: auditId, value: next }];
        const installation = this.options.model.current('installations', installationId);
        if (to === table.setsLastAuditDate && installation) {
          const at = next.statusChangedAt as string | undefined;
          writes.push({ kind: 'installations', id: installationId, value: { ...installation, lastAuditDate: at?.slice(0, 10), updatedAt: at, version: (installation.version as number) + 1 } });
        }
        return writes;
      },
    };
  }

  /** The next write, chosen at random among those the writer's records allow. */
  private choose(): Write {
    const model = this.options.model;
    const customers = this.present('customers');
    const installations = this.present('installations');
    const audits = this.present('audits');
    const r = this.options.random();
    const usedCustomers = new Set(installations.map((id) => model.current('installations', id)?.customerId));
    const auditedInstallations = new Set(audits.map((id) => model.current('audits', id)?.installationId));
    const open = audits.filter((id) => (table.allowed[model.current('audits', id)?.status as string] ?? []).length > 0);
    const customer = this.pick(customers);
    if (customer === undefined || r < 0.22) return this.upsertCustomer(this.next('customers', 'C'));
    if (r < 0.34) return this.upsertCustomer(customer);
    if (r < 0.41) {
      const free = this.pick(customers.filter((id) => !usedCustomers.has(id)));
      if (free) return this.remove('customers', free);
    }
    const installation = this.pick(installations);
    if (installation === undefined || r < 0.56) return this.upsertInstallation(this.next('installations', 'I'), customer);
    if (r < 0.64) return this.upsertInstallation(installation, model.current('installations', installation)?.customerId as string);
    if (r < 0.7) {
      const free = this.pick(installations.filter((id) => !auditedInstallations.has(id)));
      if (free) return this.remove('installations', free);
    }
    const audit = this.pick(open);
    if (audit === undefined || r < 0.78) return this.createAudit(installation);
    return this.setStatus(audit, model.current('audits', audit) as Fields) ?? this.createAudit(installation);
  }

  async run(stopped: () => boolean, stats: WriterStats): Promise<void> {
    const { baseUrl, model, token } = this.options;
    while (!stopped()) {
      const write = this.choose();
      stats.sent++;
      const answer = await call(baseUrl, write.method, write.path, { body: write.body, token: write.bearer ? token : undefined });
      if (answer.status === undefined) {
        // Never answered: applied or not, nobody was told. A connection that was refused took nothing.
        if (!answer.refused) {
          model.unacknowledged(write.leaves(undefined));
          stats.unacknowledged++;
        }
        return;
      }
      if (answer.status === write.ok) {
        model.acknowledged(write.leaves(answer));
        stats.acknowledged++;
        stats.byWrite[write.what] = (stats.byWrite[write.what] ?? 0) + 1;
        continue;
      }
      const key = `${answer.status} ${problemCode(answer) ?? ''}`.trim();
      stats.refused[key] = (stats.refused[key] ?? 0) + 1;
      if (answer.status === 503 && problemCode(answer) === 'storage-unavailable' && !answer.headers.get('retry-after')) stats.withoutRetryAfter++;
    }
  }
}

export function startWriters(options: WriterOptions): Writers {
  let stopped = false;
  const stats = noStats();
  options.model.own(options.prefix);
  const writers = Array.from({ length: options.count }, (_, w) => new Writer(`${options.prefix}${w}`, options).run(() => stopped, stats));
  return {
    stop: () => {
      stopped = true;
    },
    done: Promise.all(writers).then(() => stats),
  };
}

/** Adds one session's figures to a running total. */
export function addStats(total: WriterStats, stats: WriterStats): WriterStats {
  const sum = (a: Record<string, number>, b: Record<string, number>) => {
    const out = { ...a };
    for (const [key, n] of Object.entries(b)) out[key] = (out[key] ?? 0) + n;
    return out;
  };
  return {
    sent: total.sent + stats.sent,
    acknowledged: total.acknowledged + stats.acknowledged,
    byWrite: sum(total.byWrite, stats.byWrite),
    refused: sum(total.refused, stats.refused),
    withoutRetryAfter: total.withoutRetryAfter + stats.withoutRetryAfter,
    unacknowledged: total.unacknowledged + stats.unacknowledged,
  };
}

export const noStats = (): WriterStats => ({ sent: 0, acknowledged: 0, byWrite: {}, refused: {}, withoutRetryAfter: 0, unacknowledged: 0 });

/** `1,204 create customer, 310 set audit status, …`, largest first. */
export const describeWrites = (stats: WriterStats): string =>
  Object.entries(stats.byWrite)
    .sort((a, b) => b[1] - a[1])
    .map(([what, n]) => `${n.toLocaleString('en-US')} ${what}`)
    .join(', ');
