// What the mock must hold after writes some of which were acknowledged: for each record a writer touched, the
// state its last acknowledged write left (exact: the record the answer carried), and for a write whose answer
// never came (the process died, the connection broke) the state it would leave if applied. After a restart
// every record must be in its acknowledged state, or, where an unacknowledged write was in flight, in the state
// that write leaves, all of that write's records together (a transaction is not torn).
import { jsonEqual } from '../../src/handlers/json-equal.js';
import type { EnvironmentState } from './http.js';

export type Kind = 'customers' | 'installations' | 'audits';
export type Fields = Record<string, unknown>;

export interface RecordWrite {
  kind: Kind;
  id: string;
  /** The record afterwards; null when the write deletes it. */
  value: Fields | null;
}

/** Fields the server sets to its own clock: an unacknowledged write's record cannot predict them. */
const clockFields = ['createdAt', 'updatedAt', 'statusChangedAt', 'lastAuditDate'];

function withoutClock(fields: Fields | null): Fields | null {
  if (!fields) return null;
  return Object.fromEntries(Object.entries(fields).filter(([key]) => !clockFields.includes(key)));
}

export interface Verdict {
  /** Records compared. */
  checked: number;
  /** Acknowledged states not found: `kind/id: expected …, found …`. */
  lost: string[];
  /** Unacknowledged writes found applied, and not applied. */
  unsureApplied: number;
  unsureNotApplied: number;
  /** Writes found half applied, or records in a state no write made. */
  torn: string[];
  /** Records under a writer's prefix that no write made. */
  phantoms: string[];
  /** Installations whose customer, or audits whose installation, is missing. */
  orphans: string[];
  /** Audits whose version is not one more than their history's length. */
  historyMismatches: string[];
}

export class WriteModel {
  private readonly acked = new Map<string, Fields | null>();
  private unsure: RecordWrite[][] = [];
  private readonly prefixes = new Set<string>();
  private numbers = 0;
  /** Writes acknowledged so far, and writes whose answer never came. */
  acknowledgedWrites = 0;
  unsureWrites = 0;

  private static key(kind: Kind, id: string): string {
    return `${kind}/${id}`;
  }

  /** Ids under `prefix` are this model's: any other record found there is a phantom. */
  own(prefix: string): void {
    this.prefixes.add(prefix);
  }

  /** A number no id of this model has used yet. */
  nextNumber(): number {
    return ++this.numbers;
  }

  /** The ids of this kind that start with `prefix` and exist, as acknowledged. */
  idsOf(kind: Kind, prefix: string): string[] {
    const ids: string[] = [];
    for (const [key, value] of this.acked) if (value && key.startsWith(`${kind}/${prefix}`)) ids.push(key.slice(kind.length + 1));
    return ids;
  }

  /** The acknowledged state of a record (undefined when never written, null when deleted). */
  current(kind: Kind, id: string): Fields | null | undefined {
    return this.acked.get(WriteModel.key(kind, id));
  }

  acknowledged(writes: RecordWrite[]): void {
    this.acknowledgedWrites++;
    for (const write of writes) this.acked.set(WriteModel.key(write.kind, write.id), write.value);
  }

  /** A write that may or may not have been applied; `writes` hold what it leaves if it was (clock fields aside). */
  unacknowledged(writes: RecordWrite[]): void {
    this.unsureWrites++;
    this.unsure.push(writes);
  }

