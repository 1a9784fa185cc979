// The QA console (/__admin/console) in a real browser, as a tester uses it: log in with the admin key (a wrong one
// refused with a clear message), seed the default fixtures, edit a customer through the generated form, see a 400
// from the mock beside its field, move an audit through two statuses and watch the Archive and Lantern deliveries,
// add a "fail twice" fault and watch it in the journal, replay a dead letter. No key ever shows in the page, every
// control has a label, the page works by keyboard, and it asks nothing of any server but the mock. Screenshots of
// the main views at a laptop width and a phone width go to reports/screenshots/ (docs/images/ with UPDATE_SCREENSHOTS=1).
import { writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testAdminKey } from '../contract-tests/lib/fake-credentials.js';
import { eventually, listFlow, plannedAudit } from './support/audit-flow.js';
import { createCustomer } from './support/fixtures.js';
import { type OpenedBrowser, openBrowser } from './support/browser.js';
import { saveScreenshot } from './support/screenshots.js';
import { type StartedMock, startMock } from './support/start-mock.js';
import { testKeys, testToken } from './support/test-keys.js';

const browserTimeout = 60_000;
const waitTimeout = 20_000;
const widths = { wide: { width: 1280, height: 860 }, narrow: { width: 390, height: 844 } } as const;

// The browser globals the functions run in the page use (the project's TypeScript has no DOM library).
interface PageNode {
  textContent: string | null;
  value?: string;
  id: string;
  outerHTML: string;
  getAttribute(name: string): string | null;
  closest(selector: string): PageNode | null;
}
declare const document: {
  querySelector(selector: string): PageNode | null;
  querySelectorAll(selector: string): PageNode[];
  documentElement: PageNode;
  activeElement: PageNode | null;
};
declare const sessionStorage: { length: number; key(index: number): string | null; getItem(key: string): string | null };
declare const location: { hash: string };
/** What uploadFile needs of an element's type. */
interface HTMLInputElementLike {
  files: unknown;
}

let mock: StartedMock;
let browser: OpenedBrowser;
let consoleUrl: string;

beforeAll(async () => {
  // Quick retries and a low delivery count, so that a failing receiver reaches the dead letters within the test.
  mock = await startMock({ delivery: { retry: { baseDelayMs: 5, maxDelayMs: 20 }, maxDeliveryCount: 3 } });
  await mock.app.listen({ host: '127.0.0.1', port: 0 });
  consoleUrl = `http://127.0.0.1:${(mock.app.server.address() as AddressInfo).port}/__admin/console`;
  browser = await openBrowser();
}, browserTimeout);

afterAll(async () => {
  await browser?.close();
  await mock?.close();
}, browserTimeout);

/** Waits until the element matching `selector` contains `text`. */
async function waitForText(page: Page, selector: string, text: string): Promise<void> {
  try {
    await page.waitForFunction((sel: string, wanted: string) => [...document.querySelectorAll(sel)].some((node) => node.textContent?.includes(wanted)), { timeout: waitTimeout }, selector, text);
  } catch (error) {
    const shown = await page.evaluate((sel: string) => [...document.querySelectorAll(sel)].map((node) => node.textContent).join(' | '), selector);
    throw new Error(`waited for "${text}" in ${selector}; it shows: ${shown.slice(0, 2000)}`, { cause: error });
  }
}

/** The button (or link) whose text is `label`. */
async function control(page: Page, label: string, selector = 'button'): Promise<ElementHandle> {
  const handle = await page.waitForFunction(
    (sel: string, wanted: string) => [...document.querySelectorAll(sel)].find((node) => node.textContent?.trim() === wanted && node.getAttribute('disabled') === null),
    { timeout: waitTimeout },
    selector,
    label,
  );
  return handle;
}

/** The text of the first element matching `selector`. */
const textOf = (page: Page, selector: string) => page.evaluate((sel: string) => document.querySelector(sel)?.textContent ?? '', selector);
const attributeOf = (page: Page, selector: string, name: string) => page.evaluate((sel: string, attribute: string) => document.querySelector(sel)?.getAttribute(attribute) ?? null, selector, name);

