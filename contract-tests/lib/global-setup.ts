// Global setup of the contract project: resolves the target (the in-process mock unless CONTRACT_BASE_URL is
// set), stops the run before any test when the preflight requests show the target cannot be used (preflight.ts for
// the API key, bearer-preflight.ts for the bearer token), gives it to the test files, and afterwards cleans up,
// computes coverage, writes the reports, prints the summary and fails the run on violations, missing coverage or
// data it could not clean up.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import type { ContractTarget } from './contract-target.js';
import { computeCoverage } from './coverage.js';
import { loadExclusions } from './coverage-exclusions.js';
import { runBearerPreflight } from './bearer-preflight.js';
import { runPreflight } from './preflight.js';
import { cleanUpRun } from './run-cleanup.js';
import { newRunId, RunNamespace } from './run-namespace.js';
import { readRecords, type RunRecord } from './run-records.js';
import { reportFails, writeRunReport } from './run-report.js';
import { deriveResources } from './resources.js';
import { loadEnvironments } from './spec-environments.js';
import { loadSpecModel } from './spec-model.js';
import { readTargetSettings } from './target-settings.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const settings = readTargetSettings(process.env);
  const specFile = resolve(settings.specFile ?? fileURLToPath(new URL('../../openapi/cubit-core.yaml', import.meta.url)));
  const exclusions = loadExclusions();
  const runId = newRunId();
  const [spec, environments] = await Promise.all([loadSpecModel(specFile), loadEnvironments(specFile)]);
  // Imported only when needed: a run against another target does not load the mock.
  const mock = settings.baseUrl === undefined ? await (await import('./in-process-mock.js')).startInProcessMock(specFile) : undefined;
  const baseUrl: string = mock?.baseUrl ?? (settings.baseUrl as string);
  const apiKey: string = mock?.apiKey ?? (settings.apiKey as string);
  const bearerToken = mock?.bearerToken ?? settings.bearerToken;
  // One request before any test: a target the suite cannot use stops the run here, with one message saying why.
  // Not for `vitest list`, which only collects the tests and must not need a reachable target.
  const listing = process.argv.slice(2).includes('list');
  if (!listing && bearerToken === undefined && spec.operations.some((op) => op.bearer)) {
    await mock?.close();
    const bearerOperations = spec.operations.filter((op) => op.bearer).map((op) => op.operationId);
    throw new Error(`CONTRACT_BEARER_TOKEN is not set, but the spec secures ${bearerOperations.join(', ')} with a bearer token: give a JWT this environment accepts`);
  }
  const names = mock ? { baseUrl: "the in-process mock's base URL", apiKey: "the in-process mock's settings" } : undefined;
  const keyPreflight = listing ? { ok: true as const } : await runPreflight({ baseUrl, apiKey, spec, environments, names });
  // Then the bearer token, where the spec has operations that take one.
  const tokenName = mock ? "the in-process mock's token" : undefined;
  const preflight = listing || !keyPreflight.ok || bearerToken === undefined ? keyPreflight : await runBearerPreflight({ baseUrl, bearerToken, spec, tokenName });
  if (!preflight.ok) {
    await mock?.close();
    // Without its stack: vitest prints the message alone, and the run ends before any test file is loaded.
    const stop = new Error(preflight.message);
    stop.stack = `Error: ${preflight.message}`;
    throw stop;
  }
  const runDir = await mkdtemp(join(tmpdir(), `contract-run-${runId}-`));
  const target: ContractTarget = {
    baseUrl,
    apiKey,
    bearerToken,
    adminUrl: mock?.admin.url ?? settings.adminUrl,
    adminKey: mock?.admin.key ?? settings.adminKey,
    description: mock ? `the in-process mock (${mock.baseUrl})` : (settings.baseUrl as string),
    prod: settings.prod,
    writesAllowed: settings.writesAllowed,
    writesDisabledReason: settings.writesDisabledReason,
    runId,
    runDir,
    specFile,
  };
  project.provide('contractTarget', target);

  return async () => {
    try {
      const records = readRecords(runDir);
      if (!records.some((r) => r.type === 'hit' || r.type === 'violation' || r.type === 'created')) {
        // `vitest list`, or a filter that matched no test: nothing was sent, so there is nothing to judge or clean up.
        console.log(`\nContract run ${runId}: no request was sent (${records.filter((r) => r.type === 'test').length} tests generated); no report written.\n`);
        return;
      }
      const created = records.filter((r): r is Extract<RunRecord, { type: 'created' }> => r.type === 'created');
      const cleanup = await cleanUpRun(target, deriveResources(spec), new RunNamespace(runId), created);
      const report = {
        runId,
        target: target.description,
        prod: target.prod,
        writesAllowed: target.writesAllowed,
        writesDisabledReason: target.writesDisabledReason,
        specFile,
        testsGenerated: records.filter((r) => r.type === 'test').length,
        wallSeconds: (Date.now() - started) / 1000,
        coverage: computeCoverage(spec, records, exclusions),
        coverageEnforced: settings.enforceCoverage,
        violations: records.filter((r): r is Extract<RunRecord, { type: 'violation' }> => r.type === 'violation'),
        leftOut: records.filter((r): r is Extract<RunRecord, { type: 'left-out' }> => r.type === 'left-out'),
        cleanup,
      };
      const printed = writeRunReport(report, settings.reportDir);
      console.log(`\n${printed}\n`);
      if (reportFails(report)) process.exitCode = 1;
    } finally {
      await mock?.close();
      await rm(runDir, { recursive: true, force: true });
    }
  };
}
