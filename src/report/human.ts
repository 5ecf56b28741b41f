// The terminal report: one line per check under its group, a fix line per problem, a closing tally.
// --verbose adds each check's facts and timing, and the probes' timings. Every text that can come from outside
// (file names and contents, tool output, config values) passes through visible(): a report line can neither
// carry terminal control sequences nor be split into two by a newline hidden in a JAR name.
import type { CheckResult, Report } from '../engine/model.js';
import { visible } from '../util/text.js';
import { MARKS, type Style } from './style.js';

export interface HumanOptions {
  verbose: boolean;
  style: Style;
  probeTimings?: Record<string, number>;
}

export function renderHuman(report: Report, { verbose, style, probeTimings }: HumanOptions): string {
  const out: string[] = [];
  const target = report.target.flinkVersion
    ? `Flink ${visible(report.target.flinkVersion)} (from ${report.target.source === 'flag' ? '--flink-version' : report.target.source === 'wheel' ? 'the installed apache-flink' : report.target.source === 'config' ? 'the config file' : report.target.source})`
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
    out.push(
      style.dim(
        visible(
          `ignore entry for ${entry.check}${entry.match ? ` matching "${entry.match}"` : ''} matched nothing this run ("${entry.reason}"): remove it from ${report.config?.path}?`,
        ),
      ),
    );
  }
  if (verbose && probeTimings && Object.keys(probeTimings).length > 0) {
    out.push(
      style.dim(
        `probes: ${Object.entries(probeTimings)
          .map(([k, ms]) => `${k} ${ms} ms`)
          .join(', ')}`,
      ),
    );
  }
  return `${out.join('\n')}\n`;
}

function renderCheck(check: CheckResult, verbose: boolean, style: Style): string[] {
  const lines = [
    `  ${style.status(check.status, MARKS[check.status])} ${style.bold(check.id)}  ${visible(check.summary)}${verbose ? style.dim(` (${check.durationMs} ms)`) : ''}`,
  ];
  // Details explain a problem; for a passing check they are noise unless asked for.
  const showDetails = verbose || check.status === 'error' || check.status === 'warning';
  if (showDetails) for (const detail of check.details) lines.push(`      ${visible(detail)}`);
  if (check.ignored) lines.push(`      ${style.dim(`ignored (was ${check.ignored.status}): ${visible(check.ignored.reason)}`)}`);
  if (check.severityOverride && check.severityOverride.level !== 'off')
    lines.push(
      `      ${style.dim(`severity set to ${check.severityOverride.level} by the config file (the check said ${check.severityOverride.from})`)}`,
    );
  if (check.fix && !check.ignored) {
    // A fix may be several lines on purpose; each line is external text made visible on its own.
    const [first, ...rest] = check.fix.split('\n').map(visible);
    lines.push(`      ${style.status(check.status, '→ fix:')} ${first}`);
    for (const more of rest) lines.push(`              ${more}`);
  }
  if (verbose) {
    for (const [key, value] of Object.entries(check.facts))
      lines.push(style.dim(visible(`      · ${key}: ${value === null ? '—' : String(value)}`)));
    for (const source of check.sources) lines.push(style.dim(`      source: ${visible(source)}`));
  }
  return lines;
}
