// The package as a user installs it: `npm pack`, then the tarball installed into a fresh project (dependencies from
// npm's cache, else the registry). There, `npx cubit-core-mock` answers --version and --help, its contract suite
// runs, the library starts the mock from plain JavaScript, and TypeScript (NodeNext, strict) type-checks a use of
// its API.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTempDir } from './support/temp-dir.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
const tsc = join(root, 'node_modules/typescript/bin/tsc');
let temp: Awaited<ReturnType<typeof withTempDir>>;
let project: string;

const usage = `import { createMockServer, type MockServer } from 'cubit-core-mock';

const mock: MockServer = await createMockServer({ logLevel: 'silent' });
const url: string = mock.baseUrl('test');
const key: string = mock.keys.test;
const summary = await mock.seed({ format: 'cubit-core-mock/fixtures-1', environments: { test: { customers: [] } } });
const customers: number | undefined = summary.environments.test?.customers;
console.log(url, key, customers);
await mock.stop();
`;

const runtime = `import { createMockServer } from 'cubit-core-mock';
const mock = await createMockServer();
const seeded = await mock.seed();
const answer = await fetch(mock.baseUrl('test') + '/customers?limit=1', { headers: { 'x-api-key': mock.keys.test } });
console.log(JSON.stringify({ status: answer.status, total: (await answer.json()).total, seeded: seeded.environments.test.customers }));
await mock.stop();
`;

beforeAll(async () => {
  temp = await withTempDir();
  project = join(temp.dir, 'project');
  // The types are built by `npm run build` (and prepare); dist/ itself by the tests' global setup.
  await run(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root });
  const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', temp.dir], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
  await run('mkdir', ['-p', project]);
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'integrator-project', version: '1.0.0', private: true, type: 'module' }));
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(temp.dir, filename)], { cwd: project, maxBuffer: 64 * 1024 * 1024 });
}, 300_000);

afterAll(() => temp?.remove());

describe('the installed package', () => {
  it('runs as npx cubit-core-mock', async () => {
    expect((await run('npx', ['cubit-core-mock', '--version'], { cwd: project })).stdout).toBe(`${manifest.version}\n`);
    const help = await run('npx', ['cubit-core-mock', '--help'], { cwd: project });
    for (const command of ['start', 'seed', 'reset', 'export', 'import', 'token', 'contract', 'proxy', 'lint']) expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    const lint = await run('npx', ['cubit-core-mock', 'lint'], { cwd: project });
    expect(lint.stdout).toContain('the mock would serve it');
  }, 60_000);

  it('runs the contract suite it ships (cubit-core-mock contract), with a JUnit report', async () => {
    const ran = await run('npx', ['cubit-core-mock', 'contract', '--report-dir', 'reports', '--junit', 'reports/junit.xml'], { cwd: project, maxBuffer: 64 * 1024 * 1024 });
    expect(ran.stdout).toMatch(/violations: none/);
    expect(readFileSync(join(project, 'reports/junit.xml'), 'utf8')).toMatch(/<testsuites [^>]*tests="\d{3,}"[^>]*failures="0"/);
  }, 180_000);

  it('starts the mock from plain JavaScript, with the default fixtures it ships', async () => {
    await writeFile(join(project, 'use.mjs'), runtime);
    const { stdout } = await run(process.execPath, ['use.mjs'], { cwd: project });
    const result = JSON.parse(stdout) as { status: number; total: number; seeded: number };
    expect(result.status).toBe(200);
    expect(result.total).toBe(result.seeded);
    expect(result.seeded).toBeGreaterThan(0);
  }, 60_000);

  it('has types that a strict NodeNext TypeScript project checks', async () => {
    await writeFile(join(project, 'use.ts'), usage);
    await writeFile(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2023', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] }, include: ['use.ts'] }));
    await run('ln', ['-s', join(root, 'node_modules/@types'), join(project, 'node_modules/@types')]).catch(() => undefined);
    const checked = await run(process.execPath, [tsc, '-p', project], { cwd: project }).catch((error: Error & { stdout?: string }) => ({ stdout: error.stdout ?? error.message }));
    expect(checked.stdout).toBe('');
    // …and one that misuses the API is refused: the check has teeth.
    await writeFile(join(project, 'use.ts'), usage.replace("mock.baseUrl('test')", 'mock.baseUrl(42)'));
    const refused = await run(process.execPath, [tsc, '-p', project], { cwd: project }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    expect(refused.stdout).toContain("Argument of type 'number' is not assignable to parameter of type 'string'");
  }, 60_000);
});