const click = async (page: Page, label: string, selector?: string) => (await control(page, label, selector)).click();

async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await page.click(selector, { count: 3 });
  await page.keyboard.press('Backspace');
  await page.type(selector, text);
}

async function view(page: Page, name: string, ready: string, readyText: string): Promise<void> {
  await click(page, name, 'header nav a');
  await waitForText(page, ready, readyText);
}

/** Everything the page holds that a person could see or copy: its HTML and the values of its fields. */
const pageText = (page: Page) => page.evaluate(() => `${document.documentElement.outerHTML}\n${[...document.querySelectorAll('input, textarea, select')].map((field) => field.value ?? '').join('\n')}`);

/** Controls without a label: a `label for`, an aria-label or aria-labelledby. */
const unlabelled = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea, button')]
      .filter((field) => {
        if (field.getAttribute('aria-label') || field.getAttribute('aria-labelledby')) return false;
        if (field.id && document.querySelector(`label[for="${field.id}"]`)) return false;
        return !(field.textContent ?? '').trim();
      })
      .map((field) => field.outerHTML.slice(0, 120)),
  );

async function shoot(page: Page, name: string): Promise<void> {
  for (const [width, viewport] of Object.entries(widths)) {
    await page.setViewport(viewport);
    await saveScreenshot(`console-${name}-${width}`, (path) => page.screenshot({ path, fullPage: true }));
  }
  await page.setViewport(widths.wide);
}

async function apiCustomer(id: string): Promise<Record<string, unknown>> {
  const response = await mock.client.request('test', 'GET', `/customers/${id}`);
  expect(response.status).toBe(200);
  return response.body as Record<string, unknown>;
}

