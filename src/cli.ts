// Entry point of dist/cli.js, which bin/cubit-core-mock.js runs: the cubit-core-mock command (src/cli/cli.ts).
import { runCli } from './cli/cli.js';

try {
  const result = await runCli(process.argv.slice(2), process.env);
  if (result !== 'serving') process.exitCode = result;
} catch (error) {
  console.error(error);
  process.exitCode = 1;
}
