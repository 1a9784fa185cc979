// The data commands of the command line: `cubit-core-mock seed|reset|export|import [options]` (or `npm run data --
// <command>`). It dispatches to the commands, finds where to work
// (the running mock, or the data file), and prints a summary; problems go to stderr with exit status 1, usage
// errors with 2.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { devAdminKey } from '../config.js';
import type { DataSummary } from '../data-actions/data-actions.js';
import { defaultDataFile } from '../project-files.js';
import { exitCodes, failureReport, showsStacks } from '../operator-errors.js';
import { type CommandContext, exportSnapshot, importSnapshot, reset, seed } from './data-commands.js';
import { type DataTarget, findTarget } from './data-target.js';
import { terminalProgress } from './progress.js';

export const usage = `Usage: cubit-core-mock <command> [options]        (in a checkout: npm run data -- <command> [options])

Puts the mock's data into a known state. While a mock runs on the data file, the command goes through that
mock's admin API (found from the data file's lock); while none runs, it works on the data file itself. There is
never more than one writer on a file.

Commands:
  seed [--file <fixtures.json>]   Load fixtures (default: data/fixtures/default.json). Every record is checked
                                  against the spec first; one bad record and nothing is loaded
       [--mode replace|merge]     replace (default) empties each seeded environment first; merge upserts over
                                  what is stored
  reset [--to empty|default]      Empty the data (default), or put the default fixtures back
  export [--out <file>]           Write a snapshot of every record (default: standard output)
  import <snapshot.json>          Replace each environment of the snapshot with its records

Options (every command):
  --environment <test|prod>       Only this environment (default: all)
  --data <file>                   The data file (env CUBIT_MOCK_DATA; default data/local/cubit-mock.json)
  --url <base>                    Go through the mock at this URL (e.g. http://127.0.0.1:4010) whatever the lock says
  -h, --help                      Show this help

The admin key is read from CUBIT_MOCK_ADMIN_KEY (default ${devAdminKey}).
A problem stops the command with one sentence on stderr and exit status 1 (2 for a usage error);
CUBIT_MOCK_LOG_LEVEL=debug adds the stack.
Generate large fixture sets with: npm run fixtures -- --help
`;

const commands = ['seed', 'reset', 'export', 'import'] as const;
type Command = (typeof commands)[number];

const where = (target: DataTarget) => (target.kind === 'file' ? `in ${target.dataFile}` : `through the mock at ${target.adminUrl}${target.pid ? ` (process ${target.pid})` : ''}`);

export function summaryLine(verb: string, summary: DataSummary, target: DataTarget): string {
  const environments = Object.entries(summary.environments).map(([environment, counts]) => `${environment}: ${Object.entries(counts).map(([collection, count]) => `${count} ${collection}`).join(', ')}`);
  return `${verb} ${where(target)} in ${Math.round(summary.durationMs)} ms; now ${environments.join('; ') || 'no environment touched'}\n`;
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value !== undefined && !(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T | undefined;
}

class UsageError extends Error {}

export async function run(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        file: { type: 'string' },
        mode: { type: 'string' },
        to: { type: 'string' },
        out: { type: 'string' },
        environment: { type: 'string' },
        data: { type: 'string' },
        url: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\nRun with --help to list the commands and options.\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === undefined) {
    process.stdout.write(usage);
    return values.help ? 0 : 2;
  }
  const progress = terminalProgress();
  const dataFile = resolve(values.data ?? env.CUBIT_MOCK_DATA ?? defaultDataFile);
  try {
    if (!(commands as readonly string[]).includes(command)) throw new UsageError(`Unknown command "${command}"; it is one of ${commands.join(', ')}`);
    const file = values.file ?? rest[0];
    if (rest.length > (values.file === undefined ? 1 : 0)) throw new UsageError(`Unexpected argument "${rest.at(-1) as string}"`);
    const options = {
      environment: oneOf('environment', values.environment, ['test', 'prod'] as const),
      mode: oneOf('mode', values.mode, ['replace', 'merge'] as const),
      to: oneOf('to', values.to, ['empty', 'default'] as const),
      file: file === undefined ? undefined : resolve(file),
      out: values.out === undefined || values.out === '-' ? values.out : resolve(values.out),
    };
    const context: CommandContext = { target: await findTarget({ url: values.url, dataFile }), adminKey: env.CUBIT_MOCK_ADMIN_KEY || devAdminKey, progress };
    switch (command as Command) {
      case 'seed':
        process.stdout.write(summaryLine('Seeded', await seed(context, options), context.target));
        break;
      case 'reset':
        process.stdout.write(summaryLine('Reset', await reset(context, options), context.target));
        break;
      case 'import':
        if (options.file === undefined) throw new UsageError('import needs the snapshot file: cubit-core-mock import <snapshot.json>');
        process.stdout.write(summaryLine('Imported', await importSnapshot(context, { ...options, file: options.file }), context.target));
        break;
      case 'export':
        await exportSnapshot(context, options);
        progress.end();
        if (options.out !== undefined && options.out !== '-') process.stderr.write(`Exported ${where(context.target)} to ${options.out}\n`);
        break;
    }
    progress.end();
    return 0;
  } catch (error) {
    progress.end();
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\nRun with --help to list the commands and options.\n`);
      return 2;
    }
    // A file or data problem is one sentence (see operator-errors.ts); any other error is a bug and shows its stack.
    process.stderr.write(failureReport(error, { program: 'cubit-core-mock data', debug: showsStacks(env.CUBIT_MOCK_LOG_LEVEL), dataFile }));
    return exitCodes.failure;
  }
}
