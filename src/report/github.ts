// GitHub Actions workflow commands: one ::error / ::warning line per problem, which the runner turns into
// annotations (on the file, when a finding has one). Escaping follows the runner's rules (actions/toolkit
// command.ts): in the message %, CR and LF; in properties also ':' and ','. Other control characters are shown
// as escapes (visible()), never passed to the log.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { CheckResult, Report } from '../engine/model.js';
import { visible } from '../util/text.js';

export interface GithubOptions {
  /** Annotation files are given relative to the workspace; defaults to GITHUB_WORKSPACE or the cwd. */
  workspace: string;
}

export function renderGithub(report: Report, { workspace }: GithubOptions): string {
  const lines = report.checks.filter((c) => c.status === 'error' || c.status === 'warning').map((check) => command(check, workspace));
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

function command(check: CheckResult, workspace: string): string {
  const properties: [string, string][] = [['title', `flink-doctor ${check.id}`]];
  const location = check.locations[0];
  if (location) {
    properties.push(['file', workspaceRelative(location.path, workspace)]);
    if (location.line) properties.push(['line', String(location.line)]);
  }
  const lines = [check.summary, ...check.details];
  if (check.fix) lines.push(`Fix: ${check.fix}`);
  // The runner shows the message in its log viewer, which renders ANSI codes: control characters are made visible
  // line by line (the line breaks themselves become %0A, the runner's own escape).
  const message = lines
    .flatMap((line) => line.split(/\r?\n/))
    .map(visible)
    .join('\n');
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(visible(value))}`).join(',');
  return `::${check.status} ${props}::${escapeData(message)}`;
}

function workspaceRelative(path: string, workspace: string): string {
  const absolute = resolve(workspace, path);
  const rel = relative(resolve(workspace), absolute);
  const inside = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  return (inside ? rel : absolute).split(sep).join('/');
}

export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
