// The JUnit XML report: one <testsuite> (inside <testsuites>, which every CI reader accepts), one <testcase>
// per check. An error is a <failure>, a skipped (or ignored) check is <skipped>, a warning is <system-out>
// text, or a <failure> under --strict so the test view agrees with the exit code.
import { isFailure, type CheckResult, type Report } from '../engine/model.js';

export interface JunitOptions {
  strict: boolean;
  /** ISO timestamp of the run; defaults to now. */
  timestamp?: string;
}

export function renderJunit(report: Report, { strict, timestamp = new Date().toISOString() }: JunitOptions): string {
  const failed = (c: CheckResult) => isFailure(c.status, strict);
  const failures = report.checks.filter(failed).length;
  const skipped = report.checks.filter((c) => c.status === 'skipped').length;
  const tests = report.checks.length;
  const time = seconds(report.durationMs);
  const counts = `tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="${time}"`;
  const properties = [
    ['flink-doctor.version', report.tool.version],
    ['target.flinkVersion', report.target.flinkVersion ?? ''],
    ['target.source', report.target.source],
    ['strict', String(strict)],
    ...(report.config ? [['config', report.config.path]] : []),
  ];
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="flink-doctor" ${counts}>`,
    `  <testsuite name="flink-doctor" ${counts} timestamp="${attr(timestamp.replace(/\.\d+Z$/, ''))}">`,
    '    <properties>',
    ...properties.map(([name, value]) => `      <property name="${attr(name ?? '')}" value="${attr(value ?? '')}"/>`),
    '    </properties>',
    ...report.checks.flatMap((check) => testcase(check, failed(check))),
    '  </testsuite>',
    '</testsuites>',
  ];
  return `${lines.join('\n')}\n`;
}

function testcase(check: CheckResult, failed: boolean): string[] {
  const open = `    <testcase name="${attr(check.id)}" classname="flink-doctor.${attr(check.group || 'checks')}" time="${seconds(check.durationMs)}"`;
  const body = describe(check);
  if (failed) {
    const type = check.status === 'warning' ? 'warning (--strict)' : check.status;
    return [`${open}>`, `      <failure message="${attr(check.summary)}" type="${attr(type)}">${text(body)}</failure>`, '    </testcase>'];
  }
  if (check.status === 'skipped') {
    const message = check.ignored ? `ignored: ${check.ignored.reason} (${check.ignored.status}: ${check.summary})` : check.summary;
    return [`${open}>`, `      <skipped message="${attr(message)}"/>`, '    </testcase>'];
  }
  if (check.status === 'warning') {
    return [`${open}>`, `      <system-out>${text(`warning: ${body}`)}</system-out>`, '    </testcase>'];
  }
  return [`${open}/>`];
}

/** Summary, details and the fix as plain text: what a CI test view shows for the case. */
function describe(check: CheckResult): string {
  const lines = [check.summary, ...check.details];
  for (const location of check.locations) lines.push(`at ${location.path}${location.line ? `:${location.line}` : ''}`);
  if (check.fix) lines.push(`fix: ${check.fix}`);
  return lines.join('\n');
}

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

/**
 * XML 1.0 cannot carry most C0 control characters (not even as &#…;), nor U+FFFE/U+FFFF or lone surrogates:
 * they are written as visible \u escapes instead, so a stray ANSI code or NUL from a tool's output never makes
 * the report unparseable.
 */
function clean(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** Element text. */
export function text(value: string): string {
  return clean(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Attribute value (double-quoted); tab, CR and LF as references so attribute normalisation keeps them. */
function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}
