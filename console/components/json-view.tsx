// A value as indented JSON, or a body's text as the journal holds it (indented when it is JSON).
export function JsonView({ value, label }: { value: unknown; label: string }) {
  return (
    <pre class="json" tabIndex={0} aria-label={label}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

export function BodyView({ text, truncated, label }: { text: string | null; truncated?: boolean; label: string }) {
  if (text === null) return <p class="muted">No body.</p>;
  let shown = text;
  try {
    shown = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // Not JSON (or cut short): shown as it is.
  }
  return (
    <>
      <pre class="json" tabIndex={0} aria-label={label}>
        {shown}
      </pre>
      {truncated ? <p class="muted">Cut after 8192 characters.</p> : null}
    </>
  );
}
