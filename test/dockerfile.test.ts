// The container image (Dockerfile, .dockerignore), checked without Docker: multi-stage on node 20 slim, a non-root
// user, the port, the data volume, a HEALTHCHECK that works (run here against a real mock process), nothing the
// mock needs at run time left out of the runtime stage or the build context.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { defaultAdminSpecFile, defaultFixturesFile, defaultSpecFile } from '../src/project-files.js';
import { startServer, useMockProcesses } from './support/mock-process.js';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Instruction {
  keyword: string;
  args: string;
}

/** The Dockerfile's instructions by stage (continuation lines joined, comments dropped), and its global ARGs. */
function parseDockerfile(text: string): { args: Map<string, string>; stages: { from: string; name: string | undefined; instructions: Instruction[] }[] } {
  const lines = text.replace(/\\\n/g, ' ').split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
  const args = new Map<string, string>();
  const stages: { from: string; name: string | undefined; instructions: Instruction[] }[] = [];
  for (const line of lines) {
    const [, keyword = '', rest = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args: rest.replace(/\s+/g, ' ') };
    if (instruction.keyword === 'FROM') {
      const [, image = '', name] = /^(\S+)(?: AS (\S+))?$/i.exec(instruction.args) ?? [];
      stages.push({ from: image.replace(/\$\{(\w+)\}/g, (_, arg: string) => args.get(arg) ?? ''), name, instructions: [] });
    } else if (stages.length === 0 && instruction.keyword === 'ARG') {
      const [name = '', value = ''] = instruction.args.split('=');
      args.set(name, value);
    } else stages.at(-1)?.instructions.push(instruction);
  }
  return { args, stages };
}

