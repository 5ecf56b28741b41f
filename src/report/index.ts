// Which formats a run writes, and where: the one place that turns --format/--json/--output (or the config
// file's format/output) and GITHUB_ACTIONS into an output plan, and renders a Report in each format.
// Every format renders the same Report; none re-runs a check.
import { dirname, resolve } from 'node:path';
import { UsageError, errorMessage } from '../engine/errors.js';
import type { Report } from '../engine/model.js';
import { renderGithub } from './github.js';
import { renderHuman } from './human.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif, sarifAnchor } from './sarif.js';
import type { Style } from './style.js';
import { ensureDir } from '../util/ensure-dir.js';
import { writeRegularFile } from '../util/write-file.js';

export const FORMATS = ['human', 'json', 'junit', 'sarif', 'markdown', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

export interface OutputPlan {
  /** The format asked for. */
  format: Format;
  /** Where that format is written: a file, or undefined for stdout. */
  file?: string;
  /** Who named the file, for messages: "--output" or the config file's "output". */
  fileSource?: string;
  /** What goes to stdout, in order. With a file: the human summary (plus workflow commands in Actions). */
  stdout: Format[];
}

export interface PlanInput {
  /** --format, then the config file's format; undefined when neither says. */
  format?: string;
  /** --json (kept as an alias of --format json). */
  json?: boolean;
  /** --output, then the config file's output (already resolved against its directory). */
  output?: string;
  /** Who named `output` (default "--output"). */
  outputSource?: string;
  cwd: string;
  env: Record<string, string | undefined>;
}

/** The output plan; a contradiction (--json with --format junit) or an unknown format is a UsageError. */
export function planOutput({ format, json, output, outputSource = '--output', cwd, env }: PlanInput): OutputPlan {
  if (format !== undefined && !isFormat(format)) throw new UsageError(`unknown format '${format}' (known: ${FORMATS.join(', ')})`);
  if (json && format !== undefined && format !== 'json')
    throw new UsageError(`--json is --format json; it cannot be combined with --format ${format}`);
  if (output === '') throw new UsageError('--output needs a non-empty value');
  const chosen: Format = json ? 'json' : (format ?? 'human');
  // In GitHub Actions, whoever reads the terminal also gets annotations: the workflow commands ride along
  // with the human output (never with machine-readable output on stdout).
  const withAnnotations = (formats: Format[]): Format[] =>
    env.GITHUB_ACTIONS === 'true' && formats.includes('human') && !formats.includes('github') ? [...formats, 'github'] : formats;
  if (output !== undefined)
    return { format: chosen, file: resolve(cwd, output), fileSource: outputSource, stdout: withAnnotations(['human']) };
  return { format: chosen, stdout: withAnnotations([chosen]) };
}

export interface RenderContext {
  strict: boolean;
  verbose: boolean;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Style for human output on the terminal (files are never coloured). */
  style: Style;
  plainStyle: Style;
  probeTimings?: Record<string, number>;
  /** Check id → what it reads (SARIF rule descriptions). */
  reads?: Record<string, readonly string[]>;
}

export function render(report: Report, format: Format, ctx: RenderContext, target: 'stdout' | 'file'): string {
  switch (format) {
    case 'human':
      return renderHuman(report, {
        verbose: ctx.verbose,
        style: target === 'stdout' ? ctx.style : ctx.plainStyle,
        probeTimings: ctx.probeTimings,
      });
    case 'json':
      return renderJson(report);
    case 'junit':
      return renderJunit(report, { strict: ctx.strict });
    case 'sarif':
      return renderSarif(report, {
        cwd: ctx.cwd,
        strict: ctx.strict,
        ...(ctx.reads ? { reads: ctx.reads } : {}),
        anchor: sarifAnchor(report, ctx.cwd, ctx.env),
      });
    case 'markdown':
      return renderMarkdown(report, { strict: ctx.strict });
    case 'github':
      return renderGithub(report, { workspace: ctx.env.GITHUB_WORKSPACE || ctx.cwd });
  }
}

/** Writes the report as planned: the file first (so a write failure is reported before anything else). */
export async function writeReport(
  report: Report,
  plan: OutputPlan,
  ctx: RenderContext,
  stdout: { write(text: string): unknown },
): Promise<void> {
  if (plan.file) {
    try {
      await ensureDir(dirname(plan.file));
      await writeRegularFile(plan.file, render(report, plan.format, ctx, 'file'));
    } catch (error) {
      throw new UsageError(`cannot write ${plan.fileSource ?? '--output'} ${plan.file}: ${errorMessage(error)}`);
    }
  }
  // In GitHub Actions the runner executes any log line that starts with "::". The human report quotes file
  // names and file contents a pull request controls, so it is printed with workflow commands suspended; only
  // the escaped annotations that follow are commands. node:crypto is loaded only then (OpenSSL's start-up costs ms).
  const guard =
    plan.stdout.includes('github') && plan.stdout.includes('human')
      ? `flink-doctor-${process.getBuiltinModule('node:crypto').randomUUID()}`
      : undefined;
  for (const format of plan.stdout) {
    const text = render(report, format, ctx, 'stdout');
    if (format === 'human' && guard) stdout.write(`::stop-commands::${guard}\n`);
    stdout.write(text);
    if (format === 'human' && plan.file) stdout.write(`${plan.format} report written to ${plan.file}\n`);
    if (format === 'human' && guard) stdout.write(`::${guard}::\n`);
  }
}
