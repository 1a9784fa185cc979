// Records: an environment's customers, installations and audits in pages, found by id or name, each opening to its
// JSON, edited through the form its schema generates, or deleted (a 409 explained).
import { useEffect, useState } from 'preact/hooks';
import { RequestFailed } from '../api/http.js';
import type { Session } from '../api/session.js';
import { JsonView } from '../components/json-view.js';
import { Pager } from '../components/pager.js';
import { Outcome } from '../components/outcome.js';
import { text } from '../components/text.js';
import type { Documents } from '../spec/documents.js';
import type { SchemaCheck } from '../spec/schema-check.js';
import { type CollectionView, collections, columnsOf, pathWith } from './collections.js';
import { RecordForm } from './record-form.js';

type Json = Record<string, unknown>;
interface Page {
  items: Json[];
  total: number;
}

const pageSize = 20;
/** How many records a search by name reads at most. */
const searchLimit = 2000;

export function RecordsView({ session, documents, check, environment }: { session: Session; documents: Documents; check: SchemaCheck; environment: string }) {
  const [collection, setCollection] = useState<CollectionView>(collections[0] as CollectionView);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page>();
  const [failure, setFailure] = useState<unknown>();
  const [filter, setFilter] = useState('');
  const [found, setFound] = useState<{ text: string; items: Json[]; read: number; total: number }>();
  const [selected, setSelected] = useState<Json>();
  const [mode, setMode] = useState<'view' | 'edit' | 'new' | 'confirm-delete'>('view');
  const [notice, setNotice] = useState('');
  const [reloads, setReloads] = useState(0);
  const listPath = documents.main.operation(collection.list).path as string;
  const itemPath = documents.main.operation(collection.get).path as string;
  const columns = columnsOf(documents, collection);

  useEffect(() => {
    let current = true;
    setFailure(undefined);
    session
      .api<Page>(environment, 'GET', listPath, { query: { limit: pageSize, offset }, bearer: collection.bearer })
      .then(({ body }) => current && setPage(body))
      .catch((error: unknown) => current && setFailure(error));
    return () => {
      current = false;
    };
  }, [session, environment, collection, offset, reloads, listPath]);

  useEffect(() => {
    setSelected(undefined);
    setFound(undefined);
    setMode('view');
    setOffset(0);
  }, [environment, collection]);

  const search = async (event: Event) => {
    event.preventDefault();
    const wanted = filter.trim();
    if (wanted === '') return setFound(undefined);
    setFailure(undefined);
    try {
      const { body } = await session.api<Json>(environment, 'GET', pathWith(itemPath, wanted), { bearer: collection.bearer });
      return setFound({ text: wanted, items: [body], read: 1, total: 1 });
    } catch (error) {
      if (!(error instanceof RequestFailed) || (error.status !== 404 && error.status !== 400)) return setFailure(error);
    }
    const needle = wanted.toLowerCase();
    const items: Json[] = [];
    try {
      for (let read = 0; ; ) {
        const { body } = await session.api<Page>(environment, 'GET', listPath, { query: { limit: 100, offset: read }, bearer: collection.bearer });
        read += body.items.length;
        for (const item of body.items) if ([item[collection.id], item.name, item.title].some((v) => typeof v === 'string' && v.toLowerCase().includes(needle))) items.push(item);
        if (body.items.length === 0 || read >= body.total || read >= searchLimit) return setFound({ text: wanted, items, read, total: body.total });
      }
    } catch (error) {
      setFailure(error);
    }
  };

  const remove = async () => {
    if (!selected) return;
    const id = String(selected[collection.id]);
    try {
      await session.api(environment, 'DELETE', pathWith(itemPath, id), { bearer: collection.bearer });
      setNotice(`Deleted ${collection.singular} ${id}.`);
      setSelected(undefined);
      setMode('view');
      setFound(undefined);
      setReloads((n) => n + 1);
    } catch (error) {
      setFailure(error);
      setMode('view');
    }
  };

  const rows = found ? found.items : (page?.items ?? []);
  return (
    <section aria-labelledby="records-title">
      <h2 id="records-title">Records in {environment}</h2>
      <div class="tabs" role="group" aria-label="Collection">
        {collections.map((c) => (
          <button key={c.key} type="button" aria-pressed={c.key === collection.key} onClick={() => setCollection(c)}>
            {c.label}
          </button>
        ))}
      </div>
      <div class="toolbar">
        <form class="inline" role="search" onSubmit={(event) => void search(event)}>
          <label for="record-filter">Find by id or name</label>
          <input id="record-filter" type="search" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
          <button type="submit">Find</button>
          {found ? (
            <button
              type="button"
              onClick={() => {
                setFound(undefined);
                setFilter('');
              }}
            >
              Show all
            </button>
          ) : null}
        </form>
        <button
          type="button"
          class="primary"
          onClick={() => {
            setSelected(undefined);
            setMode('new');
          }}
        >
          New {collection.singular}
        </button>
      </div>
      <Outcome notice={notice} failure={failure} />
      <div class="split">
        <div class="table-wrap">
          <table>
            <caption>
              {found
                ? `${found.items.length} ${collection.label.toLowerCase()} matching “${found.text}”${found.read < found.total ? ` in the first ${found.read} of ${found.total}` : ''}`
                : `${collection.label} (${page?.total ?? '…'})`}
            </caption>
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column} scope="col">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const id = String(row[collection.id]);
                return (
                  <tr key={id} class={selected?.[collection.id] === id ? 'selected' : undefined}>
                    {columns.map((column, index) => (
                      <td key={column}>
                        {index === 0 ? (
                          <button
                            type="button"
                            class="link"
                            onClick={() => {
                              setSelected(row);
                              setMode('view');
                              setNotice('');
                            }}
                          >
                            {id}
                          </button>
                        ) : (
                          text(row[column])
                        )}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
          {!found && page ? <Pager offset={offset} limit={pageSize} total={page.total} onChange={setOffset} label={collection.label} /> : null}
        </div>
        <div class="detail">
          {mode === 'new' || (mode === 'edit' && selected) ? (
            <RecordForm
              key={`${collection.key}-${mode}-${text(selected?.[collection.id])}`}
              session={session}
              documents={documents}
              check={check}
              environment={environment}
              collection={collection}
              record={mode === 'edit' ? selected : undefined}
              onSaved={(record) => {
                setSelected(record);
                setMode('view');
                setNotice(`Saved ${collection.singular} ${String(record[collection.id])} (version ${text(record.version)}).`);
                setReloads((n) => n + 1);
              }}
              onCancel={() => setMode('view')}
            />
          ) : selected ? (
            <div>
              <h3>
                {collection.singular} {String(selected[collection.id])}
              </h3>
              <div class="actions">
                <button type="button" onClick={() => setMode('edit')}>
                  Edit
                </button>
                <button type="button" class="danger" onClick={() => setMode('confirm-delete')}>
                  Delete
                </button>
              </div>
              {mode === 'confirm-delete' ? (
                <div class="confirm" role="alertdialog" aria-labelledby="confirm-delete-text">
                  <p id="confirm-delete-text">
                    Delete {collection.singular} {String(selected[collection.id])} from {environment}?
                  </p>
                  <button type="button" class="danger" onClick={() => void remove()}>
                    Yes, delete
                  </button>
                  <button type="button" onClick={() => setMode('view')}>
                    Keep it
                  </button>
                </div>
              ) : null}
              <JsonView value={selected} label={`${collection.singular} as JSON`} />
            </div>
          ) : (
            <p class="muted">Choose a record to see its JSON, edit or delete it.</p>
          )}
        </div>
      </div>
    </section>
  );
}