const dockerfile = parseDockerfile(readFileSync(join(root, 'Dockerfile'), 'utf8'));
const runtime = dockerfile.stages.at(-1) as (typeof dockerfile.stages)[number];
const all = (stage: typeof runtime, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
const one = (keyword: string) => {
  const found = all(runtime, keyword);
  expect(found, `the runtime stage has one ${keyword}`).toHaveLength(1);
  return found[0] as string;
};
const ignored = readFileSync(join(root, '.dockerignore'), 'utf8').split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
const isIgnored = (path: string) => ignored.some((pattern) => path === pattern || path.startsWith(`${pattern}/`));

describe('the Dockerfile', () => {
  it('builds in one stage and runs from another, each on node 20 slim', () => {
    expect(dockerfile.stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of dockerfile.stages) expect(stage.from).toMatch(/^node:20(\.\d+)*-(bookworm-)?slim$/);
    const build = dockerfile.stages.find((stage) => all(stage, 'RUN').some((run) => run.includes('npm run build')));
    expect(build, 'a stage runs npm run build').toBeDefined();
    expect(all(build as typeof runtime, 'RUN').some((run) => /\bnpm ci\b/.test(run) && !run.includes('--omit=dev'))).toBe(true);
    expect(build).not.toBe(runtime);
    expect(all(runtime, 'RUN').join('\n')).not.toMatch(/npm (ci|install)(?![^\n]*--omit=dev)/);
  });

  it('takes only production dependencies, dist/ from the build, and the files the mock reads', () => {
    const copies = all(runtime, 'COPY');
    const node = copies.find((copy) => / \S*node_modules \S*node_modules$/.test(copy) && copy.startsWith('--from='));
    const from = dockerfile.stages.find((stage) => stage.name === /^--from=(\S+)/.exec(node ?? '')?.[1]);
    expect(from && all(from, 'RUN').some((run) => /npm ci\b.*--omit=dev/.test(run)), 'node_modules come from a stage that ran npm ci --omit=dev').toBe(true);
    expect(copies.some((copy) => /^--from=build \/app\/dist /.test(copy))).toBe(true);
    // Every file the bundle reads beside itself (src/project-files.ts), and package.json for "type": "module".
    const copied = copies.filter((copy) => !copy.startsWith('--from=')).map((copy) => copy.split(' ')[0] as string);
    for (const file of [defaultSpecFile, defaultAdminSpecFile, defaultFixturesFile, join(root, 'package.json')]) {
      const path = relative(root, file);
      expect(copied.some((source) => path === source || path.startsWith(`${source}/`)), `${path} is copied into the runtime stage`).toBe(true);
    }
  });

  it('runs the mock as a non-root user, on 0.0.0.0:4010, with its data in the /data volume', () => {
    const user = one('USER');
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    const order = runtime.instructions.map((i) => i.keyword);
    expect(order.lastIndexOf('USER')).toBeLessThan(order.indexOf('ENTRYPOINT'));
    expect(one('EXPOSE')).toBe('4010');
    expect(JSON.parse(one('VOLUME'))).toEqual(['/data']);
    const env = all(runtime, 'ENV').join(' ');
    expect(env).toContain('HOST=0.0.0.0');
    expect(env).toContain('PORT=4010');
    expect(env).toMatch(/CUBIT_MOCK_DATA=\/data\/\S+\.json/);
    expect(JSON.parse(one('ENTRYPOINT'))).toEqual(['node', '--max-old-space-size=1024', '--max-semi-space-size=32', 'dist/server.js']);
  });

  it('leaves out of the build context what the image makes itself, and nothing the build reads', () => {
    for (const path of ['node_modules', 'dist', 'data/local', '.git']) expect(isIgnored(path), `${path} is in .dockerignore`).toBe(true);
    for (const path of ['package.json', 'package-lock.json', 'scripts/build.mjs', 'src', 'openapi', 'data/fixtures', 'tsconfig.json']) {
      expect(existsSync(join(root, path)), `${path} exists`).toBe(true);
      expect(isIgnored(path), `${path} is not in .dockerignore`).toBe(false);
    }
  });

  it('imports at run time only packages of "dependencies"', () => {
    // dist/ is built by test/global-setup.ts; server.js and every chunk it reaches, statically or not.
    const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(join(root, 'dist', file), 'utf8');
      // Import statements, dynamic imports, and the requires of CommonJS packages bundled into dist/.
      const specifiers = [
        ...code.matchAll(/^(?:import|export)\b[^;'"]*?\bfrom\s*["']([^"']+)["']/gm),
        ...code.matchAll(/^import\s*["']([^"']+)["']/gm),
        ...code.matchAll(/(?<!\{)\bimport\(\s*["']([^"']+)["']\s*\)/g), // not a JSDoc type, {import('…').Type}
        ...code.matchAll(/\b__require\(\s*["']([^"']+)["']\s*\)/g),
      ].map((match) => match[1] as string);
      for (const specifier of specifiers) {
        if (specifier.startsWith('./')) visit(specifier.slice(2));
        else if (!specifier.startsWith('node:') && !builtinModules.includes(specifier)) packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] as string));
      }
    };
    visit('server.js');
    expect(packages.size).toBeGreaterThan(2);
    expect([...packages].filter((name) => !(name in dependencies))).toEqual([]);
  });

  describe('HEALTHCHECK', () => {
    const fixture = useMockProcesses();
    const healthcheck = /^(?:--\S+ )*CMD (\[.*\])$/.exec(all(runtime, 'HEALTHCHECK')[0] ?? '')?.[1];
    const command = JSON.parse(healthcheck ?? '[]') as string[];
    const run = (port: string) =>
      promisify(execFile)(process.execPath, command.slice(1), { env: { ...process.env, PORT: port }, timeout: 10_000 }).then(
        () => 0,
        (error: { code?: number }) => error.code ?? -1,
      );

    it('asks /__health with node (no curl in a slim image), and passes against a running mock only', async () => {
      expect(command[0]).toBe('node');
      expect(command.join(' ')).toContain('/__health');
      expect(command.join(' ')).toContain('process.env.PORT');
      fixture.running = await startServer(['--data', join(fixture.dir, 'data.json')]);
      const port = new URL(fixture.running.baseUrl).port;
      expect(await run(port)).toBe(0);
      fixture.running.child.kill('SIGTERM');
      expect(await fixture.running.exited).toBe(0);
      expect(await run(port)).toBe(1);
    });
  });
});
