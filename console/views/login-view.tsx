// Asks for the admin key once. The key is checked by the mock itself (issueClientCredentials); a refusal says why.
import { useState } from 'preact/hooks';
import { RequestFailed } from '../api/http.js';
import { Session } from '../api/session.js';

function refusal(error: unknown): string {
  if (!(error instanceof RequestFailed)) return `The mock could not be asked: ${String(error)}`;
  if (error.status === 401) return 'The mock refused that admin key. Use the key the mock was started with: the environment variable CUBIT_MOCK_ADMIN_KEY, or the development key cubit-mock-admin-key when it is not set.';
  if (error.status === 429) return `Too many failed attempts from this address: ${error.problem.detail ?? 'wait a minute, then try again.'}`;
  if (error.status === 404) return 'This mock has no admin API (it was started with --no-admin).';
  return `${error.status > 0 ? `${error.status} ` : ''}${error.problem.title ?? ''}: ${error.problem.detail ?? ''}`;
}

export function LoginView({ onOpen }: { onOpen: (session: Session) => void }) {
  const [key, setKey] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setMessage('');
    try {
      const session = await Session.open(key);
      setKey('');
      onOpen(session);
    } catch (error) {
      setMessage(refusal(error));
      setBusy(false);
    }
  };
  return (
    <main class="login">
      <h1>Cubit Core mock: QA console</h1>
      <form onSubmit={(event) => void submit(event)} aria-describedby="login-hint">
        <div class="field">
          <label for="admin-key">Admin key</label>
          <input id="admin-key" type="password" autoComplete="off" required value={key} onInput={(e) => setKey(e.currentTarget.value)} aria-invalid={message ? true : undefined} aria-describedby={message ? 'login-error' : undefined} />
        </div>
        <p id="login-hint" class="hint">
          The console keeps the key in this tab only (session storage) and forgets it when the tab closes or you log out.
        </p>
        <button type="submit" class="primary" disabled={busy || key === ''}>
          {busy ? 'Checking…' : 'Open the console'}
        </button>
        {message ? (
          <p id="login-error" class="problem" role="alert">
            {message}
          </p>
        ) : null}
      </form>
    </main>
  );
}
