// The terminal report: one line per check under its group, a fix line per problem, a closing tally.
// --verbose adds each check's facts and timing, and the probes' timings.
import type { CheckResult, Report } from '../engine/model.js';
import { MARKS, type Style } from './style.js';

export interface HumanOptions {
  verbose: boolean;
  style: Style;
  probeTimings?: Record<string, number>;
}

export function renderHuman(report: Report, { verbose, style, probeTimings }: HumanOptions): string {
  const out: string[] = [];
  const target = report.target.flinkVersion
    ? `Flink ${report.target.flinkVersion} (from ${report.target.source === 'flag' ? '--flink-version' : report.target.source === 'wheel' ? 'the installed apache-flink' : report.target.source === 'config' ? 'the config file' : report.target.source})`
    : 'no target Flink version (no apache-flink installed, no --flink-version)';
  out.push(`${style.bold('flink-doctor')} ${report.tool.version} · target: ${target}`, '');

  const groups = new Map<string, CheckResult[]>();
  for (const check of report.checks) groups.set(check.group, [...(groups.get(check.group) ?? []), check]);
  for (const [group, checks] of groups) {
    out.push(style.bold(group));
    for (const check of checks) out.push(...renderCheck(check, verbose, style));
    out.push('');
  }

  const { ok, warning, error, skipped } = report.summary;
  const tally = [
    style.status('ok', `${ok} ok`),
    style.status('warning', `${warning} warning${warning === 1 ? '' : 's'}`),
    style.status('error', `${error} error${error === 1 ? '' : 's'}`),
    style.status('skipped', `${skipped} skipped`),
  ].join(', ');
  out.push(`${tally}${verbose ? style.dim(` in ${report.durationMs} ms`) : ''}`);
  for (const entry of report.config?.unusedIgnores ?? []) {
    out.push(style.dim(`ignore entry for ${entry.check}${entry.match ? ` matching "${entry.match}"` : ''} matched nothing this run ("${entry.reason}"): remove it from ${report.config?.path}?`));
  }
  if (verbose && probeTimings && Object.keys(probeTimings).length > 0) {
    out.push(style.dim(`probes: ${Object.entries(probeTimings).map(([k, ms]) => `${k} ${ms} ms`).join(', ')}`));
  }
  return `${out.join('\n')}\n`;
}

function renderCheck(check: CheckResult, verbose: boolean, style: Style): string[] {
  const lines = [`  ${style.status(check.status, MARKS[check.status])} ${style.bold(check.id)}  ${check.summary}${verbose ? style.dim(` (${check.durationMs} ms)`) : ''}`];
  // Details explain a problem; for a passing check they are noise unless asked for.
  const showDetails = verbose || check.status === 'error' || check.status === 'warning';
  if (showDetails) for (const detail of check.details) lines.push(`      ${detail}`);
  if (check.ignored) lines.push(`      ${style.dim(`ignored (was ${check.ignored.status}): ${check.ignored.reason}`)}`);
  if (check.severityOverride && check.severityOverride.level !== 'off') lines.push(`      ${style.dim(`severity set to ${check.severityOverride.level} by the config file (the check said ${check.severityOverride.from})`)}`);
  if (check.fix && !check.ignored) {
    const [first, ...rest] = check.fix.split('\n');
    lines.push(`      ${style.status(check.status, '→ fix:')} ${first}`);
    for (const more of rest) lines.push(`              ${more}`);
  }
  if (verbose) {
    for (const [key, value] of Object.entries(check.facts)) lines.push(style.dim(`      · ${key}: ${value === null ? '—' : String(value)}`));
    for (const source of check.sources) lines.push(style.dim(`      source: ${source}`));
  }
  return lines;
}
