// The proxy's report as JUnit XML, for CI: one test case per operation of the spec, and one for requests that
// match no operation. A case with violations fails, naming each kind of violation (operation, place, rule), how
// often it was seen and its first exchange; an operation no exchange reached is skipped; the others pass.
// Everything is escaped for XML, and characters XML cannot carry at all are replaced.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type ProxyReport, unroutedKey, type ViolationKind } from './proxy-report.js';
import { clipBytes, placeOf } from './proxy-violation.js';

/** Characters XML 1.0 cannot carry (most control characters, lone surrogates, U+FFFE and U+FFFF). */
const notXml = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\n': '&#10;', '\r': '&#13;', '\t': '&#9;' };

/** Text for element content. */
export const xmlText = (text: string): string => text.replace(notXml, '\uFFFD').replace(/[&<>]/g, (c) => entities[c] ?? c);
/** Text for an attribute value in double quotes (line breaks kept as character references). */
export const xmlAttribute = (text: string): string => text.replace(notXml, '\uFFFD').replace(/[&<>"'\n\r\t]/g, (c) => entities[c] ?? c);

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

function kindLines(operationId: string, kind: ViolationKind): string[] {
  const { example } = kind;
  const status = example.status === null ? 'no answer' : String(example.status);
  const lines = [`${operationId} ${placeOf(kind)}: ${kind.rule} (${kind.direction}, ${plural(kind.count, 'time')})`, `    first: ${example.method} ${example.path} → ${status} at ${example.at}`];
  if (example.payload !== undefined) lines.push(`    payload: ${clipBytes(example.payload, 500)}`);
  return lines;
}

function testCase(report: ProxyReport, key: string): { xml: string; failed: boolean; skipped: boolean } {
  const exchanges = report.exchanges.byOperation[key] ?? 0;
  const violations = report.violations.byOperation[key] ?? 0;
  const name = key === unroutedKey ? '(requests that match no operation)' : key;
  const open = `    <testcase classname="validation-proxy" name="${xmlAttribute(name)}" time="0">`;
  if (violations > 0) {
    const kinds = report.violations.kinds[key] ?? [];
    const first = kinds[0];
    const message = `${plural(violations, 'contract violation')} in ${plural(exchanges, 'exchange')}${first ? `; first: ${key} ${placeOf(first)}: ${first.rule}` : ''}`;
    const lines = kinds.flatMap((kind) => kindLines(key, kind));
    const others = report.violations.otherKinds[key] ?? 0;
    if (others > 0) lines.push(`… and ${plural(others, 'violation')} of other kinds`);
    const failure = `      <failure type="contract-violation" message="${xmlAttribute(message)}">${xmlText(lines.join('\n'))}</failure>`;
    return { xml: `${open}\n${failure}\n    </testcase>`, failed: true, skipped: false };
  }
  if (exchanges === 0 && key !== unroutedKey) {
    return { xml: `${open}\n      <skipped message="no exchange reached this operation"/>\n    </testcase>`, failed: false, skipped: true };
  }
  return { xml: `${open}</testcase>`, failed: false, skipped: false };
}

export function junitXml(report: ProxyReport, now = new Date()): string {
  const keys = [...new Set([...Object.keys(report.exchanges.byOperation).filter((k) => k !== unroutedKey), ...Object.keys(report.violations.byOperation).filter((k) => k !== unroutedKey), unroutedKey])];
  const cases = keys.map((key) => testCase(report, key));
  const failures = cases.filter((c) => c.failed).length;
  const skipped = cases.filter((c) => c.skipped).length;
  const seconds = Math.max(0, (now.getTime() - Date.parse(report.startedAt)) / 1000).toFixed(3);
  const suite = `validation proxy: ${report.upstream}`;
  const counts = `tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="validation proxy" ${counts}>`,
    `  <testsuite name="${xmlAttribute(suite)}" ${counts} timestamp="${xmlAttribute(report.startedAt)}">`,
    '    <properties>',
    `      <property name="upstream" value="${xmlAttribute(report.upstream)}"/>`,
    `      <property name="spec" value="${xmlAttribute(report.specFile)}"/>`,
    `      <property name="strict" value="${String(report.strict)}"/>`,
    `      <property name="exchanges" value="${report.exchanges.total}"/>`,
    `      <property name="violations" value="${report.violations.total}"/>`,
    '    </properties>',
    ...cases.map((c) => c.xml),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** Writes the report as JUnit XML to `file`, creating its directory. */
export async function writeJUnit(report: ProxyReport, file: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, junitXml(report));
}
