// The admin API's document holds itself to the contract's bar: valid, loaded by the mock, the operationIds the
// clients look for, an error code enum in step with the catalogue, and problem examples the mock would answer.
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3_1 } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import { defaultAdminSpecFile } from '../src/project-files.js';
import { adminCatalogue, catalogue } from '../src/errors/catalogue.js';
import { loadDocument } from '../src/spec/load-spec.js';

const document = (await SwaggerParser.dereference(defaultAdminSpecFile)) as OpenAPIV3_1.Document;
const byCode = new Map<string, { code: string; status: number; title: string }>(Object.values({ ...catalogue, ...adminCatalogue }).map((problem) => [problem.code, problem]));

describe('openapi/cubit-core-admin.yaml', () => {
  it('is a valid OpenAPI 3.1 document with the operations clients look for', async () => {
    await expect(SwaggerParser.validate(defaultAdminSpecFile)).resolves.toMatchObject({ openapi: '3.1.0' });
    const loaded = await loadDocument(defaultAdminSpecFile);
    expect(loaded.operations.map((op) => op.operationId).sort()).toEqual(
      [
        ...['clearRequests', 'countRequests', 'createFaultRule', 'deleteFaultRule', 'exportSnapshot', 'getAdminDocument', 'importSnapshot', 'listFaultRules', 'listRequests', 'resetData', 'resetFaultRules', 'seedData'],
        ...['listOutboxMessages', 'listDeliveries', 'listArchiveCases', 'listLanternNotifications', 'listDeadLetters', 'replayDeadLetter'],
        'issueClientCredentials',
      ].sort(),
    );
    // Every operation but the document itself takes the admin key, and documents 400, 401 and 500.
    for (const operation of loaded.operations) {
      const secured = operation.operationId !== 'getAdminDocument';
      expect(operation.security.map((s) => s.header), operation.operationId).toEqual(secured ? ['X-Admin-Key'] : []);
      expect(operation.statuses, operation.operationId).toEqual(expect.arrayContaining(secured ? ['400', '401', '500'] : ['400', '500']));
    }
  });

  it('lists in its Problem enum the admin catalogue and every code of the main catalogue its routes can answer', () => {
    const problem = document.components?.schemas?.Problem as { properties: { code: { enum: string[] } } };
    const notAnswered = ['customer-not-found', 'installation-not-found', 'audit-not-found', 'customer-has-installations', 'installation-has-audits', 'transition-not-allowed', 'version-mismatch', 'unknown-customer', 'unknown-installation'];
    const expected = [...Object.values(adminCatalogue), ...Object.values(catalogue)].map((p) => p.code).filter((code) => !notAnswered.includes(code));
    expect([...problem.properties.code.enum].sort()).toEqual(expected.sort());
  });

  it('shows problems as the catalogue makes them: each example’s status and title are its code’s', () => {
    let examples = 0;
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      for (const [method, operation] of Object.entries(item as Record<string, OpenAPIV3_1.OperationObject>)) {
        for (const [status, response] of Object.entries(operation.responses ?? {})) {
          const media = (response as OpenAPIV3_1.ResponseObject).content?.['application/problem+json'];
          for (const [name, example] of Object.entries(media?.examples ?? {})) {
            const value = (example as { value: { code: string; status: number; title: string; type: string } }).value;
            const known = byCode.get(value.code);
            expect(known, `${method} ${path} ${status} ${name}`).toBeDefined();
            expect([value.status, value.title, value.type], `${method} ${path} ${status} ${name}`).toEqual([Number(status), known?.title, `urn:cubit:problem:${value.code}`]);
            expect(known?.status).toBe(Number(status));
            examples++;
          }
        }
      }
    }
    expect(examples).toBeGreaterThan(30);
  });
});
