// Fault rules: the rules of the mock (every environment), a form to add one for an operation or a webhook of the
// main document, offering the error statuses that operation documents, and a button to remove each.
import { useState } from 'preact/hooks';
import type { Session } from '../api/session.js';
import { Outcome } from '../components/outcome.js';
import { usePolling } from '../components/use-polling.js';
import type { Documents } from '../spec/documents.js';

interface FaultRule {
  id: string;
  environment: string;
  operationId: string;
  pathParameters: Record<string, string>;
  fault: { type: string; status?: number; delayMs?: number; minDelayMs?: number; maxDelayMs?: number };
  times: number | null;
  matched: number;
  remaining: number | null;
  expired: boolean;
  createdAt: string;
}

function describe(fault: FaultRule['fault']): string {
  if (fault.type === 'status') return `answer ${fault.status}`;
  if (fault.type === 'latency') return fault.delayMs !== undefined ? `delay ${fault.delayMs} ms` : `delay ${fault.minDelayMs}–${fault.maxDelayMs} ms`;
  return 'close the connection';
}

export function FaultsView({ session, documents, environment }: { session: Session; documents: Documents; environment: string }) {
  const operations = documents.main.operations;
  const [rules, setRules] = useState<FaultRule[]>();
  const [failure, setFailure] = useState<unknown>();
  const [notice, setNotice] = useState('');
  const [operationId, setOperationId] = useState(operations[0]?.operationId ?? '');
  const [type, setType] = useState('status');
  const statuses = operationId ? documents.main.errorStatuses(operationId) : [];
  const [status, setStatus] = useState('');
  const [delayMs, setDelayMs] = useState('500');
  const [times, setTimes] = useState('');
  const [pathParameter, setPathParameter] = useState('');
  const template = operations.find((op) => op.operationId === operationId)?.path;
  const parameterName = template ? /\{([^}]+)\}/.exec(template)?.[1] : undefined;

  const load = async () => {
    try {
      setRules((await session.admin<{ items: FaultRule[] }>('GET', '/fault-rules')).body.items);
    } catch (error) {
      setFailure(error);
    }
  };
  usePolling(load, 2000, []);

  const create = async (event: Event) => {
    event.preventDefault();
    setFailure(undefined);
    const fault = type === 'status' ? { type, status: Number(status || statuses[statuses.length - 1]) } : type === 'latency' ? { type, delayMs: Number(delayMs) } : { type };
    const body = {
      environment,
      operationId,
      fault,
      ...(times.trim() ? { times: Number(times) } : {}),
      ...(parameterName && pathParameter.trim() ? { pathParameters: { [parameterName]: pathParameter.trim() } } : {}),
    };
    try {
      const { body: rule } = await session.admin<FaultRule>('POST', '/fault-rules', { body });
      setNotice(`Added fault rule ${rule.id}: ${rule.operationId} in ${rule.environment}, ${describe(rule.fault)}${rule.times ? `, ${rule.times} times` : ''}.`);
      await load();
    } catch (error) {
      setFailure(error);
    }
  };

  const remove = async (id: string) => {
    try {
      await session.admin('DELETE', `/fault-rules/${encodeURIComponent(id)}`);
      setNotice(`Removed fault rule ${id}.`);
      await load();
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <section aria-labelledby="faults-title">
      <h2 id="faults-title">Fault rules</h2>
      <form class="card fault-form" onSubmit={(event) => void create(event)} aria-labelledby="fault-form-title">
        <h3 id="fault-form-title">New rule in {environment}</h3>
        <div class="field">
          <label for="fault-operation">Operation or webhook</label>
          <select
            id="fault-operation"
            value={operationId}
            onChange={(e) => {
              setOperationId(e.currentTarget.value);
              setStatus('');
              setPathParameter('');
            }}
          >
            {operations.map((op) => (
              <option key={op.operationId} value={op.operationId}>
                {op.operationId} {op.path ? `(${op.method} ${op.path})` : '(webhook: a delivery of the bus)'}
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend>Fault</legend>
          {[
            ['status', 'Answer with an error status'],
            ['latency', 'Delay the answer'],
            ['close', 'Close the connection'],
          ].map(([value, label]) => (
            <div class="field checkbox" key={value}>
              <input id={`fault-type-${value}`} type="radio" name="fault-type" value={value} checked={type === value} onChange={() => setType(value as string)} />
              <label for={`fault-type-${value}`}>{label}</label>
            </div>
          ))}
        </fieldset>
        {type === 'status' ? (
          <div class="field">
            <label for="fault-status">Status (the ones {operationId} documents)</label>
            <select id="fault-status" value={status || String(statuses[statuses.length - 1] ?? '')} onChange={(e) => setStatus(e.currentTarget.value)}>
              {statuses.map((s) => (
                <option key={s} value={String(s)}>
                  {s}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {type === 'latency' ? (
          <div class="field">
            <label for="fault-delay">Delay in milliseconds</label>
            <input id="fault-delay" type="number" min={0} max={60000} value={delayMs} onInput={(e) => setDelayMs(e.currentTarget.value)} />
          </div>
        ) : null}
        {parameterName ? (
          <div class="field">
            <label for="fault-parameter">Only for {parameterName} (optional)</label>
            <input id="fault-parameter" type="text" value={pathParameter} onInput={(e) => setPathParameter(e.currentTarget.value)} />
          </div>
        ) : null}
        <div class="field">
          <label for="fault-times">Times (empty: until removed)</label>
          <input id="fault-times" type="number" min={1} value={times} onInput={(e) => setTimes(e.currentTarget.value)} />
        </div>
        <button type="submit" class="primary">
          Add rule
        </button>
      </form>
      <Outcome notice={notice} failure={failure} />
      <div class="table-wrap">
        <table>
          <caption>Rules ({rules?.length ?? '…'})</caption>
          <thead>
            <tr>
              <th scope="col">Id</th>
              <th scope="col">Environment</th>
              <th scope="col">Operation</th>
              <th scope="col">Fault</th>
              <th scope="col">Applied</th>
              <th scope="col">Remaining</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(rules ?? []).map((rule) => (
              <tr key={rule.id} class={rule.expired ? 'expired' : undefined}>
                <td>{rule.id}</td>
                <td>{rule.environment}</td>
                <td>
                  {rule.operationId}
                  {Object.entries(rule.pathParameters).map(([name, value]) => ` ${name}=${value}`)}
                </td>
                <td>{describe(rule.fault)}</td>
                <td>{rule.matched}</td>
                <td>{rule.expired ? 'expired' : (rule.remaining ?? 'until removed')}</td>
                <td>
                  <button type="button" class="danger" onClick={() => void remove(rule.id)} aria-label={`Remove fault rule ${rule.id}`}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
