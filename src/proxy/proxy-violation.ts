// One contract violation the proxy saw, as it is logged, kept in the report and written to JUnit: what a judge
// found (a Finding), tied to its exchange (time, method, path, operation, status), with every credential of the
// exchange redacted (exchange-secrets.ts) before anything is clipped, and the offending value clipped to 2 KiB.
import type { SecretRedactor } from '../admin/redaction.js';

export type Direction = 'request' | 'response';

/**
 * Where the violation is. `body`: the pointer is a JSON Pointer into the body. `path`, `query`, `header`: the
 * pointer names the part and the parameter, e.g. `/query/limit`, `/header/location`. `status`: the status itself.
 * `route`: the request matches no operation. `upstream`: the upstream could not be used (the pointer is empty).
 */
export type ViolationPart = 'route' | 'path' | 'query' | 'header' | 'body' | 'status' | 'upstream';

/** What a judge found, before it is tied to an exchange and redacted. */
export interface Finding {
  direction: Direction;
  in: ViolationPart;
  pointer: string;
  rule: string;
  /** The offending value, shown as JSON; or a text shown as it is (a body that is not JSON, a header value). */
  payload?: { value: unknown } | { text: string };
}

export interface ProxyViolation {
  /** When the exchange ended (ISO 8601). */
  at: string;
  direction: Direction;
  method: string;
  /** The request's path and query as the client sent them, credential-like query values and secrets redacted; at most 2 KiB. */
  path: string;
  /** The operation the request was routed to; null when it matches none. */
  operationId: string | null;
  /** The status the client was answered with; null when it got none. */
  status: number | null;
  in: ViolationPart;
  pointer: string;
  rule: string;
  /** The offending value as JSON text, or a clipped body: at most 2 KiB, redacted. */
  payload?: string;
}

/** The exchange a finding belongs to; `path` is already redacted. */
export interface ExchangeFacts {
  at: Date;
  method: string;
  path: string;
  operationId: string | null;
  status: number | null;
}

export const maxPayloadBytes = 2048;
export const maxPathBytes = 2048;
const ellipsis = '…';

/** The text cut to at most `max` UTF-8 bytes (an ellipsis included), never inside a character. */
export function clipBytes(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  const kept = new TextDecoder().decode(Buffer.from(text).subarray(0, max - Buffer.byteLength(ellipsis)));
  return `${kept.endsWith('\uFFFD') ? kept.slice(0, -1) : kept}${ellipsis}`;
}

function payloadText(payload: Finding['payload']): string | undefined {
  if (payload === undefined) return undefined;
  if ('text' in payload) return payload.text;
  return payload.value === undefined ? undefined : JSON.stringify(payload.value);
}

export function toViolation(finding: Finding, facts: ExchangeFacts, redactor: SecretRedactor): ProxyViolation {
  const violation: ProxyViolation = {
    at: facts.at.toISOString(),
    direction: finding.direction,
    method: facts.method,
    path: clipBytes(facts.path, maxPathBytes),
    operationId: facts.operationId,
    status: facts.status,
    in: finding.in,
    pointer: redactor.redact(finding.pointer),
    rule: redactor.redact(finding.rule),
  };
  const text = payloadText(finding.payload);
  if (text !== undefined) violation.payload = clipBytes(redactor.redact(text), maxPayloadBytes);
  return violation;
}

/** Where a violation is, for people: `body /name`, `/query/limit`, `status`. */
export function placeOf(violation: Pick<ProxyViolation, 'in' | 'pointer'>): string {
  if (violation.in === 'body') return `body ${violation.pointer || '(whole body)'}`;
  return violation.pointer || violation.in;
}

const oneLine = (text: string): string => text.replace(/\r\n|[\r\n]/g, ' ');

/** The violation as one line of text: method, path, status, operation, place, rule and (clipped) payload. */
export function violationLine(violation: ProxyViolation): string {
  const payload = violation.payload === undefined ? '' : ` | payload: ${clipBytes(violation.payload, 300)}`;
  const answer = violation.status === null ? 'no answer' : String(violation.status);
  return oneLine(
    `contract violation (${violation.direction}): ${violation.method} ${clipBytes(violation.path, 500)} → ${answer} ${violation.operationId ?? '(unrouted)'} ${placeOf(violation)}: ${violation.rule}${payload}`,
  );
}
