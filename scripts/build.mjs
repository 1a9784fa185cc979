// Compiles src/ to dist/ (ESM bundles), so that the mock starts without a TypeScript
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

// The mock and the command bundle the packages they load at start with them: Node then reads one file where it
// would resolve and read over three hundred CommonJS modules, which was about a third of the mock's start-up.
// Left as imports: packages that read their own files at run time (Swagger UI's assets), optional or heavy ones
// loaded only by some commands (Prism for the proxy, vitest and tsx for the contract suite, swagger-parser when
// the spec cache misses, pino-pretty on a terminal), and esbuild itself.
const loadedAsInstalled = [
  '@apidevtools/swagger-parser',
  '@fastify/swagger',
  '@fastify/swagger-ui',
  '@faker-js/faker',
  '@stoplight/*',
  'esbuild',
  'pino-pretty',
  'tsx',
  'vite',
  'vitest',
];

const common = {
  outdir: path('dist'),
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  metafile: true,
};

const programs = await build({
  ...common,
  entryPoints: { server: path('src/server.ts'), cli: path('src/cli.ts') },
  external: loadedAsInstalled,
  // The ESM build of a package where it has one (jsonc-parser's CommonJS build requires its files by computed names).
  mainFields: ['module', 'main'],
  // Bundled CommonJS packages require Node's modules (and Ajv's standalone code its runtime) through this.
  banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
});

// The library leaves every package an import, so that an application's own copies are the ones it uses.
const library = await build({ ...common, entryPoints: { index: path('src/index.ts') }, packages: 'external' });

// Chunk names change with their content: the old ones go, once the new ones are in place (a process that is
// starting from the old build meanwhile still finds its files).
const written = new Set([programs, library].flatMap(({ metafile }) => Object.keys(metafile.outputs).map((file) => basename(file))));
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
