// The Markdown report: a heading, the tally and one table row per check, fit for a pull-request comment.
// Cell text is escaped so a pipe, a newline or an HTML-looking string in a message never breaks the table.
import { runFailed, type CheckResult, type Report, type Status } from '../engine/model.js';
import { visible } from '../util/text.js';

const ICONS: Record<Status, string> = { ok: '✅', warning: '⚠️', error: '❌', skipped: '⏭️' };

export function renderMarkdown(report: Report, { strict }: { strict: boolean }): string {
  const { ok, warning, error, skipped } = report.summary;
  const target = report.target.flinkVersion ? `Flink ${report.target.flinkVersion} (${report.target.source})` : 'no target Flink version';
  const failed = runFailed(report.summary, strict);
  const lines = [
    `### ${failed ? '❌' : '✅'} flink-doctor ${cell(report.tool.version)}: ${cell(target)}`,
    '',
    `**${error} error${error === 1 ? '' : 's'}**, ${warning} warning${warning === 1 ? '' : 's'}${strict ? ' (fail under --strict)' : ''}, ${ok} ok, ${skipped} skipped`,
    '',
    '| | Check | Result | Fix |',
    '|---|---|---|---|',
    ...report.checks.map(row),
  ];
  if (report.config) lines.push('', `Config: \`${code(report.config.path)}\``);
  return `${lines.join('\n')}\n`;
}

function row(check: CheckResult): string {
  const result = [check.summary, ...(check.status === 'ok' ? [] : check.details)];
  if (check.ignored) result.push(`ignored (${check.ignored.status}): ${check.ignored.reason}`);
  if (check.severityOverride)
    result.push(`severity set to ${check.severityOverride.level} by the config file (was ${check.severityOverride.from})`);
  for (const location of check.locations) result.push(`at ${location.path}${location.line ? `:${location.line}` : ''}`);
  return `| ${ICONS[check.status]} | \`${code(check.id)}\` | ${result.map(cell).join('<br>')} | ${check.fix ? cell(check.fix) : ''} |`;
}

/** Text inside a table cell: HTML-escaped, pipes and backslashes escaped, line breaks as <br>, control characters as visible escapes. */
export function cell(value: string): string {
  return value
    .split(/\r?\n/)
    .map(visible)
    .join('\n')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n|\r/g, '<br>');
}

/** Text inside a `code span` in a cell: no backticks to close it early, no pipes to split the row. */
function code(value: string): string {
  return visible(value.replace(/\r?\n/g, ' ')).replace(/`/g, "'").replace(/\|/g, '\\|');
}
