// GET /__admin/console: the QA console, a web page over the admin API and the main API. It is in neither OpenAPI
// document (it serves a page and its two assets, not JSON); it exists only when the admin API does. The page itself
// holds no secret: it asks for the admin key, and the key opens the admin API from the browser, as curl would.
// A content security policy keeps the page on the mock: nothing is loaded from or sent to any other origin.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors/api-error.js';
import { catalogue } from '../errors/catalogue.js';
import type { AllowedMethods } from '../http/method-not-allowed.js';
import { consoleAssetsDir } from '../project-files.js';
import { adminPrefix } from './admin-routes.js';

export const consolePath = `${adminPrefix}/console`;

const assets: Record<string, string> = {
  'console.js': 'text/javascript; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
};

// 'unsafe-eval': the page compiles the documents' schemas (Ajv) to check a form before it is sent.
const securityHeaders = {
  'content-security-policy': "default-src 'none'; script-src 'self' 'unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cubit Core mock: QA console</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${consolePath}/console.css">
<script type="module" src="${consolePath}/console.js"></script>
</head>
<body>
<div id="console"><noscript>The QA console needs JavaScript.</noscript></div>
</body>
</html>
`;

export function registerConsoleRoute(app: FastifyInstance, allowed: AllowedMethods, dir = consoleAssetsDir): void {
  allowed.add(consolePath, 'GET');
  app.get(consolePath, (_request, reply) => reply.headers(securityHeaders).type('text/html; charset=utf-8').send(page));
  for (const [name, type] of Object.entries(assets)) {
    allowed.add(`${consolePath}/${name}`, 'GET');
    // Read on first use and kept: the assets change only with a build, which starts a new process.
    let content: Promise<Buffer> | undefined;
    app.get(`${consolePath}/${name}`, async (_request, reply) => {
      content ??= readFile(join(dir, name));
      let bytes: Buffer;
      try {
        bytes = await content;
      } catch {
        content = undefined;
        throw new ApiError(catalogue.serviceUnavailable, `The QA console is not built (${name} is missing): run npm run build.`);
      }
      return reply.headers(securityHeaders).type(type).send(bytes);
    });
  }
}
