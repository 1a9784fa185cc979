// The audit flow: an audit's status with the changes the spec's transition table allows as buttons, its history,
// the messages each change put in the outbox with every delivery attempt to the Archive and Lantern, what those
// received, and the environment's dead letters with a replay button. Refreshed every second while shown.
import { useState } from 'preact/hooks';
import type { Session } from '../api/session.js';
import { JsonView } from '../components/json-view.js';
import { Outcome } from '../components/outcome.js';
import { usePolling } from '../components/use-polling.js';
import type { Documents } from '../spec/documents.js';
import { pathWith } from './collections.js';

type Json = Record<string, unknown>;
interface HistoryEntry {
  changeId: string;
  from: string;
  to: string;
  changedAt: string;
  changedBy: string;
  comment?: string;
}
interface OutboxMessage {
  messageId: string;
  correlationId: string;
  subscription: string;
  subject: string;
  auditId: string;
  state: string;
  deliveryCount: number;
  maxDeliveryCount: number;
  replayCount: number;
  lastError: string | null;
  deadLetterReason: string | null;
  enqueuedAt: string;
}
interface Delivery {
  messageId: string;
  attempt: number;
  replay: number;
  outcome: string;
  error: string | null;
  finishedAt: string;
}
interface Flow {
  audit: Json;
  history: HistoryEntry[];
  messages: OutboxMessage[];
  deliveries: Delivery[];
  archiveCases: Json[];
  lanternNotifications: Json[];
}
type Page<T> = { items: T[]; total: number };

const most = { limit: 500 };

