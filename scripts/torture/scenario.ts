// What a torture scenario is: a name, and a run that does something hostile to the mock and judges the outcome.
export interface TortureContext {
  /** The seed of this scenario's random choices (kill moments, writers' actions): the same seed draws the same. */
  seed: number;
  /** Rounds for the round-based scenarios (kill -9; SIGTERM takes half as many). */
  rounds: number;
  /** Milliseconds this scenario may take; round-based scenarios stop starting rounds after it (at least one runs). */
  budgetMs: number;
  log(line: string): void;
}

export interface Outcome {
  /** What was done, in a few words with its numbers. */
  done: string;
  /** What came of it: the figures that decide the verdict. */
  result: string;
  pass: boolean;
  /** The figures, for the JSON report. */
  figures: Record<string, number | string | boolean>;
  /** What went wrong, precisely enough to repeat it (empty when it passed). */
  failures: string[];
}

export interface Scenario {
  name: string;
  /** Share of the run's duration the scenario may take (the round-based ones use it). */
  share: number;
  run(context: TortureContext): Promise<Outcome>;
}

/** Thousands separators, so that figures read at a glance. */
export const count = (n: number): string => n.toLocaleString('en-US');
