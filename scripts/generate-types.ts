// Generates src/generated/cubit-core.ts, the TypeScript types of the contract, from openapi/cubit-core.yaml.
// `npm run generate:types` writes the file; `--check` fails when the committed file is out of date.
import { readFile, writeFile } from 'node:fs/promises';
import openapiTS, { astToString } from 'openapi-typescript';

const specUrl = new URL('../openapi/cubit-core.yaml', import.meta.url);
const outUrl = new URL('../src/generated/cubit-core.ts', import.meta.url);
const banner = '// Generated from openapi/cubit-core.yaml by `npm run generate:types`. Do not edit.\n\n';

export async function generateTypes(): Promise<string> {
  const ast = await openapiTS(specUrl, { rootTypes: true, rootTypesNoSchemaPrefix: false });
  return banner + astToString(ast);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const generated = await generateTypes();
  if (process.argv.includes('--check')) {
    const committed = await readFile(outUrl, 'utf8').catch(() => '');
    if (committed !== generated) {
      console.error('src/generated/cubit-core.ts is out of date: run `npm run generate:types`.');
      process.exit(1);
    }
    console.log('src/generated/cubit-core.ts matches openapi/cubit-core.yaml.');
  } else {
    await writeFile(outUrl, generated);
    console.log('wrote src/generated/cubit-core.ts');
  }
}
