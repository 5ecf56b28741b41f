// The command: parse flags → options → run the checks → render → exit code. Never throws: anything the
// doctor cannot handle becomes one line on stderr and exit 2.
import pkg from '../../package.json' with { type: 'json' };
import { allChecks } from '../../checks/index.js';
import type { Check } from '../engine/check.js';
import { UsageError, errorMessage } from '../engine/errors.js';
import { EXIT, exitCodeFor, summarize, type Report } from '../engine/model.js';
import { defaultOptions, type Options } from '../engine/options.js';
import { runChecks, selectChecks } from '../engine/run.js';
import { loadMatrix, type Matrix } from '../knowledge/matrix.js';
import { isFlinkVersion, minorOf } from '../knowledge/versions.js';
import { createFactStore } from '../probes/registry.js';
import { renderHuman } from '../report/human.js';
import { renderJson } from '../report/json.js';
import { createStyle, wantsColor } from '../report/style.js';
import { helpText, listValue, parseFlags, type ParsedFlags } from './flags.js';

export const TOOL = { name: 'flink-doctor', version: pkg.version };

export interface Io {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    return await runCommand(argv, io);
  } catch (error) {
    const prefix = error instanceof UsageError ? '' : 'internal error: ';
    io.stderr.write(`flink-doctor: ${prefix}${errorMessage(error)}\n`);
    return EXIT.USAGE;
  }
}

async function runCommand(argv: readonly string[], io: Io): Promise<number> {
  const { flags, positionals } = parseFlags(argv);
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (see --help)`);
  if (flags.help) {
    io.stdout.write(`${helpText(TOOL.version)}\n`);
    return EXIT.OK;
  }
  if (flags.version) {
    io.stdout.write(`${TOOL.version}\n`);
    return EXIT.OK;
  }
  const matrix = loadMatrix();
  const options = toOptions(flags, io, matrix);
  if (flags['list-checks']) {
    io.stdout.write(options.json ? `${JSON.stringify(describeChecks(allChecks), null, 2)}\n` : listChecksText(allChecks));
    return EXIT.OK;
  }

  const started = performance.now();
  const { run, skipped } = selectChecks(allChecks, options);
  const store = createFactStore(options, matrix);
  const spinner = await startSpinner(io, options, run.length);
  let report: Report;
  try {
    const checks = await runChecks(run, skipped, store, { matrix, strict: options.strict });
    const target = await store.get('target').catch(() => null);
    report = {
      schemaVersion: 1,
      tool: TOOL,
      target: { flinkVersion: target?.flinkVersion ?? null, source: target?.source ?? 'none' },
      checks,
      summary: summarize(checks),
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    spinner?.stop();
  }

  if (options.json) io.stdout.write(renderJson(report));
  else io.stdout.write(renderHuman(report, { verbose: options.verbose, style: createStyle(options.color), probeTimings: store.probeTimings() }));
  return exitCodeFor(report.summary, options.strict);
}

function toOptions(flags: ParsedFlags, io: Io, matrix: Matrix): Options {
  const str = (name: string) => (typeof flags[name] === 'string' ? (flags[name] as string) : undefined);
  const flinkVersion = str('flink-version');
  if (flinkVersion !== undefined) {
    if (!isFlinkVersion(flinkVersion)) throw new UsageError(`--flink-version '${flinkVersion}' is not a Flink version (expected e.g. 2.2 or 2.2.1)`);
    const minor = minorOf(flinkVersion) ?? '';
    if (!matrix.line(minor)) {
      const minors = matrix.minors();
      throw new UsageError(`--flink-version ${flinkVersion}: flink-doctor knows Flink ${minors[0]} to ${minors[minors.length - 1]}`);
    }
  }
  for (const name of ['python', 'java-home', 'conf-dir']) {
    if (str(name) === '') throw new UsageError(`--${name} needs a non-empty value`);
  }
  const only = listValue(flags.only);
  const skip = listValue(flags.skip);
  const ids = allChecks.map((c) => c.id);
  for (const pattern of [...only, ...skip]) {
    const prefix = pattern.endsWith('.*') ? pattern.slice(0, -2) : pattern;
    if (!ids.some((id) => id === prefix || id.startsWith(`${prefix}.`))) {
      throw new UsageError(`unknown check '${pattern}' (known: ${ids.join(', ')})`);
    }
  }
  const json = Boolean(flags.json);
  return defaultOptions({
    json,
    python: str('python'),
    javaHome: str('java-home'),
    flinkVersion,
    confDir: str('conf-dir'),
    only,
    skip,
    strict: Boolean(flags.strict),
    verbose: Boolean(flags.verbose),
    color: !json && wantsColor(io.env, Boolean(io.stdout.isTTY), Boolean(flags['no-color'])),
    env: io.env,
    cwd: io.cwd,
  });
}

/** A spinner only for a person watching: a TTY on stderr, not CI, not JSON. ora is loaded only then. */
async function startSpinner(io: Io, options: Options, count: number): Promise<{ stop(): void } | undefined> {
  if (options.json || !io.stderr.isTTY || io.env.CI || !options.color) return undefined;
  const { default: ora } = await import('ora');
  return ora({ text: `Running ${count} checks…`, stream: io.stderr as NodeJS.WriteStream }).start();
}

export function describeChecks(checks: readonly Check[]): { id: string; title: string; group: string; reads: string[] }[] {
  return checks.map(({ id, title, group, reads }) => ({ id, title, group, reads }));
}

function listChecksText(checks: readonly Check[]): string {
  const width = Math.max(...checks.map((c) => c.id.length)) + 2;
  return `${checks.map((c) => `${c.id.padEnd(width)}${c.title}\n${' '.repeat(width)}reads: ${c.reads.join('; ')}`).join('\n')}\n`;
}
