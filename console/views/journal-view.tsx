// The request journal, live: what clients sent the mock and what it answered, newest first, filtered as listRequests
// filters (environment, operation, method, status, path, a member of the body); an entry opens to its headers and bodies, keys redacted
// by the mock before they ever reach the page.
import { useState } from 'preact/hooks';
import type { Session } from '../api/session.js';
import { BodyView } from '../components/json-view.js';
import { Pager } from '../components/pager.js';
import { ProblemView } from '../components/problem-view.js';
import { usePolling } from '../components/use-polling.js';
import type { JournalEntry } from '../../src/admin/journal-entry.js';
import type { Documents } from '../spec/documents.js';

const pageSize = 50;
const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'];

export function JournalView({ session, documents, environment }: { session: Session; documents: Documents; environment: string }) {
  const [filters, setFilters] = useState({ allEnvironments: false, operationId: '', method: '', status: '', path: '', bodyPointer: '', bodyEquals: '' });
  const [offset, setOffset] = useState(0);
  const [live, setLive] = useState(true);
  const [page, setPage] = useState<{ items: JournalEntry[]; total: number }>();
  const [failure, setFailure] = useState<unknown>();
  const [open, setOpen] = useState<JournalEntry>();

  const query = {
    environment: filters.allEnvironments ? undefined : environment,
    operationId: filters.operationId || undefined,
    method: filters.method || undefined,
    status: /^\d{3}$/.test(filters.status) ? filters.status : undefined,
    path: filters.path || undefined,
    bodyPointer: filters.bodyPointer || undefined,
    bodyEquals: filters.bodyPointer ? filters.bodyEquals || undefined : undefined,
    limit: pageSize,
    offset,
  };
  const load = async () => {
    try {
      const { body } = await session.admin<{ items: JournalEntry[]; total: number }>('GET', '/requests', { query });
      setPage(body);
      setFailure(undefined);
    } catch (error) {
      setFailure(error);
    }
  };
  usePolling(load, 1000, [JSON.stringify(query)], live);
  const set = (name: keyof typeof filters, value: string | boolean) => {
    setFilters((current) => ({ ...current, [name]: value }));
    setOffset(0);
  };

  return (
    <section aria-labelledby="journal-title">
      <h2 id="journal-title">Request journal</h2>
      <form class="filters" onSubmit={(event) => event.preventDefault()} aria-label="Journal filters">
        <div class="field">
          <label for="journal-operation">Operation</label>
          <select id="journal-operation" value={filters.operationId} onChange={(e) => set('operationId', e.currentTarget.value)}>
            <option value="">any</option>
            {documents.main.operations
              .filter((op) => op.path !== undefined)
              .map((op) => (
                <option key={op.operationId} value={op.operationId}>
                  {op.operationId}
                </option>
              ))}
          </select>
        </div>
        <div class="field">
          <label for="journal-method">Method</label>
          <select id="journal-method" value={filters.method} onChange={(e) => set('method', e.currentTarget.value)}>
            <option value="">any</option>
            {methods.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="journal-status">Status</label>
          <input id="journal-status" type="text" inputMode="numeric" size={4} value={filters.status} onInput={(e) => set('status', e.currentTarget.value.trim())} />
        </div>
        <div class="field">
          <label for="journal-path">Path</label>
          <input id="journal-path" type="text" value={filters.path} placeholder={`/${environment}/customers`} onInput={(e) => set('path', e.currentTarget.value.trim())} />
        </div>
        <div class="field">
          <label for="journal-body-pointer">Body member (JSON pointer)</label>
          <input id="journal-body-pointer" type="text" size={14} value={filters.bodyPointer} placeholder="/customerId" onInput={(e) => set('bodyPointer', e.currentTarget.value.trim())} />
        </div>
        <div class="field">
          <label for="journal-body-equals">equals</label>
          <input id="journal-body-equals" type="text" size={14} value={filters.bodyEquals} disabled={filters.bodyPointer === ''} onInput={(e) => set('bodyEquals', e.currentTarget.value)} />
        </div>
        <div class="field checkbox">
          <input id="journal-all" type="checkbox" checked={filters.allEnvironments} onChange={(e) => set('allEnvironments', e.currentTarget.checked)} />
          <label for="journal-all">Every environment</label>
        </div>
        <div class="field checkbox">
          <input id="journal-live" type="checkbox" checked={live} onChange={(e) => setLive(e.currentTarget.checked)} />
          <label for="journal-live">Live (every second)</label>
        </div>
        <button type="button" onClick={() => void session.admin('DELETE', '/requests').then(load)}>
          Clear the journal
        </button>
      </form>
      {failure ? <ProblemView error={failure} /> : null}
      <div class="split">
        <div class="table-wrap">
          <table class="journal">
            <caption>Requests, newest first ({page?.total ?? '…'})</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Method</th>
                <th scope="col">Path</th>
                <th scope="col">Operation</th>
                <th scope="col">Status</th>
                <th scope="col">ms</th>
              </tr>
            </thead>
            <tbody>
              {(page?.items ?? []).map((entry) => (
                <tr key={entry.id} class={open?.id === entry.id ? 'selected' : undefined} data-operation={entry.operationId ?? ''} data-status={entry.status ?? ''}>
                  <td>
                    <button type="button" class="link" onClick={() => setOpen(entry)} aria-label={`Open ${entry.method} ${entry.path} at ${entry.time}`}>
                      {entry.time.slice(11, 23)}
                    </button>
                  </td>
                  <td>{entry.method}</td>
                  <td class="path">{entry.path}</td>
                  <td>{entry.operationId ?? '—'}</td>
                  <td class={entry.status !== null && entry.status >= 400 ? 'status-error' : undefined}>
                    {entry.status ?? entry.outcome}
                    {entry.faultRuleId ? <span class="tag">fault {entry.faultRuleId}</span> : null}
                  </td>
                  <td>{entry.latencyMs.toFixed(1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {page ? <Pager offset={offset} limit={pageSize} total={page.total} onChange={setOffset} label="Journal" /> : null}
        </div>
        <div class="detail">
          {open ? (
            <div>
              <h3>
                {open.method} {open.path}
              </h3>
              <p>
                {open.time} · {open.operationId ?? 'no operation'} · {open.status ?? open.outcome} in {open.latencyMs.toFixed(1)} ms{open.faultRuleId ? ` · shaped by fault rule ${open.faultRuleId}` : ''}
              </p>
              <h4>Request headers</h4>
              <table class="headers">
                <tbody>
                  {Object.entries(open.requestHeaders).map(([name, value]) => (
                    <tr key={name}>
                      <th scope="row">{name}</th>
                      <td>{value}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {Object.keys(open.query).length > 0 ? (
                <>
                  <h4>Query</h4>
                  <BodyView text={JSON.stringify(open.query)} label="Query" />
                </>
              ) : null}
              <h4>Request body</h4>
              <BodyView text={open.requestBody} truncated={open.requestBodyTruncated} label="Request body" />
              <h4>Response body</h4>
              <BodyView text={open.responseBody} truncated={open.responseBodyTruncated} label="Response body" />
            </div>
          ) : (
            <p class="muted">Choose a request to see its headers and bodies.</p>
          )}
        </div>
      </div>
    </section>
  );
}