describe('the QA console in a browser', () => {
  let page: Page;

  it('refuses a wrong admin key with a clear message, and keeps nothing of it', async () => {
    page = await browser.page();
    await page.setViewport(widths.wide);
    await page.goto(consoleUrl, { waitUntil: 'load', timeout: browserTimeout });
    await page.waitForSelector('#admin-key', { timeout: waitTimeout });
    await page.type('#admin-key', 'not-the-admin-key');
    await page.keyboard.press('Enter');
    await waitForText(page, '#login-error', 'refused that admin key');
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(await page.$('header.top')).toBeNull();
  }, browserTimeout);

  it('logs in by keyboard with the admin key, and shows no key or token anywhere in the page', async () => {
    await typeInto(page, '#admin-key', testAdminKey);
    await page.keyboard.press('Enter');
    await page.waitForSelector('header.top', { timeout: waitTimeout });
    await waitForText(page, 'caption', 'Customers');
    // Kept for the tab only: a reload stays logged in.
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('header.top', { timeout: waitTimeout });
    // The header's links work by keyboard: Tab to one, Enter follows it.
    for (let tabs = 0; tabs < 10; tabs += 1) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.textContent)) === 'Seed and reset') break;
    }
    await page.keyboard.press('Enter');
    await waitForText(page, 'h2', 'Seed and reset test');
    expect(await page.evaluate(() => location.hash)).toBe('#/data/test');

    const shown = await pageText(page);
    for (const secret of [testAdminKey, testKeys.test, testKeys.prod]) expect(shown).not.toContain(secret);
    expect(shown).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  }, browserTimeout);

  it('seeds the default fixtures and shows the customer count the API reports', async () => {
    await click(page, 'Load default fixtures');
    await waitForText(page, '.summary', 'Loaded the default fixtures into test');
    const total = ((await mock.client.request('test', 'GET', '/customers?limit=1')).body as { total: number }).total;
    expect(total).toBeGreaterThan(0);
    await waitForText(page, 'td[data-count="customers"]', String(total));
    expect(await textOf(page, 'td[data-count="customers"]')).toBe(String(total));
    await shoot(page, 'data');
  }, browserTimeout);

  it('seeds a fixture file and imports a snapshot through file uploads, and exports one', async () => {
    const fixtures = join(mock.dir, 'one-more-customer.json');
    await writeFile(fixtures, JSON.stringify({ format: 'cubit-core-mock/fixtures-1', environments: { test: { customers: [createCustomer({ customerId: 'CUST-77777', name: 'Lofoten Kraft AS' })] } } }));
    await page.select('#seed-mode', 'merge');
    await ((await page.$('#seed-file')) as ElementHandle<HTMLInputElementLike>).uploadFile(fixtures);
    await waitForText(page, '.summary', 'Seeded one-more-customer.json');
    expect((await apiCustomer('CUST-77777')).name).toBe('Lofoten Kraft AS');
    const total = ((await mock.client.request('test', 'GET', '/customers?limit=1')).body as { total: number }).total;
    await waitForText(page, 'td[data-count="customers"]', String(total));

    const snapshot = join(mock.dir, 'snapshot.json');
    await writeFile(snapshot, (await mock.admin.request('GET', '/data/snapshot?environment=test')).text);
    expect((await mock.admin.request('POST', '/data/reset', { body: { environment: 'test' } })).status).toBe(200);
    await ((await page.$('#import-file')) as ElementHandle<HTMLInputElementLike>).uploadFile(snapshot);
    await waitForText(page, '.summary', 'Imported snapshot.json');
    await waitForText(page, '.summary', `${total} customers`);
    expect((await apiCustomer('CUST-77777')).name).toBe('Lofoten Kraft AS');

    await click(page, 'Export test as a download');
    await waitForText(page, '.summary', 'Exported test');
    await waitForText(page, '.summary', `${total} customers`);
  }, browserTimeout);

  it('explains the 409 when a customer with installations is deleted, and keeps it', async () => {
    await view(page, 'Records', 'caption', 'Customers (');
    const installation = ((await mock.client.request('test', 'GET', '/installations?limit=1')).body as { items: { customerId: string }[] }).items[0];
    const id = installation?.customerId as string;
    await typeInto(page, '#record-filter', id);
    await click(page, 'Find');
    await waitForText(page, 'caption', `matching “${id}”`);
    await click(page, id);
    await click(page, 'Delete');
    await click(page, 'Yes, delete');
    await waitForText(page, '.problem', '409');
    await waitForText(page, '.problem', 'customer-has-installations');
    await waitForText(page, '.problem', 'A customer that still has installations cannot be deleted');
    expect((await mock.client.request('test', 'GET', `/customers/${id}`)).status).toBe(200);
    await click(page, 'Show all');
  }, browserTimeout);

  it('edits a customer through the generated form, and the API shows the change', async () => {
    await view(page, 'Records', 'caption', 'Customers (');
    await page.waitForSelector('tbody tr td button.link', { timeout: waitTimeout });
    const id = await textOf(page, 'tbody tr td button.link');
    expect(id).not.toBe('');
    await click(page, id);
    await click(page, 'Edit');
    await page.waitForSelector('#record-name', { timeout: waitTimeout });
    await typeInto(page, '#record-name', 'Fjellvind Energi AS (edited in the console)');
    await click(page, 'Save');
    await waitForText(page, '.notice', `Saved customer ${id}`);
    expect((await apiCustomer(id)).name).toBe('Fjellvind Energi AS (edited in the console)');
    await shoot(page, 'records');
  }, browserTimeout);

  it('creates an installation through the generated form, with its nested address and a number', async () => {
    await click(page, 'Installations');
    await click(page, 'New installation');
    await page.waitForSelector('#record-installationId', { timeout: waitTimeout });
    await page.type('#record-installationId', 'INST-88888');
    await page.type('#record-customerId', 'CUST-77777');
    await page.type('#record-name', 'Svolvær havn solcelleanlegg');
    await page.select('#record-type', 'solar');
    await page.select('#record-status', 'active');
    await page.type('#record-address-street', 'Havnegata 1');
    await page.type('#record-address-postalCode', '8300');
    await page.type('#record-address-city', 'Svolvær');
    await page.type('#record-address-country', 'NO');
    await page.type('#record-capacityKw', '12.5');
    await click(page, 'Save');
    await waitForText(page, '.notice', 'Saved installation INST-88888 (version 1)');
    const stored = (await mock.client.request('test', 'GET', '/installations/INST-88888')).body as Record<string, unknown>;
    expect(stored).toMatchObject({ customerId: 'CUST-77777', type: 'solar', capacityKw: 12.5, address: { street: 'Havnegata 1', postalCode: '8300', city: 'Svolvær', country: 'NO' } });
    await click(page, 'Customers');
    await page.waitForSelector('tbody tr td button.link', { timeout: waitTimeout });
  }, browserTimeout);

  it('stops a form that breaks the schema before sending it, and shows the 400 the mock answers when sent anyway', async () => {
    const id = await textOf(page, 'tbody tr td button.link');
    await click(page, id);
    await click(page, 'Edit');
    await page.waitForSelector('#record-email', { timeout: waitTimeout });
    await typeInto(page, '#record-email', 'not-an-email');
    const before = await apiCustomer(id);

    await click(page, 'Save');
    await waitForText(page, '.form-summary', 'Not sent: the form breaks the schema');
    await waitForText(page, '#record-email-error', 'must match format "email"');

    await page.click('#check-first');
    await click(page, 'Save');
    await waitForText(page, '.form-summary', '400');
    await waitForText(page, '.form-summary', 'validation-failed');
    await waitForText(page, '#record-email-error', 'email');
    expect(await attributeOf(page, '#record-email', 'aria-invalid')).toBe('true');
    expect(await apiCustomer(id)).toEqual(before);
    await click(page, 'Cancel');
  }, browserTimeout);

  it('moves an audit through two statuses and shows the Archive and Lantern deliveries', async () => {
    const { auditId } = await plannedAudit(mock, 'test', 'C1');
    await view(page, 'Audit flow', 'h2', 'Audit flow in test');
    await click(page, auditId);
    await click(page, 'Move to in_progress');
    await waitForText(page, '.notice', `Audit ${auditId} is now in_progress`);
    await click(page, 'Move to completed');
    await waitForText(page, '.notice', `Audit ${auditId} is now completed`);
    await page.waitForFunction(() => document.querySelectorAll('table.messages tr[data-state="delivered"]').length === 4, { timeout: waitTimeout });
    expect(await page.$$eval('table.messages tr[data-subscription="archive"][data-state="delivered"]', (rows) => rows.length)).toBe(2);
    expect(await page.$$eval('table.messages tr[data-subscription="lantern"][data-state="delivered"]', (rows) => rows.length)).toBe(2);
    await waitForText(page, 'h4', 'Received by the Archive (2)');
    await waitForText(page, 'h4', 'Received by Lantern (2)');
    await waitForText(page, 'ol.history', 'in_progress → completed by qa-console');
    const history = (await mock.client.request('test', 'GET', `/audits/${auditId}/history`, { token: await testToken('test') })).body as { items: { to: string }[] };
    expect(history.items.map((entry) => entry.to)).toEqual(['in_progress', 'completed']);
    await shoot(page, 'audit-flow');
  }, browserTimeout);

  it('adds a "fail twice" fault and shows it at work in the journal', async () => {
    await view(page, 'Faults', 'h2', 'Fault rules');
    await page.select('#fault-operation', 'getCustomer');
    await page.select('#fault-status', '503');
    await typeInto(page, '#fault-times', '2');
    await click(page, 'Add rule');
    await waitForText(page, '.notice', 'Added fault rule');
    const ruleId = /fault rule (\S+):/.exec(await textOf(page, '.notice'))?.[1] as string;
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await mock.client.request('test', 'GET', '/customers/CUST-10001')).status);
    expect(statuses.slice(0, 2)).toEqual([503, 503]);
    await waitForText(page, 'tbody', 'expired');
    await shoot(page, 'faults');

    await view(page, 'Request journal', 'h2', 'Request journal');
    await page.select('#journal-operation', 'getCustomer');
    await page.waitForFunction((rule: string) => [...document.querySelectorAll('table.journal tbody tr')].filter((row) => row.textContent?.includes(`fault ${rule}`)).length === 2, { timeout: waitTimeout }, ruleId);
    expect(await page.$$eval('table.journal tbody tr[data-status="503"]', (rows) => rows.length)).toBe(2);
    await page.click('table.journal tbody tr[data-status="503"] button');
    await waitForText(page, '.detail', 'x-api-key');
    await waitForText(page, '.detail', '[redacted]');
    const shown = await pageText(page);
    for (const secret of [testAdminKey, testKeys.test, testKeys.prod]) expect(shown).not.toContain(secret);
    await shoot(page, 'journal');
  }, browserTimeout);

  it('replays a dead letter once the receiver is back', async () => {
    const { auditId, token } = await plannedAudit(mock, 'test', 'C2');
    // The Archive fails every delivery: the save-case is dead-lettered after 3.
    const rule = await mock.admin.request('POST', '/fault-rules', { body: { environment: 'test', operationId: 'archiveSaveCase', fault: { type: 'status', status: 500 } } });
    expect(rule.status).toBe(201);
    const changed = await mock.client.request('test', 'POST', `/audits/${auditId}/status`, { token, body: { status: 'in_progress' } });
    expect(changed.status).toBe(200);
    await eventually('the save-case dead-lettered', async () => ((await listFlow(mock, '/dead-letters')).items.some((m) => m.auditId === auditId) ? true : undefined));
    expect((await mock.admin.request('DELETE', `/fault-rules/${(rule.body as { id: string }).id}`)).status).toBe(204);

    await view(page, 'Audit flow', 'h2', 'Audit flow in test');
    await waitForText(page, 'table[aria-labelledby="dead-letters-title"] tbody', auditId);
    await page.click(`button[aria-label="Replay the SaveCase message of audit ${auditId}"]`);
    await waitForText(page, '.notice', 'Replayed message');
    await eventually('the replayed save-case delivered', async () => ((await listFlow(mock, '/outbox', { state: 'delivered' })).items.some((m) => m.auditId === auditId && m.subscription === 'archive') ? true : undefined));
    await click(page, auditId);
    await page.waitForFunction(() => document.querySelectorAll('table.messages tr[data-subscription="archive"][data-state="delivered"]').length === 1, { timeout: waitTimeout });
  }, browserTimeout);

  it('labels every control, logs no page error, and asks nothing of any server but the mock', async () => {
    for (const [name, ready] of [
      ['Records', 'Customers ('],
      ['Seed and reset', 'What test holds'],
      ['Request journal', 'Requests, newest first'],
      ['Audit flow', 'Audits ('],
      ['Faults', 'Rules ('],
    ] as const) {
      await view(page, name, 'caption, h2', ready);
      expect(await unlabelled(page), name).toEqual([]);
    }
    await click(page, 'Log out');
    await page.waitForSelector('#admin-key', { timeout: waitTimeout });
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    // Chromium logs each refused fetch; the only ones are those the tests provoked: the wrong key (401), the bad body
    // (400), the delete of a customer with installations (409).
    const provoked = /console error: Failed to load resource: the server responded with a status of (401 \(Unauthorized\)|400 \(Bad Request\)|409 \(Conflict\))$/;
    expect(browser.pageErrors.filter((error) => !provoked.test(error))).toEqual([]);
    expect(browser.pageErrors.filter((error) => provoked.test(error))).toHaveLength(3);
    expect(browser.externalRequests).toEqual([]);
  }, browserTimeout);
});
