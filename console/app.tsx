// The console's frame: the login, then a header (environment, views, log out) over one view at a time. The
// documents are read once; the view and the environment are kept in the address's hash, so a reload stays put.
import { useEffect, useState } from 'preact/hooks';
import { Session } from './api/session.js';
import { ProblemView } from './components/problem-view.js';
import { type Documents, loadDocuments } from './spec/documents.js';
import { SchemaCheck } from './spec/schema-check.js';
import { AuditFlowView } from './views/audit-flow-view.js';
import { DataView } from './views/data-view.js';
import { FaultsView } from './views/faults-view.js';
import { JournalView } from './views/journal-view.js';
import { LoginView } from './views/login-view.js';
import { RecordsView } from './views/records-view.js';

const views = [
  { key: 'records', label: 'Records' },
  { key: 'data', label: 'Seed and reset' },
  { key: 'journal', label: 'Request journal' },
  { key: 'flow', label: 'Audit flow' },
  { key: 'faults', label: 'Faults' },
] as const;
type ViewKey = (typeof views)[number]['key'];

function fromHash(): { view: ViewKey; environment?: string } {
  const [view, environment] = location.hash.replace(/^#\/?/, '').split('/');
  return { view: views.some((v) => v.key === view) ? (view as ViewKey) : 'records', environment };
}

export function App() {
  const [session, setSession] = useState<Session | null>();
  const [documents, setDocuments] = useState<{ documents: Documents; check: SchemaCheck }>();
  const [failure, setFailure] = useState<unknown>();
  const [place, setPlace] = useState(fromHash);

  useEffect(() => {
    Session.resume().then((resumed) => setSession(resumed ?? null), () => setSession(null));
    loadDocuments().then(
      (loaded) => {
        const formats = (loaded.main.document as { 'x-cubit-enforced-formats'?: { formats?: string[] } })['x-cubit-enforced-formats']?.formats ?? [];
        setDocuments({ documents: loaded, check: new SchemaCheck(loaded.main, formats) });
      },
      (error: unknown) => setFailure(error),
    );
    const follow = () => setPlace(fromHash());
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);

  if (failure) return <main class="login"><ProblemView error={failure} heading="The console could not read the mock's documents" /></main>;
  if (session === undefined || !documents) return <main class="login"><p role="status">Loading…</p></main>;
  if (session === null) return <LoginView onOpen={setSession} />;

  const environment = place.environment && session.environments.includes(place.environment) ? place.environment : (session.environments[0] as string);
  const go = (view: ViewKey, env = environment) => {
    location.hash = `#/${view}/${env}`;
  };
  const props = { session, documents: documents.documents, check: documents.check, environment };
  return (
    <>
      <header class="top">
        <h1>Cubit Core mock</h1>
        <nav aria-label="Views">
          <ul>
            {views.map((v) => (
              <li key={v.key}>
                <a href={`#/${v.key}/${environment}`} aria-current={v.key === place.view ? 'page' : undefined}>
                  {v.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="session">
          <label for="environment">Environment</label>
          <select id="environment" value={environment} onChange={(e) => go(place.view, e.currentTarget.value)}>
            {session.environments.map((env) => (
              <option key={env} value={env}>
                {env}
              </option>
            ))}
          </select>
          <button
            type="button"
            onClick={() => {
              session.close();
              setSession(null);
            }}
          >
            Log out
          </button>
        </div>
      </header>
      <main id="main">
        {place.view === 'records' ? <RecordsView key={environment} {...props} /> : null}
        {place.view === 'data' ? <DataView key={environment} {...props} /> : null}
        {place.view === 'journal' ? <JournalView {...props} /> : null}
        {place.view === 'flow' ? <AuditFlowView key={environment} {...props} /> : null}
        {place.view === 'faults' ? <FaultsView {...props} /> : null}
      </main>
    </>
  );
}
