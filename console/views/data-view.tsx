// Seed and reset: what each environment holds, the default fixtures loaded or a fixture file seeded, an environment
// reset, a snapshot exported as a download or imported. Files go up with a progress bar and come back with a summary.
import { useEffect, useState } from 'preact/hooks';
import { RequestFailed, type Problem } from '../api/http.js';
import type { Session } from '../api/session.js';
import { ProblemView } from '../components/problem-view.js';
import type { Documents } from '../spec/documents.js';
import { collections } from './collections.js';

type Counts = Record<string, Record<string, number>>;
interface DataSummary {
  environments: Counts;
  durationMs?: number;
}

function Summary({ summary, what }: { summary: DataSummary; what: string }) {
  return (
    <div class="summary" role="status">
      <p>
        {what}
        {summary.durationMs !== undefined ? ` in ${Math.round(summary.durationMs)} ms` : ''}.
      </p>
      <ul>
        {Object.entries(summary.environments).map(([environment, counts]) => (
          <li key={environment}>
            <strong>{environment}</strong>:{' '}
            {Object.entries(counts)
              .map(([collection, count]) => `${count} ${collection}`)
              .join(', ')}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Sends a file with the admin key, reporting the upload's progress (0 to 1). */
function upload(session: Session, method: string, path: string, query: Record<string, string>, file: File, progress: (fraction: number) => void): Promise<DataSummary> {
  return new Promise((resolve, reject) => {
    const xhr = session.adminXhr(method, path, query);
    xhr.upload.onprogress = (event) => event.lengthComputable && progress(event.loaded / event.total);
    xhr.onerror = () => reject(new RequestFailed(0, { title: 'The mock did not answer', detail: `The upload of ${file.name} failed. Is the mock still running?` }));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = { detail: xhr.responseText };
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as DataSummary);
      else reject(new RequestFailed(xhr.status, { status: xhr.status, ...(body as Problem) }));
    };
    xhr.send(file);
  });
}

export function DataView({ session, documents, environment }: { session: Session; documents: Documents; environment: string }) {
  const [counts, setCounts] = useState<Record<string, number>>();
  const [summary, setSummary] = useState<{ summary: DataSummary; what: string }>();
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState('');
  const [progress, setProgress] = useState<number>();
  const [confirmReset, setConfirmReset] = useState(false);
  const [mode, setMode] = useState('replace');
  const [changes, setChanges] = useState(0);

  useEffect(() => {
    let current = true;
    Promise.all(
      collections.map(async (c) => {
        const { body } = await session.api<{ total: number }>(environment, 'GET', documents.main.operation(c.list).path as string, { query: { limit: 1 }, bearer: c.bearer });
        return [c.key, body.total] as const;
      }),
    )
      .then((entries) => current && setCounts(Object.fromEntries(entries)))
      .catch((error: unknown) => current && setFailure(error));
    return () => {
      current = false;
    };
  }, [session, documents, environment, changes]);

  const act = async (what: string, run: () => Promise<DataSummary>) => {
    setFailure(undefined);
    setSummary(undefined);
    setBusy(what);
    try {
      setSummary({ summary: await run(), what });
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy('');
      setProgress(undefined);
      setChanges((n) => n + 1);
    }
  };

  const sendFile = (what: string, method: string, path: string, query: Record<string, string>) => (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setProgress(0);
    void act(`${what} ${file.name} (${(file.size / 1024 / 1024).toFixed(1)} MiB)`, () => upload(session, method, path, query, file, setProgress));
  };

  const exportSnapshot = () =>
    act(`Exported ${environment}`, async () => {
      const { body } = await session.admin<{ environments: Record<string, Record<string, Record<string, unknown>>> }>('GET', '/data/snapshot', { query: { environment } });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([JSON.stringify(body, null, 2)], { type: 'application/json' }));
      link.download = `cubit-mock-${environment}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      const counted: Counts = {};
      for (const [name, records] of Object.entries(body.environments)) counted[name] = Object.fromEntries(Object.entries(records).map(([collection, byId]) => [collection, Object.keys(byId).length]));
      return { environments: counted };
    });

  return (
    <section aria-labelledby="data-title">
      <h2 id="data-title">Seed and reset {environment}</h2>
      <table class="counts">
        <caption>What {environment} holds</caption>
        <tbody>
          {collections.map((c) => (
            <tr key={c.key}>
              <th scope="row">{c.label}</th>
              <td data-count={c.key}>{counts ? counts[c.key] : '…'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="cards">
        <div class="card">
          <h3>Default fixtures</h3>
          <p>Empties {environment} and loads the mock's default fixtures into it.</p>
          <button type="button" class="primary" disabled={busy !== ''} onClick={() => void act(`Loaded the default fixtures into ${environment}`, async () => (await session.admin<DataSummary>('POST', '/data/reset', { body: { environment, to: 'default' } })).body)}>
            Load default fixtures
          </button>
        </div>
        <div class="card">
          <h3>Seed from a fixture file</h3>
          <div class="field">
            <label for="seed-mode">Mode</label>
            <select id="seed-mode" value={mode} onChange={(e) => setMode(e.currentTarget.value)}>
              <option value="replace">replace: empty {environment} first</option>
              <option value="merge">merge: upsert over what is stored</option>
            </select>
          </div>
          <div class="field">
            <label for="seed-file">Fixture file (JSON, as npm run fixtures writes it)</label>
            <input id="seed-file" type="file" accept="application/json,.json" disabled={busy !== ''} onChange={sendFile('Seeded', 'POST', '/data/seed', { environment, mode })} />
          </div>
        </div>
        <div class="card">
          <h3>Snapshots</h3>
          <button type="button" disabled={busy !== ''} onClick={() => void exportSnapshot()}>
            Export {environment} as a download
          </button>
          <div class="field">
            <label for="import-file">Import a snapshot into {environment} (replaces what it holds)</label>
            <input id="import-file" type="file" accept="application/json,.json" disabled={busy !== ''} onChange={sendFile('Imported', 'PUT', '/data/snapshot', { environment })} />
          </div>
        </div>
        <div class="card">
          <h3>Reset</h3>
          <p>Empties {environment}. The journal and the fault rules stay.</p>
          {confirmReset ? (
            <div class="confirm" role="alertdialog" aria-labelledby="confirm-reset-text">
              <p id="confirm-reset-text">Delete every record in {environment}?</p>
              <button
                type="button"
                class="danger"
                onClick={() => {
                  setConfirmReset(false);
                  void act(`Reset ${environment}`, async () => (await session.admin<DataSummary>('POST', '/data/reset', { body: { environment } })).body);
                }}
              >
                Yes, reset {environment}
              </button>
              <button type="button" onClick={() => setConfirmReset(false)}>
                Keep the data
              </button>
            </div>
          ) : (
            <button type="button" class="danger" disabled={busy !== ''} onClick={() => setConfirmReset(true)}>
              Reset {environment}
            </button>
          )}
        </div>
      </div>
      <div aria-live="polite">
        {busy ? (
          <div class="busy">
            <p>{busy}…</p>
            {progress !== undefined ? (
              <>
                <progress value={progress} max={1} aria-label="Upload" />
                <span>{progress < 1 ? `${Math.round(progress * 100)}% sent` : 'Sent; the mock is checking and loading it'}</span>
              </>
            ) : null}
          </div>
        ) : null}
        {summary ? <Summary summary={summary.summary} what={summary.what} /> : null}
      </div>
      {failure ? <ProblemView error={failure} /> : null}
    </section>
  );
}
