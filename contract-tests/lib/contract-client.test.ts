// A target that echoes the credentials it was sent (in a problem's `errors`, say) must not get them into the run's
// records, from which violations.json is written: the violations and the request are recorded redacted, as the
// test's failure message is.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractClient } from './contract-client.js';
import type { ContractTarget } from './contract-target.js';
import type { ResourceModel } from './resources.js';
import type { ResponseValidator } from '../../src/contract/response-validator.js';
import { readRecords } from './run-records.js';
import type { RunNamespace } from './run-namespace.js';
import type { SpecOperation } from './spec-model.js';

const apiKey = 'echoed-api-key-for-tests-only';
const bearerToken = 'echoed-bearer-token-for-tests-only';

const operation = (operationId: string, bearer: boolean): SpecOperation => ({
  operationId,
  method: 'GET',
  path: '/things',
  parameters: [],
  body: undefined,
  responses: [],
  apiKeyHeaders: bearer ? [] : ['X-API-Key'],
  bearer,
  writes: false,
  listOrder: undefined,
  problemCodes: {},
});

let server: Server;
let runDir: string;
let client: ContractClient;

beforeAll(async () => {
  // Answers every request with a 400 whose errors repeat the credential headers it was sent.
  server = createServer((request, reply) => {
    const errors = [{ in: 'header', pointer: '', message: `refused ${String(request.headers['x-api-key'] ?? request.headers.authorization)}` }];
    reply.writeHead(400, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ status: 400, errors }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  runDir = await mkdtemp(join(tmpdir(), 'contract-client-test-'));
  const target = { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/test`, apiKey, bearerToken, runDir, runId: 'r1' } as ContractTarget;
  const validator = { check: () => ({ operationId: undefined, violations: [] }) } as unknown as ResponseValidator;
  const resources = { createdBy: () => undefined } as unknown as ResourceModel;
  const namespace = { owns: () => false } as unknown as RunNamespace;
  client = new ContractClient(target, validator, resources, namespace, ['X-API-Key']);
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(runDir, { recursive: true, force: true });
});

describe('ContractClient against a target that echoes credentials', () => {
  it('records the violations and the request with the API key and the bearer token redacted', async () => {
    for (const bearer of [false, true]) {
      const sent = client.send({ operation: operation(bearer ? 'listAudits' : 'listThings', bearer) }, { status: 400, violation: { in: 'query', pointer: '/limit' } });
      const message = await sent.then(() => '', (error: Error) => error.message);
      expect(message).toContain('[redacted]');
      expect(message).not.toMatch(/echoed-(api-key|bearer-token)/);
    }
    expect(() => client.fail('listThings', 200, [`listed ${apiKey}`], `  GET /things?token=${bearerToken}`)).toThrow('listed [redacted]');
    const violations = readRecords(runDir).filter((record) => record.type === 'violation');
    expect(violations).toHaveLength(3);
    expect(JSON.stringify(violations)).toContain('[redacted]');
    expect(JSON.stringify(violations)).not.toMatch(/echoed-(api-key|bearer-token)/);
  });
});
