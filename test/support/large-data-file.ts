// A data file with many records, written directly in the mock's format (no HTTP, no data command): the benchmark's
// seeded customers (bench/seed.ts) and installations that all belong to the first customer, so that a filter on
// that customer matches every installation.
import { writeFile } from 'node:fs/promises';
import { customerId, seedSnapshot, seedTimestamp } from '../../bench/seed.js';

export interface LargeData {
  customers: number;
  installations: number;
}

/** The customer every seeded installation belongs to. */
export const installationOwner = customerId(0);

export const installationId = (index: number): string => `INST-${String(index).padStart(7, '0')}`;

/** The i-th installation as the mock stores it. */
export function storedInstallation(index: number): Record<string, unknown> {
  return {
    installationId: installationId(index),
    customerId: installationOwner,
    name: `Benchmark plant ${index}`,
    type: 'solar',
    status: 'active',
    address: { street: `Storgata ${1 + (index % 200)}`, postalCode: '0155', city: 'Oslo', country: 'NO' },
    capacityKw: 10 + (index % 90),
    lastAuditDate: null,
    createdAt: seedTimestamp,
    updatedAt: seedTimestamp,
    version: 1,
  };
}

export async function writeLargeDataFile(file: string, { customers, installations }: LargeData): Promise<void> {
  const snapshot = seedSnapshot(customers) as { environments: { test: { installations: Record<string, unknown> } } };
  const target = snapshot.environments.test.installations;
  for (let i = 0; i < installations; i++) target[installationId(i)] = storedInstallation(i);
  await writeFile(file, JSON.stringify(snapshot));
}
