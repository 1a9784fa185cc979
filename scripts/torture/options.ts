// The torture run's options: how long it may take, how many kill rounds, which seed, which scenarios.
import { parseArgs } from 'node:util';

export interface TortureOptions {
  /** Seconds the whole run may take; the round-based scenarios share what the others leave. */
  durationSec: number;
  /** kill -9 rounds (SIGTERM rounds are half as many). */
  rounds: number;
  seed: number;
  /** Names (or parts of names) of the scenarios to run; empty runs all. */
  only: string[];
}

export class UsageError extends Error {}

export const usage = `npm run torture -- [options]
  --duration <s>   Seconds the run may take, at most (default 240): the kill -9 and SIGTERM rounds stop starting
                   new rounds once their share of it is spent (at least one round each runs)
  --rounds <n>     kill -9 rounds (default 12); SIGTERM rounds are half as many
  --seed <n>       Seed of the random choices (kill moments, writers' actions); default: new each run, printed
  --only <names>   Comma-separated scenarios to run (a part of the name is enough: kill,disk,lock)
  --help           This text
`;

function positive(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value <= 0) throw new UsageError(`--${name} must be a positive whole number, not ${JSON.stringify(text)}`);
  return value;
}

export function parseOptions(argv: string[]): TortureOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { duration: { type: 'string' }, rounds: { type: 'string' }, seed: { type: 'string' }, only: { type: 'string' }, help: { type: 'boolean' } },
      strict: true,
    }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${usage}`);
  }
  if (parsed.help) return 'help';
  return {
    durationSec: positive('duration', parsed.duration, 240),
    rounds: positive('rounds', parsed.rounds, 12),
    seed: positive('seed', parsed.seed, 1 + Math.floor(Math.random() * 2 ** 30)),
    only: (parsed.only ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean),
  };
}