export function AuditFlowView({ session, documents, environment }: { session: Session; documents: Documents; environment: string }) {
  const [audits, setAudits] = useState<Page<Json>>();
  const [auditId, setAuditId] = useState<string>();
  const [flow, setFlow] = useState<Flow>();
  const [deadLetters, setDeadLetters] = useState<OutboxMessage[]>();
  const [failure, setFailure] = useState<unknown>();
  const [notice, setNotice] = useState('');
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const table = documents.main.transitions();
  const bearerUnavailable = session.bearerUnavailable(environment);
  const path = (operationId: string, id: string) => pathWith(documents.main.operation(operationId).path as string, id);

  const loadFlow = async (id: string): Promise<Flow> => {
    const [audit, history, outbox, archive, lantern] = await Promise.all([
      session.api<Json>(environment, 'GET', path('getAudit', id), { bearer: true }),
      session.api<Page<HistoryEntry>>(environment, 'GET', path('getAuditHistory', id), { bearer: true, query: { limit: 200 } }),
      session.admin<Page<OutboxMessage>>('GET', '/outbox', { query: { environment, ...most } }),
      session.admin<Page<Json>>('GET', '/archive/cases', { query: { environment, ...most } }),
      session.admin<Page<Json>>('GET', '/lantern/notifications', { query: { environment, ...most } }),
    ]);
    const messages = outbox.body.items.filter((m) => m.auditId === id);
    const correlations = new Set(messages.map((m) => m.correlationId));
    const deliveries = await Promise.all(messages.map(async (m) => (await session.admin<Page<Delivery>>('GET', '/deliveries', { query: { environment, messageId: m.messageId, ...most } })).body.items));
    return {
      audit: audit.body,
      history: history.body.items,
      messages,
      deliveries: deliveries.flat(),
      archiveCases: archive.body.items.filter((c) => correlations.has(c.correlationId as string)),
      lanternNotifications: lantern.body.items.filter((n) => correlations.has(n.correlationId as string)),
    };
  };

  usePolling(
    async () => {
      try {
        const [list, dead] = await Promise.all([
          bearerUnavailable ? Promise.resolve(undefined) : session.api<Page<Json>>(environment, 'GET', documents.main.operation('listAudits').path as string, { bearer: true, query: { limit: 50 } }),
          session.admin<Page<OutboxMessage>>('GET', '/dead-letters', { query: { environment, ...most } }),
        ]);
        if (list) setAudits(list.body);
        setDeadLetters(dead.body.items);
        if (auditId) setFlow(await loadFlow(auditId));
      } catch (error) {
        setFailure(error);
      }
    },
    1000,
    [environment, auditId],
  );

  const change = async (to: string) => {
    if (!auditId) return;
    setBusy(true);
    setFailure(undefined);
    try {
      await session.api(environment, 'POST', path('setAuditStatus', auditId), { bearer: true, body: comment.trim() ? { status: to, comment: comment.trim() } : { status: to } });
      setNotice(`Audit ${auditId} is now ${to}.`);
      setComment('');
      setFlow(await loadFlow(auditId));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const replay = async (message: OutboxMessage) => {
    setFailure(undefined);
    try {
      await session.admin('POST', `/dead-letters/${encodeURIComponent(message.messageId)}/replay`, { query: { environment } });
      setNotice(`Replayed message ${message.messageId} (${message.subject} to ${message.subscription}).`);
      setDeadLetters((current) => current?.filter((m) => m.messageId !== message.messageId));
    } catch (error) {
      setFailure(error);
    }
  };

  const status = flow?.audit.status as string | undefined;
  const allowed = status && table ? (table.allowed[status] ?? []) : [];
  return (
    <section aria-labelledby="flow-title">
      <h2 id="flow-title">Audit flow in {environment}</h2>
      {bearerUnavailable ? <p class="problem">{bearerUnavailable}</p> : null}
      <Outcome notice={notice} failure={failure} />
      <div class="split">
        <div class="table-wrap">
          <table>
            <caption>Audits ({audits?.total ?? '…'})</caption>
            <thead>
              <tr>
                <th scope="col">auditId</th>
                <th scope="col">installationId</th>
                <th scope="col">status</th>
              </tr>
            </thead>
            <tbody>
              {(audits?.items ?? []).map((audit) => (
                <tr key={String(audit.auditId)} class={audit.auditId === auditId ? 'selected' : undefined}>
                  <td>
                    <button
                      type="button"
                      class="link"
                      onClick={() => {
                        setAuditId(String(audit.auditId));
                        setFlow(undefined);
                        setNotice('');
                      }}
                    >
                      {String(audit.auditId)}
                    </button>
                  </td>
                  <td>{String(audit.installationId)}</td>
                  <td>{String(audit.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div class="detail">
          {auditId && flow ? (
            <div>
              <h3>
                Audit {auditId}: <span class={`badge status-${status}`}>{status}</span>
              </h3>
              <p class="muted">
                Version {String(flow.audit.version)} · installation {String(flow.audit.installationId)}
              </p>
              <div class="field">
                <label for="transition-comment">Comment for the change (optional)</label>
                <input id="transition-comment" type="text" maxLength={2000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
              </div>
              <div class="actions" role="group" aria-label="Change the status">
                {allowed.length === 0 ? <span class="muted">{status} is final: the table allows no change from it.</span> : null}
                {allowed.map((to) => (
                  <button key={to} type="button" class="primary" disabled={busy} onClick={() => void change(to)}>
                    Move to {to}
                  </button>
                ))}
              </div>
              <h4>History</h4>
              <ol class="history">
                {flow.history.map((entry) => (
                  <li key={entry.changeId}>
                    {entry.changedAt}: {entry.from} → <strong>{entry.to}</strong> by {entry.changedBy}
                    {entry.comment ? ` (“${entry.comment}”)` : ''}
                  </li>
                ))}
                {flow.history.length === 0 ? <li class="muted">No changes yet.</li> : null}
              </ol>
              <h4>Outbox and deliveries</h4>
              <table class="messages">
                <caption class="visually-hidden">Messages of this audit's changes</caption>
                <thead>
                  <tr>
                    <th scope="col">To</th>
                    <th scope="col">Subject</th>
                    <th scope="col">State</th>
                    <th scope="col">Attempts</th>
                  </tr>
                </thead>
                <tbody>
                  {flow.messages.map((m) => (
                    <tr key={m.messageId} data-subscription={m.subscription} data-state={m.state}>
                      <td>{m.subscription === 'archive' ? 'Archive' : 'Lantern'}</td>
                      <td>{m.subject}</td>
                      <td>
                        <span class={`badge state-${m.state}`}>{m.state}</span>
                      </td>
                      <td>
                        <ul class="attempts">
                          {flow.deliveries
                            .filter((d) => d.messageId === m.messageId)
                            .map((d) => (
                              <li key={`${d.replay}-${d.attempt}`}>
                                #{d.attempt}
                                {d.replay > 0 ? ` (replay ${d.replay})` : ''} {d.outcome}
                                {d.error ? `: ${d.error}` : ''}
                              </li>
                            ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {flow.messages.length === 0 ? <p class="muted">No messages: the audit's status has not changed yet.</p> : null}
              <h4>Received by the Archive ({flow.archiveCases.length})</h4>
              {flow.archiveCases.map((c) => (
                <details key={String(c.messageId)} class="received">
                  <summary>
                    Case saved {String(c.savedAt)} (delivery {String(c.deliveryCount)})
                  </summary>
                  <JsonView value={c} label={`Archive case ${String(c.messageId)}`} />
                </details>
              ))}
              <h4>Received by Lantern ({flow.lanternNotifications.length})</h4>
              {flow.lanternNotifications.map((n) => (
                <details key={String(n.messageId)} class="received">
                  <summary>
                    {String(n.subject)}, sent {String(n.sentAt)}
                  </summary>
                  <JsonView value={n} label={`Lantern notification ${String(n.messageId)}`} />
                </details>
              ))}
            </div>
          ) : (
            <p class="muted">{auditId ? 'Loading…' : 'Choose an audit to see and change its status.'}</p>
          )}
        </div>
      </div>
      <h3 id="dead-letters-title">Dead letters in {environment}</h3>
      <div class="table-wrap">
        <table aria-labelledby="dead-letters-title">
          <thead>
            <tr>
              <th scope="col">Audit</th>
              <th scope="col">To</th>
              <th scope="col">Reason</th>
              <th scope="col">Last error</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(deadLetters ?? []).map((m) => (
              <tr key={m.messageId}>
                <td>{m.auditId}</td>
                <td>{m.subscription === 'archive' ? 'Archive' : 'Lantern'}</td>
                <td>{m.deadLetterReason}</td>
                <td>{m.lastError}</td>
                <td>
                  <button type="button" onClick={() => void replay(m)} aria-label={`Replay the ${m.subject} message of audit ${m.auditId}`}>
                    Replay
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {deadLetters && deadLetters.length === 0 ? <p class="muted">No dead letters.</p> : null}
      </div>
    </section>
  );
}
