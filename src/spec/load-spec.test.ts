import { writeFile } from 'node:fs/promises';
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
