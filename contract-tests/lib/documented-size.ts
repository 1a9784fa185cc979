// Size limits the spec states in the description of a response: the 413's "larger than 1 MiB" (the body), the
// 414's "longer than 8192 bytes" (the URL), the 431's "larger than 16384 bytes" (the request head).
import type { SpecOperation } from './spec-model.js';

const units: Record<string, number> = { bytes: 1, byte: 1, b: 1, kb: 1000, kib: 1024, mb: 1000 ** 2, mib: 1024 ** 2, gb: 1000 ** 3, gib: 1024 ** 3 };

/** The size in bytes stated for that status, or undefined when the operation documents no such status or its description names no size. */
export function documentedSize(operation: SpecOperation, status: number): number | undefined {
  const description = operation.responses.find((r) => r.status === String(status))?.description;
  const match = description ? /(\d+(?:\.\d+)?)\s*(bytes?|b|kib|kb|mib|mb|gib|gb)\b/i.exec(description) : null;
  if (!match) return undefined;
  return Math.round(Number(match[1]) * (units[(match[2] as string).toLowerCase()] ?? 1));
}

/** The request body limit, from the 413 response. */
export const bodySizeLimit = (operation: SpecOperation): number | undefined => documentedSize(operation, 413);
