// A headless Chromium (Debian's package, driven by puppeteer-core) for tests of the mock's web pages. Its pages may
// reach only 127.0.0.1: every other request is refused and recorded, and page errors are recorded too.
import { accessSync, constants } from 'node:fs';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';

export const defaultChromiumPath = '/usr/bin/chromium';

const installHint =
  'Install it with `apt-get update && apt-get install -y --no-install-recommends chromium` (as .ci/run does), ' +
  'or set CHROMIUM_PATH to a Chromium or Chrome executable.';

/** The Chromium executable: CHROMIUM_PATH, else /usr/bin/chromium. Throws, saying how to install it, when absent. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const path = env.CHROMIUM_PATH || defaultChromiumPath;
  try {
    accessSync(path, constants.X_OK);
  } catch {
    const source = env.CHROMIUM_PATH ? `CHROMIUM_PATH (${path})` : path;
    throw new Error(`The browser tests need Chromium, and ${source} is not an executable. ${installHint}`);
  }
  return path;
}

/** Schemes that load nothing from a network: inline data, in-page blobs, the empty page. */
const localSchemes = new Set(['data:', 'blob:', 'about:']);

export function isLocalRequest(url: string): boolean {
  const parsed = URL.parse(url);
  if (!parsed) return false;
  return localSchemes.has(parsed.protocol) || parsed.hostname === '127.0.0.1';
}

export interface OpenedBrowser {
  /** A new page whose requests outside 127.0.0.1 are refused and recorded. */
  page(): Promise<Page>;
  /** Every refused request, as `METHOD url`, from every page. */
  externalRequests: string[];
  /** Uncaught exceptions and console errors of every page, each with the page's URL. */
  pageErrors: string[];
  close(): Promise<void>;
}

export async function openBrowser(): Promise<OpenedBrowser> {
  const executablePath = findChromium();
  const browser: Browser = await puppeteer.launch({
    executablePath,
    headless: true,
    // Tests run as root, where Chromium's sandbox cannot start; /dev/shm is small in many containers.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  const externalRequests: string[] = [];
  const pageErrors: string[] = [];

  const guard = (request: HTTPRequest) => {
    if (isLocalRequest(request.url())) return void request.continue();
    externalRequests.push(`${request.method()} ${request.url()}`);
    return void request.abort('blockedbyclient');
  };

  return {
    externalRequests,
    pageErrors,
    async page() {
      const page = await browser.newPage();
      page.on('pageerror', (error) => pageErrors.push(`${page.url()}: uncaught ${String(error)}`));
      page.on('console', (message) => {
        if (message.type() === 'error') pageErrors.push(`${page.url()}: console error: ${message.text()}`);
      });
      await page.setRequestInterception(true);
      page.on('request', guard);
      return page;
    },
    close: () => browser.close(),
  };
}
