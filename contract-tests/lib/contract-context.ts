// What every contract test file needs, built once per worker from the target the global setup provided.
import { inject } from 'vitest';
import './contract-target.js';
import { ContractClient } from './contract-client.js';
import type { ContractTarget } from './contract-target.js';
import { deriveResources, type ResourceModel } from './resources.js';
import { createResponseValidator } from '../../src/contract/response-validator.js';
import { RunNamespace } from './run-namespace.js';
import { Scenario } from './scenario.js';
import { loadSpecModel, type SpecModel } from './spec-model.js';

export interface ContractContext {
  target: ContractTarget;
  spec: SpecModel;
  resources: ResourceModel;
  namespace: RunNamespace;
  client: ContractClient;
  /** A new scenario: its own ids, its own referenced resources. */
  scenario(): Scenario;
}

let context: Promise<ContractContext> | undefined;

async function build(): Promise<ContractContext> {
  const target = inject('contractTarget');
  const [spec, validator] = await Promise.all([loadSpecModel(target.specFile), createResponseValidator(target.specFile)]);
  const resources = deriveResources(spec);
  const namespace = new RunNamespace(target.runId);
  const keyHeaders = [...new Set(spec.operations.flatMap((op) => op.apiKeyHeaders))];
  const client = new ContractClient(target, validator, resources, namespace, keyHeaders);
  return { target, spec, resources, namespace, client, scenario: () => new Scenario(client, resources, namespace) };
}

export function contractContext(): Promise<ContractContext> {
  return (context ??= build());
}
