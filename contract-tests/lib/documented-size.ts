// The request body size limit, read from the description of an operation's 413 response ("larger than 1 MiB").
import type { SpecOperation } from './spec-model.js';

const units: Record<string, number> = { bytes: 1, byte: 1, b: 1, kb: 1000, kib: 1024, mb: 1000 ** 2, mib: 1024 ** 2, gb: 1000 ** 3, gib: 1024 ** 3 };

/** The limit in bytes, or undefined when the operation documents no 413 or its description names no size. */
export function bodySizeLimit(operation: SpecOperation): number | undefined {
  const description = operation.responses.find((r) => r.status === '413')?.description;
  const match = description ? /(\d+(?:\.\d+)?)\s*(bytes?|b|kib|kb|mib|mb|gib|gb)\b/i.exec(description) : null;
  if (!match) return undefined;
  return Math.round(Number(match[1]) * (units[(match[2] as string).toLowerCase()] ?? 1));
}
