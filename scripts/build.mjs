// Compiles the server to dist/server.js (one ESM bundle of src/, packages left as imports), so that the
// mock starts without a TypeScript loader. Plain JavaScript, so that it needs no loader itself.
import { URL } from 'node:url';
import { build } from 'esbuild';

await build({
  entryPoints: [new URL('../src/server.ts', import.meta.url).pathname],
  outfile: new URL('../dist/server.js', import.meta.url).pathname,
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
});
