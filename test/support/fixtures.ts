// Request bodies for tests, taken from the spec's own named examples so tests and contract agree.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { defaultSpecFile } from '../../src/app.js';

interface Examples {
  [name: string]: { value: Record<string, unknown> };
}

const spec = parse(readFileSync(defaultSpecFile, 'utf8')) as {
  paths: Record<string, { post: { requestBody: { content: { 'application/json': { examples: Examples } } } } }>;
};

const example = (path: string, name: string): Record<string, unknown> =>
  structuredClone(spec.paths[path]?.post.requestBody.content['application/json'].examples[name]?.value ?? {});

export const createCustomer = (overrides: Record<string, unknown> = {}) => ({ ...example('/customers', 'createCustomer'), ...overrides });
export const updateCustomer = (overrides: Record<string, unknown> = {}) => ({ ...example('/customers', 'updateCustomer'), ...overrides });
export const createInstallation = (overrides: Record<string, unknown> = {}) => ({ ...example('/installations', 'createInstallation'), ...overrides });
export const updateInstallation = (overrides: Record<string, unknown> = {}) => ({ ...example('/installations', 'updateInstallation'), ...overrides });
