// The mock's Swagger UI page in a real browser: it lists every operation and webhook of the spec, loads nothing from
// outside the mock, and logs no error. Its screenshot is the one the README shows (test/support/screenshots.ts).
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSpecFile } from '../src/project-files.js';
import { loadSpec } from '../src/spec/load-spec.js';
import { type OpenedBrowser, openBrowser } from './support/browser.js';
import { saveScreenshot } from './support/screenshots.js';
import { type StartedMock, startMock } from './support/start-mock.js';

const browserTimeout = 60_000;
const renderTimeout = 30_000;

// The browser globals that the functions run in the page use (the project's TypeScript has no DOM library).
interface PageElement {
  id: string;
  textContent: string | null;
  querySelector(selector: string): PageElement | null;
  getAttribute(name: string): string | null;
}
declare const document: { getElementById(id: string): PageElement | null; fonts: { ready: Promise<unknown> } };
declare const CSS: { escape(value: string): string };

interface ShownOperation {
  /** Swagger UI's DOM id of the operation's block: `operations-<tag>-<operationId>`. */
  id: string;
  method: string;
  path: string;
}

/** Each operation once per tag (Swagger UI's `default` when it has none); webhooks under `webhooks`. */
async function operationsInSpec(): Promise<{ tag: string; operationId: string; method: string; path: string }[]> {
  const spec = await loadSpec(defaultSpecFile);
  const byTag = spec.operations.flatMap(({ tags, operationId, method, path }) =>
    (tags.length > 0 ? tags : ['default']).map((tag) => ({ tag, operationId, method, path })),
  );
  const webhooks = spec.webhooks.map(({ operationId, method, path }) => ({ tag: 'webhooks', operationId, method, path }));
  return [...byTag, ...webhooks];
}

let mock: StartedMock | undefined;
let browser: OpenedBrowser | undefined;
let docsUrl: string;

beforeAll(async () => {
  mock = await startMock();
  await mock.app.listen({ host: '127.0.0.1', port: 0 });
  docsUrl = `http://127.0.0.1:${(mock.app.server.address() as AddressInfo).port}/docs`;
  browser = await openBrowser();
}, browserTimeout);

afterAll(async () => {
  await browser?.close();
  await mock?.close();
}, browserTimeout);

describe('the docs page (/docs) in a browser', () => {
  it('lists every operation of the spec, loads nothing from outside the mock, and logs no error', async () => {
    const opened = browser as OpenedBrowser;
    const expected = await operationsInSpec();
    expect(expected.length).toBeGreaterThan(0);
    const page = await opened.page();
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(docsUrl, { waitUntil: 'load', timeout: browserTimeout });

    // Swagger UI's id of a block: `operations-<tag>-<operationId>` with whitespace as `_`, through CSS.escape.
    const wanted: ShownOperation[] = await page.evaluate(
      (operations) =>
        operations.map(({ tag, operationId, method, path }) => ({
          id: CSS.escape(['operations', tag, operationId].join('-').trim().replace(/\s/g, '_')),
          method,
          path,
        })),
      expected,
    );
    // Waits until every block is shown; if one never is, the comparison below names it.
    await page
      .waitForFunction((ids: string[]) => ids.every((id) => document.getElementById(id)), { timeout: renderTimeout }, wanted.map(({ id }) => id))
      .catch(() => undefined);
    await page.evaluate(async () => {
      await document.fonts.ready;
    });

    const shown: ShownOperation[] = await page.$$eval('#swagger-ui .opblock', (blocks: PageElement[]) =>
      blocks.map((block) => ({
        id: block.id,
        method: block.querySelector('.opblock-summary-method')?.textContent ?? '',
        path: block.querySelector('.opblock-summary-path')?.getAttribute('data-path') ?? '',
      })),
    );
    const byId = (a: ShownOperation, b: ShownOperation) => a.id.localeCompare(b.id);
    expect(shown.sort(byId)).toEqual(wanted.sort(byId));

    expect(opened.externalRequests).toEqual([]);
    expect(opened.pageErrors).toEqual([]);

    await saveScreenshot('docs-page', (path) => page.screenshot({ path }));
  }, browserTimeout);
});
