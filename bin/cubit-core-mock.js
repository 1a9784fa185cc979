#!/usr/bin/env node
// The cubit-core-mock command: runs dist/cli.js. In a checkout (with scripts/build.mjs), dist/ is built again
// first when it is missing or a source is newer than it, so that an edit never runs stale code; an installed
// package ships dist/ built, and no build script.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(root, 'dist/cli.js');
const sources = [join(root, 'src'), join(root, 'console')];
const buildScript = join(root, 'scripts/build.mjs');

/**
 * The newest modification time of a file under `dir` that goes into the bundle (tests do not).
 * @param {string} dir
 * @returns {number}
 */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(file));
    else if (/\.(ts|tsx|css)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) latest = Math.max(latest, statSync(file).mtimeMs);
  }
  return latest;
}

if (existsSync(buildScript)) {
  const built = existsSync(bundle) ? statSync(bundle).mtimeMs : 0;
  if (built === 0 || Math.max(...sources.map(newest)) > built) execFileSync(process.execPath, [buildScript], { stdio: 'inherit' });
}
await import('../dist/cli.js');
