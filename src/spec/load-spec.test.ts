import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withTempDir } from '../../test/support/temp-dir.js';
import { loadSpec } from './load-spec.js';

let temp: Awaited<ReturnType<typeof withTempDir>>;
beforeEach(async () => {
  temp = await withTempDir();
});
afterEach(() => temp.remove());

const spec = (schema: object, extra = '') => `openapi: 3.1.0
info: { title: t, version: '1' }
servers:
  - url: http://localhost/{environment}
    variables:
      environment: { default: test, enum: [test, prod] }
${extra}
paths:
  /things:
    get:
      operationId: listThings
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: ${JSON.stringify(schema)}
`;

async function load(text: string) {
  const file = join(temp.dir, 'spec.yaml');
  await writeFile(file, text);
  return loadSpec(file);
}

describe('loadSpec', () => {
  it('loads operations and environments from a small valid document', async () => {
    const loaded = await load(spec({ type: 'object' }));
    expect(loaded.environments).toEqual(['test', 'prod']);
    expect(loaded.operations).toMatchObject([{ operationId: 'listThings', method: 'GET', path: '/things', security: [] }]);
  });

  it('fails fast on a bad type in a 3.1 schema, which swagger-parser alone lets through', async () => {
    await expect(load(spec({ type: 'strnig' }))).rejects.toThrow(/invalid schemas:[\s\S]*\/schema/);
  });

  it('fails with the missing pointer on a dangling $ref', async () => {
    await expect(load(spec({ $ref: '#/components/schemas/Nope' }))).rejects.toThrow(/not a valid OpenAPI document.*Nope/);
  });

  it('fails when the servers declare no environment variable', async () => {
    const text = spec({ type: 'object' }).replace(/servers:[\s\S]*?prod\] }\n/, 'servers:\n  - url: http://localhost\n');
    await expect(load(text)).rejects.toThrow('no `environment` variable');
  });

  it('fails on a file that does not exist', async () => {
    await expect(loadSpec(join(temp.dir, 'missing.yaml'))).rejects.toThrow('Cannot read the spec');
  });
});

describe('loadSpec cache', () => {
  it('reuses a validated document with the same bytes, and validates changed bytes again', async () => {
    const cacheDir = join(temp.dir, 'cache');
    const file = join(temp.dir, 'spec.yaml');
    await writeFile(file, spec({ type: 'object' }));
    await loadSpec(file, { cacheDir });
    const [cached] = await readdir(cacheDir);
    expect(cached).toMatch(/^spec-[0-9a-f]{64}\.json$/);
    // The cache is what a second load uses: a marker put into the cached copy shows up.
    const entry = JSON.parse(await readFile(join(cacheDir, cached as string), 'utf8')) as { document: { info: { title: string } } };
    entry.document.info.title = 'from the cache';
    await writeFile(join(cacheDir, cached as string), JSON.stringify(entry));
    expect((await loadSpec(file, { cacheDir })).document.info.title).toBe('from the cache');
    // Different bytes are validated afresh: a broken spec is not served from a stale cache.
    await writeFile(file, spec({ type: 'strnig' }));
    await expect(loadSpec(file, { cacheDir })).rejects.toThrow('invalid schemas');
  });
});
