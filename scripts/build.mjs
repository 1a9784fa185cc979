// Compiles src/ to dist/ (ESM bundles, packages left as imports), so that the mock starts without a TypeScript
// loader: dist/server.js (the mock), dist/cli.js (the cubit-core-mock command, bin/cubit-core-mock.js) and
// dist/index.js (the library: createMockServer), sharing chunks beside them. Every output sits directly in dist/,
// one level below the package, as src/project-files.ts expects. Plain JavaScript, so that it needs no loader itself.
// The QA console (console/, a Preact page) is bundled for the browser into dist/console/: console.js and console.css,
// everything in them, since the page loads nothing from outside the mock.
// `npm ci` and `npm install` run it (prepare); bin/cubit-core-mock.js runs it again when a source is newer.
import { readdir, rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { URL, fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const path = (relative) => fileURLToPath(new URL(`../${relative}`, import.meta.url));

const { metafile } = await build({
  entryPoints: { server: path('src/server.ts'), cli: path('src/cli.ts'), index: path('src/index.ts') },
  outdir: path('dist'),
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  metafile: true,
});

// Chunk names change with their content: the old ones go, once the new ones are in place (a process that is
// starting from the old build meanwhile still finds its files).
const written = new Set(Object.keys(metafile.outputs).map((file) => basename(file)));
for (const name of await readdir(path('dist'))) {
  if (name.startsWith('chunk-') && !written.has(name)) await rm(path(`dist/${name}`));
}

await build({
  entryPoints: { console: path('console/main.tsx') },
  outdir: path('dist/console'),
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
});
