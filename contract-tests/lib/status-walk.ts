// Brings a new item of the status machine's resource to a status, through the changes the transition table
// allows (the shortest walk from the initial status), every step sent through the ContractClient and judged.
import type { ContractClient, ContractResponse } from './contract-client.js';
import type { Scenario } from './scenario.js';
import { successStatuses } from './spec-model.js';
import type { StatusMachine } from './status-machine.js';

export interface WalkedItem {
  id: string;
  /** The last answer on the way: the create's, or the last change's. */
  last: ContractResponse;
}

/** The path parameters that name the item. */
export const itemParams = (machine: StatusMachine, id: string): Record<string, string> => ({ [machine.resource.idField]: id });

/** The change's body asking for `status`. */
export const changeBody = (machine: StatusMachine, status: string): Record<string, string> => ({ [machine.statusField]: status });

/** Creates an item in the scenario and sends the walk's changes to it, in order; each must answer the change's documented 2xx. */
export async function walkNewItem(client: ContractClient, machine: StatusMachine, scenario: Scenario, walk: string[]): Promise<WalkedItem> {
  const created = await scenario.create(machine.resource);
  let last = created.response;
  for (const status of walk) last = await client.send({ operation: machine.change, pathParams: itemParams(machine, created.id), body: changeBody(machine, status) }, { status: successStatuses(machine.change) });
  return { id: created.id, last };
}
