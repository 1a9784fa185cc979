// Create or edit a record through the form its upsert operation's request schema generates. The body is checked
// against that schema before it is sent (unless the tester turns the check off, to see what the mock answers);
// a refusal shows the mock's problem+json, and its violations beside the fields they name.
import { useRef, useState } from 'preact/hooks';
import { RequestFailed, type Violation } from '../api/http.js';
import type { Session } from '../api/session.js';
import { ProblemView } from '../components/problem-view.js';
import { Fields, setAt } from '../components/schema-form.js';
import type { Documents } from '../spec/documents.js';
import type { SchemaCheck } from '../spec/schema-check.js';
import type { CollectionView } from './collections.js';

type Json = Record<string, unknown>;

/** The members of a stored record its upsert schema has (the server-owned ones, such as version, are left out). */
function editable(record: Json, properties: Record<string, unknown>): Json {
  return Object.fromEntries(Object.entries(record).filter(([name]) => name in properties));
}

export function RecordForm(props: { session: Session; documents: Documents; check: SchemaCheck; environment: string; collection: CollectionView; record?: Json; onSaved: (record: Json) => void; onCancel: () => void }) {
  const { session, documents, check, environment, collection } = props;
  const schema = documents.main.requestSchema(collection.upsert);
  const ref = documents.main.requestSchemaRef(collection.upsert) as string;
  const [value, setValue] = useState<Json>(props.record ? editable(props.record, schema.properties ?? {}) : {});
  const [violations, setViolations] = useState<Violation[]>([]);
  const [checkFirst, setCheckFirst] = useState(true);
  const [failure, setFailure] = useState<unknown>();
  const [sending, setSending] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const editing = props.record !== undefined;

  const submit = async (event: Event) => {
    event.preventDefault();
    setFailure(undefined);
    const found = checkFirst ? check.check(ref, value) : [];
    setViolations(found);
    if (found.length > 0) {
      summary.current?.focus();
      return;
    }
    setSending(true);
    try {
      const { body } = await session.api<Json>(environment, 'POST', documents.main.operation(collection.upsert).path as string, { body: value, bearer: collection.bearer });
      props.onSaved(body);
    } catch (error) {
      setFailure(error);
      if (error instanceof RequestFailed) setViolations((error.problem.errors ?? []).filter((v) => v.in === 'body'));
      summary.current?.focus();
    } finally {
      setSending(false);
    }
  };

  return (
    <form class="record-form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="record-form-title">
      <h3 id="record-form-title">{editing ? `Edit ${collection.singular} ${String(props.record?.[collection.id])}` : `New ${collection.singular}`}</h3>
      <p class="muted">
        Sent as <code>POST /{environment}{documents.main.operation(collection.upsert).path}</code> ({collection.upsert}): an upsert, so the same id replaces the record.
      </p>
      <div ref={summary} tabIndex={-1} class="form-summary" aria-live="assertive">
        {failure ? <ProblemView error={failure} heading="The mock refused it" /> : null}
        {!failure && violations.length > 0 ? (
          <div class="problem" role="alert">
            <p class="problem-title">Not sent: the form breaks the schema ({violations.length} {violations.length === 1 ? 'problem' : 'problems'})</p>
            <ul class="violations">
              {violations.map((v) => (
                <li key={`${v.pointer}${v.message}`}>
                  <code>{v.pointer || '(the whole body)'}</code> {v.message}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      <Fields document={documents.main} schema={schema} path={[]} value={value} violations={violations} idPrefix="record" onChange={(path, next) => setValue((current) => setAt(current, path, next))} />
      <div class="field checkbox">
        <input id="check-first" type="checkbox" checked={checkFirst} onChange={(e) => setCheckFirst(e.currentTarget.checked)} />
        <label for="check-first">Check against the schema before sending (turn off to see what the mock answers to a bad body)</label>
      </div>
      <div class="actions">
        <button type="submit" class="primary" disabled={sending}>
          {sending ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
