// `cubit-core-mock lint [spec]`: judges an OpenAPI document the way the mock does when it starts on it (the spec
// validated, every schema against JSON Schema 2020-12, every operation bound to a handler, the transition table and
// the webhooks read), without serving it or touching any data. Exit 0 when the mock would start, 1 with the
// reason when it would not, 2 for a usage error.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../app.js';
import { devAdminKey, devApiKeys } from '../config.js';
import { defaultSpecFile } from '../project-files.js';
import { loadSpec } from '../spec/load-spec.js';

export const lintUsage = `Usage: cubit-core-mock lint [<openapi.yaml>]

Checks an OpenAPI document as the mock loads it when it starts (default: the document the mock serves,
openapi/cubit-core.yaml): valid OpenAPI 3.1, every schema valid JSON Schema 2020-12, every operation one the mock
has a handler for, the x-cubit- extensions readable. Prints what it found; exit code 0 when the mock would start
on the document, 1 (with the reason) when it would not.
`;

export async function runLintCommand(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${lintUsage}`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(lintUsage);
    return 0;
  }
  if (parsed.positionals.length > 1) {
    process.stderr.write(`lint takes one document, got ${parsed.positionals.length}\n${lintUsage}`);
    return 2;
  }
  const file = parsed.positionals[0] === undefined ? defaultSpecFile : resolve(parsed.positionals[0]);
  try {
    const spec = await loadSpec(file);
    // The rest of what a start checks (handlers, transitions, webhooks, the admin API beside it): build the app in memory.
    const app = await buildApp({ spec, apiKeys: Object.fromEntries(spec.environments.map((e) => [e, `${devApiKeys.test}-${e}`])), adminKey: env.CUBIT_MOCK_ADMIN_KEY || devAdminKey });
    await app.close();
    process.stdout.write(`${file}: the mock would serve it: ${spec.operations.length} operations in ${spec.environments.length} environments (${spec.environments.join(', ')}), ${spec.webhooks.length} webhooks\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`${file}: the mock would not start on it: ${(error as Error).message}\n`);
    return 1;
  }
}
