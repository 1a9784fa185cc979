// Ids the run may create: every one starts with `contract-<runId>-`, so a run's data is recognisable, never
// collides with anyone else's, and can be swept at the end.
import { randomBytes } from 'node:crypto';

const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomWord(length: number): string {
  return [...randomBytes(length)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

export const newRunId = (): string => randomWord(8);

export class RunNamespace {
  readonly prefix: string;

  constructor(
    readonly runId: string,
    private readonly maxLength = 64,
  ) {
    this.prefix = `contract-${runId}-`;
  }

  /** A fresh id in the namespace, ending with a readable label (e.g. the example's own id), within maxLength. */
  id(label = 'x'): string {
    const head = `${this.prefix}${randomWord(6)}-`;
    const clean = label.replace(/[^A-Za-z0-9_-]/g, '-').replace(/^-+/, '') || 'x';
    return `${head}${clean}`.slice(0, this.maxLength);
  }

  owns(id: unknown): boolean {
    return typeof id === 'string' && id.startsWith(this.prefix);
  }
}
