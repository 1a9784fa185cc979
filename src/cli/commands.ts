// The subcommands of `cubit-core-mock` and what each runs: a small module of its own, loaded only when its command
// is asked for, so that `start` loads nothing of the others (the proxy's and the contract suite's validators weigh
// hundreds of milliseconds). A command resolves with its exit code, or with `serving` while it keeps running.
export type CommandResult = number | 'serving';

export interface Command {
  name: string;
  summary: string;
  run(argv: string[], env: NodeJS.ProcessEnv): Promise<CommandResult>;
}

const data = (name: string, summary: string): Command => ({
  name,
  summary,
  run: async (argv, env) => (await import('./data-command.js')).run([name, ...argv], env),
});

export const commands: Command[] = [
  {
    name: 'start',
    summary: 'Run the mock (the default command): every operation of the spec under /test and /prod, the admin API under /__admin',
    run: async (argv, env) => {
      await (await import('../serve.js')).serve(argv, env);
      return argv.some((arg) => arg === '--help' || arg === '-h') ? 0 : 'serving';
    },
  },
  data('seed', 'Load fixtures (default: the default fixtures) into the data, through the running mock or into the data file'),
  data('reset', 'Empty the data, or put the default fixtures back'),
  data('export', 'Write a snapshot of every record'),
  data('import', 'Replace the data with a snapshot'),
  { name: 'token', summary: 'Print a development bearer token for the audit operations', run: async (argv, env) => (await import('./token.js')).run(argv, env) },
  { name: 'contract', summary: 'Run the contract suite against a URL (a real deployment or a mock), or against the mock in-process', run: async (argv, env) => (await import('./contract-command.js')).runContractCommand(argv, env) },
  { name: 'proxy', summary: 'Forward to an upstream API and check every request and answer against the spec (a validation proxy for CI)', run: async (argv, env) => (await import('./proxy-command.js')).runProxyCommand(argv, env) },
  { name: 'lint', summary: 'Check an OpenAPI document as the mock loads it: would the mock start on it, and if not, why', run: async (argv, env) => (await import('./lint-command.js')).runLintCommand(argv, env) },
];
