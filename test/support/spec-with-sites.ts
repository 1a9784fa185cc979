// The spec with one more resource, `sites` (upsertSite, listSites, getSite, deleteSite), which references a
// customer: to show that the contract suite generates tests for operations it has never seen.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { defaultSpecFile } from '../../src/app.js';

const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });
const errors = { '400': ref('BadRequest'), '401': ref('Unauthorized'), '500': ref('InternalError') };

const site = {
  type: 'object',
  additionalProperties: false,
  required: ['siteId', 'customerId', 'name', 'version'],
  properties: {
    siteId: { $ref: '#/components/schemas/CustomerId' },
    customerId: { $ref: '#/components/schemas/CustomerId' },
    name: { type: 'string', minLength: 1, maxLength: 100 },
    floors: { type: 'integer', minimum: 1, maximum: 200 },
    version: { $ref: '#/components/schemas/Version', readOnly: true },
  },
};

const paths = {
  '/sites': {
    post: {
      operationId: 'upsertSite',
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/Site' },
            examples: {
              createSite: { value: { siteId: 'SITE-1', customerId: 'CUST-10001', name: 'Head office' } },
              updateSite: { value: { siteId: 'SITE-1', customerId: 'CUST-10001', name: 'Head office', floors: 4 } },
            },
          },
        },
      },
      responses: {
        '200': { description: 'Replaced.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Site' } } } },
        '201': { description: 'Created.', headers: { Location: { $ref: '#/components/headers/Location' } }, content: { 'application/json': { schema: { $ref: '#/components/schemas/Site' } } } },
        ...errors,
        '422': ref('UnknownCustomer'),
      },
    },
    get: {
      operationId: 'listSites',
      parameters: [{ $ref: '#/components/parameters/Limit' }, { $ref: '#/components/parameters/Offset' }],
      responses: { '200': { description: 'A page.', content: { 'application/json': { schema: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Site' } }, total: { type: 'integer' } } } } } }, ...errors },
    },
  },
  '/sites/{siteId}': {
    parameters: [{ name: 'siteId', in: 'path', required: true, schema: { $ref: '#/components/schemas/CustomerId' } }],
    get: { operationId: 'getSite', responses: { '200': { description: 'The site.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Site' } } } }, ...errors, '404': ref('CustomerNotFound') } },
    delete: { operationId: 'deleteSite', responses: { '204': { description: 'Deleted.' }, ...errors, '404': ref('CustomerNotFound') } },
  },
};

/** Writes the extended spec into `dir` and returns its path. */
export async function writeSpecWithSites(dir: string): Promise<string> {
  const spec = parse(await readFile(defaultSpecFile, 'utf8')) as { paths: object; components: { schemas: object } };
  spec.paths = { ...spec.paths, ...paths };
  spec.components.schemas = { ...spec.components.schemas, Site: site };
  const file = join(dir, 'cubit-core-with-sites.yaml');
  await writeFile(file, stringify(spec));
  return file;
}