  /** Compares the state with the model, then takes what it found for every unacknowledged write. */
  verify(state: EnvironmentState): Verdict {
    const verdict: Verdict = { checked: 0, lost: [], unsureApplied: 0, unsureNotApplied: 0, torn: [], phantoms: [], orphans: [], historyMismatches: [] };
    const found = (kind: Kind, id: string): Fields | null => state[kind]?.[id] ?? null;
    const describe = (fields: Fields | null | undefined) => (fields ? `version ${String(fields.version)}${typeof fields.status === 'string' ? ` ${fields.status}` : ''}` : 'absent');
    const tornKeys = new Set<string>();

    for (const group of this.unsure) {
      const applied = group.map((w) => jsonEqual(withoutClock(found(w.kind, w.id)), withoutClock(w.value)));
      const notApplied = group.map((w) => jsonEqual(found(w.kind, w.id), this.acked.get(WriteModel.key(w.kind, w.id)) ?? null));
      if (applied.every(Boolean)) {
        verdict.unsureApplied++;
        for (const w of group) this.acked.set(WriteModel.key(w.kind, w.id), found(w.kind, w.id));
      } else if (notApplied.every(Boolean)) verdict.unsureNotApplied++;
      else {
        const ids = group.map((w, i) => `${w.kind}/${w.id} ${applied[i] ? 'applied' : notApplied[i] ? 'not applied' : `neither (${describe(found(w.kind, w.id))})`}`);
        verdict.torn.push(ids.join(', '));
        for (const w of group) tornKeys.add(WriteModel.key(w.kind, w.id));
      }
    }
    this.unsure = [];

    for (const [key, expected] of this.acked) {
      const [kind, id] = key.split(/\/(.*)/s) as [Kind, string];
      verdict.checked++;
      const actual = found(kind, id);
      if (tornKeys.has(key)) continue;
      if (!jsonEqual(actual, expected ?? null)) verdict.lost.push(`${key}: acknowledged ${describe(expected)}, found ${describe(actual)}`);
    }

    for (const kind of ['customers', 'installations', 'audits'] as const) {
      for (const id of Object.keys(state[kind] ?? {})) {
        if ([...this.prefixes].some((p) => id.startsWith(p)) && !this.acked.has(WriteModel.key(kind, id)) && !tornKeys.has(WriteModel.key(kind, id))) verdict.phantoms.push(`${kind}/${id}`);
      }
    }
    for (const [id, installation] of Object.entries(state.installations ?? {})) {
      if (!state.customers?.[installation.customerId as string]) verdict.orphans.push(`installations/${id} names ${String(installation.customerId)}`);
    }
    const history = new Map<string, number>();
    for (const entry of Object.values(state['audit-history'] ?? {})) history.set(entry.auditId as string, (history.get(entry.auditId as string) ?? 0) + 1);
    for (const [id, audit] of Object.entries(state.audits ?? {})) {
      if (!state.installations?.[audit.installationId as string]) verdict.orphans.push(`audits/${id} names ${String(audit.installationId)}`);
      if (audit.version !== 1 + (history.get(id) ?? 0)) verdict.historyMismatches.push(`audits/${id}: version ${String(audit.version)}, ${history.get(id) ?? 0} history entries`);
    }
    return verdict;
  }
}

/** Everything in a verdict that is a failure, as lines. */
export function verdictFailures(verdict: Verdict): string[] {
  return [
    ...verdict.lost.map((l) => `acknowledged write lost: ${l}`),
    ...verdict.torn.map((t) => `write half applied: ${t}`),
    ...verdict.phantoms.map((p) => `record no write made: ${p}`),
    ...verdict.orphans.map((o) => `orphan: ${o}`),
    ...verdict.historyMismatches.map((h) => `history disagrees: ${h}`),
  ];
}

/** Adds one verdict's figures to a running total. */
export function addVerdict(total: Verdict, verdict: Verdict): Verdict {
  return {
    checked: Math.max(total.checked, verdict.checked),
    lost: [...total.lost, ...verdict.lost],
    unsureApplied: total.unsureApplied + verdict.unsureApplied,
    unsureNotApplied: total.unsureNotApplied + verdict.unsureNotApplied,
    torn: [...total.torn, ...verdict.torn],
    phantoms: [...total.phantoms, ...verdict.phantoms],
    orphans: [...total.orphans, ...verdict.orphans],
    historyMismatches: [...total.historyMismatches, ...verdict.historyMismatches],
  };
}

export const emptyVerdict = (): Verdict => ({ checked: 0, lost: [], unsureApplied: 0, unsureNotApplied: 0, torn: [], phantoms: [], orphans: [], historyMismatches: [] });
