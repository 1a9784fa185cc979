// Seed data: customers valid per the spec's Customer schema, and data files in the mock's format
// (data/README.md), written to a temporary directory.
import { writeFile } from 'node:fs/promises';

export const seedTimestamp = '2026-01-15T09:30:00.000Z';
const cities = [
  { city: 'Oslo', postalCode: '0155', street: 'Storgata' },
  { city: 'Bergen', postalCode: '5003', street: 'Bryggen' },
  { city: 'Trondheim', postalCode: '7011', street: 'Munkegata' },
  { city: 'Stavanger', postalCode: '4006', street: 'Kirkegata' },
] as const;

/** The id of the i-th seeded customer (zero-padded, so ids sort in creation order). */
export function customerId(index: number): string {
  return `CUST-${String(index).padStart(7, '0')}`;
}

/** The client-owned fields of the i-th customer: what an upsert body carries. */
export function customerBody(index: number): Record<string, unknown> {
  const place = cities[index % cities.length] ?? cities[0];
  return {
    customerId: customerId(index),
    name: `Benchmark Eiendom ${index} AS`,
    organizationNumber: String(900_000_000 + (index % 100_000_000)),
    email: `post${index}@benchmark-eiendom.example`,
    phone: `+47${String(20_000_000 + (index % 70_000_000))}`,
    address: { street: `${place.street} ${1 + (index % 200)}`, postalCode: place.postalCode, city: place.city, country: 'NO' },
    tags: ['benchmark'],
    status: index % 10 === 0 ? 'inactive' : 'active',
  };
}

/** The i-th customer as the mock stores it: the body plus the server-owned fields. */
export function storedCustomer(index: number): Record<string, unknown> {
  return { ...customerBody(index), createdAt: seedTimestamp, updatedAt: seedTimestamp, version: 1 };
}

/** A data file holding `count` customers in the test environment and nothing else. */
export function seedSnapshot(count: number): unknown {
  const customers: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) customers[customerId(i)] = storedCustomer(i);
  return {
    format: 'cubit-core-mock/1',
    environments: {
      test: { customers, installations: {} },
      prod: { customers: {}, installations: {} },
    },
  };
}

export async function writeSeedFile(file: string, count: number): Promise<void> {
  await writeFile(file, JSON.stringify(seedSnapshot(count)));
}
