// `cubit-core-mock [command] [options]`: picks the command (start when the first argument is an option or there is
// none), answers --help and --version, and runs it. Usage errors exit with 2.
import { readFileSync } from 'node:fs';
import { packageManifestFile } from '../project-files.js';
import { type CommandResult, commands } from './commands.js';

export function version(): string {
  return (JSON.parse(readFileSync(packageManifestFile, 'utf8')) as { version: string }).version;
}

export const usage = (): string => {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return `Usage: cubit-core-mock [command] [options]

A spec-driven, stateful mock and contract-testing tool for the Cubit Core API.

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join('\n')}

With no command, or options only, the mock starts: cubit-core-mock --port 4010 is cubit-core-mock start --port 4010.
cubit-core-mock <command> --help   the options of one command
cubit-core-mock --version          the version
`;
};

export async function runCli(argv: string[], env: NodeJS.ProcessEnv): Promise<CommandResult> {
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-v') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(usage());
    return 0;
  }
  if (first === undefined || first.startsWith('-')) return (commands[0] as (typeof commands)[number]).run(argv, env);
  const command = commands.find((c) => c.name === first);
  if (!command) {
    process.stderr.write(`cubit-core-mock: no command "${first}"; the commands are ${commands.map((c) => c.name).join(', ')} (cubit-core-mock --help)\n`);
    return 2;
  }
  return command.run(rest, env);
}
