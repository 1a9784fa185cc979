// What the last action of a view came to: its notice when it worked, the mock's problem when it did not.
import { ProblemView } from './problem-view.js';

export function Outcome({ notice, failure }: { notice: string; failure: unknown }) {
  return (
    <>
      <p class="notice" role="status">
        {notice}
      </p>
      {failure ? <ProblemView error={failure} /> : null}
    </>
  );
}
