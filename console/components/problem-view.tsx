// A refusal as the mock answered it: status, title, detail and each violation, and the whole problem+json below.
import { RequestFailed } from '../api/http.js';

/** Plain words for the codes a tester meets most, beside the mock's own detail. */
const explanations: Record<string, string> = {
  'customer-has-installations': 'A customer that still has installations cannot be deleted: delete or move its installations first (blockedBy names them).',
  'installation-has-audits': 'An installation that still has audits cannot be deleted: delete its audits first (blockedBy names them).',
  'transition-not-allowed': 'The audit status table does not allow this change from the current status.',
  'validation-failed': 'The request broke the schema; each violation is listed below.',
  'unknown-customer': 'The customer this record points to does not exist in this environment.',
  'unknown-installation': 'The installation this record points to does not exist in this environment.',
  unauthorized: 'The key or token was refused.',
};

export function ProblemView({ error, heading }: { error: unknown; heading?: string }) {
  if (!(error instanceof RequestFailed)) return <div class="problem" role="alert"><p>{heading ?? 'Something went wrong'}: {String((error as Error | undefined)?.message ?? error)}</p></div>;
  const { problem, status } = error;
  const explanation = problem.code ? explanations[problem.code] : undefined;
  return (
    <div class="problem" role="alert">
      <p class="problem-title">
        {heading ? `${heading}: ` : ''}
        {status > 0 ? <strong>{status}</strong> : null} {problem.title}
        {problem.code ? <code class="problem-code">{problem.code}</code> : null}
      </p>
      {problem.detail ? <p>{problem.detail}</p> : null}
      {explanation ? <p class="explanation">{explanation}</p> : null}
      {problem.errors && problem.errors.length > 0 ? (
        <ul class="violations">
          {problem.errors.map((v) => (
            <li key={`${v.in}${v.pointer}${v.message}`}>
              <code>{v.pointer || '(the whole body)'}</code> {v.message}
            </li>
          ))}
        </ul>
      ) : null}
      {status > 0 ? (
        <details>
          <summary>problem+json</summary>
          <pre>{JSON.stringify(problem, null, 2)}</pre>
        </details>
      ) : null}
    </div>
  );
}
