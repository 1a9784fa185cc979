// The contract suite is generated from the spec, not from a list: add a resource to the spec and, without a
// change to the suite, it gets positive (examples, lifecycle, reads), negative (bodies, parameters, unknown id,
// media type, references) and auth tests. Shown by listing the tests vitest collects for the extended spec.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSpecWithSites } from './support/spec-with-sites.js';
import { withTempDir } from './support/temp-dir.js';

const root = fileURLToPath(new URL('..', import.meta.url));
let temp: Awaited<ReturnType<typeof withTempDir>>;
let names: string[];

beforeAll(async () => {
  temp = await withTempDir();
  const specFile = await writeSpecWithSites(temp.dir);
  const listFile = join(temp.dir, 'tests.json');
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && !name.startsWith('CONTRACT_')));
  // Listing sends no request: the base URL is never contacted.
  const child = spawn(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'list', '--project', 'contract', '--maxWorkers=1', `--json=${listFile}`], {
    cwd: root,
    env: { ...env, CONTRACT_SPEC_FILE: specFile, CONTRACT_BASE_URL: 'http://127.0.0.1:9/test', CONTRACT_API_KEY: 'not-used-by-a-listing' },
    stdio: 'ignore',
  });
  expect(await new Promise((resolve) => child.on('close', resolve))).toBe(0);
  names = (JSON.parse(await readFile(listFile, 'utf8')) as { name: string }[]).map((test) => test.name);
}, 120_000);

afterAll(() => temp.remove());

describe('a resource added to the spec', () => {
  it.each([
    ['positive: named request examples', /^upsertSite: named request examples > example createSite sent with a new id → 201/],
    ['positive: lifecycle', /^sites: lifecycle > create → get → update → get → list contains → delete → get 404 → delete 404$/],
    ['positive: reads', /^getSite: reads > an item that exists → 200$/],
    ['negative: body', /^upsertSite: invalid bodies → 400 > \/floors: above maximum 200 → 400$/],
    ['negative: readOnly field', /^upsertSite: invalid bodies → 400 > \/version: readOnly field sent → 400$/],
    ['negative: parameters', /^getSite: invalid parameters → 400 > path siteId = .*: pattern .* not matched → 400$/],
    ['negative: unknown id', /^deleteSite: unknown id > siteId that does not exist → 404$/],
    ['negative: dangling reference', /^upsertSite: dangling references > customerId naming no item of customers → 422/],
    ['negative: still referenced', /^deleteCustomer: still referenced > an item of customers still referenced by an item of sites → 409/],
    ['auth', /^listSites: authentication > a wrong API key → 401$/],
  ])('gets %s tests', (_, pattern) => {
    expect(names.filter((name) => pattern.test(name))).not.toEqual([]);
  });
});
