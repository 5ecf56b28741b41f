// The command: parse flags → options → run the checks → render → exit code. Never throws: anything the
// doctor cannot handle becomes one line on stderr and exit 2.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import { allChecks } from '../../checks/index.js';
import { UsageError, errorMessage } from '../engine/errors.js';
import { EXIT, exitCodeFor, summarize, type CheckInfo, type CheckOrigin, type Report } from '../engine/model.js';
import type { FactStore } from '../engine/facts.js';
import { defaultOptions, type Options } from '../engine/options.js';
import { runChecks, selectChecks, startProbes } from '../engine/run.js';
import { openMatrix, type Matrix } from '../knowledge/matrix.js';
import { isFlinkVersion, isPatchVersion, minorOf } from '../knowledge/versions.js';
import { BUILT_IN_FACT_KEYS, createFactStore } from '../probes/registry.js';
import type { HostCheck, HostFacts } from '../plugins/adapt.js';
import type { LoadedPlugins } from '../plugins/load.js';
import { isPluginPattern } from '../plugins/spec.js';
import { applyPolicy, resolveInvocation, unusedIgnores, type Invocation } from '../config/index.js';
import { writeReport } from '../report/index.js';
import { createStyle, wantsColor } from '../report/style.js';
import { visible } from '../util/text.js';
import { FLAGS, helpText, listValue, parseFlags, type ParsedFlags } from './flags.js';
import { ClusterSettingError, checkClusterUrl, checkEnvName, checkTimeout } from '../cluster/settings.js';
import { originText, withPlugins } from './plugins.js';
import { nowMs } from '../util/clock.js';

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
    // The message may echo an argument or a config value: shown, never acted on by the terminal.
    io.stderr.write(`flink-doctor: ${prefix}${visible(errorMessage(error))}\n`);
    return EXIT.USAGE;
  }
}

async function runCommand(argv: readonly string[], io: Io): Promise<number> {
  const { flags, positionals } = parseFlags(argv);
  // `connector NAME` is the one subcommand; it shares the flags (--flink-version, --offline, --maven-repo, --json).
  const connector = positionals[0] === 'connector';
  if (positionals.length > 0 && !connector) throw new UsageError(`unexpected argument '${positionals[0]}' (see --help)`);
  if (answeredHelpOrVersion(flags, io)) return EXIT.OK;
  const matrix = openMatrix();
  // The config file fills in what the flags leave out and picks the output plan (src/config, src/report/index.ts).
  const invocation = await resolveInvocation(flags, { cwd: io.cwd, env: io.env, flagSpecs: FLAGS, checkIds: allChecks.map((c) => c.id) });
  const options = toOptions(invocation.flags, io, matrix);
  if (options.mavenRepo) await checkRepositoryFlag(options.mavenRepo);
  if (connector) {
    // Loaded only for the subcommand: it pulls in the Maven client, which a plain run never needs.
    const { runConnectorCommand } = await import('./connector-command.js');
    return runConnectorCommand(positionals.slice(1), options, matrix, io);
  }
  // Config settings whose flag is not declared (yet) cannot be overridden on the command line: set them as they are.
  Object.assign(options, invocation.extraOptions);
  // Plugins are loaded only when the config file or --plugin names one (src/cli/plugins.ts).
  const doctor = { version: TOOL.version, factKeys: BUILT_IN_FACT_KEYS };
  const { checks: known, plugins } = await withPlugins(allChecks, invocation, options, doctor);
  if (flags['list-checks']) {
    io.stdout.write(options.json ? `${JSON.stringify(describeChecks(known), null, 2)}\n` : listChecksText(known, Boolean(plugins)));
    return EXIT.OK;
  }

  const { report, store } = await examine(known, plugins, invocation, options, matrix, io);
  await writeReport(report, invocation.plan, renderContextFor(options, io, store, known), io.stdout);
  return exitCodeFor(report.summary, options.strict);
}

/** --help and --version answer without reading the config or the matrix. */
function answeredHelpOrVersion(flags: ParsedFlags, io: Io): boolean {
  if (flags.help) io.stdout.write(`${helpText(TOOL.version)}\n`);
  else if (flags.version) io.stdout.write(`${TOOL.version}\n`);
  return Boolean(flags.help || flags.version);
}

/** Runs the selected checks (probes started first, a spinner while they run) and puts their outcomes, after the
 * config's policy, into the report. */
async function examine(
  known: readonly HostCheck[],
  plugins: LoadedPlugins | undefined,
  invocation: Invocation,
  options: Options,
  matrix: Matrix,
  io: Io,
): Promise<{ report: Report; store: FactStore<HostFacts> }> {
  const started = nowMs();
  const { run, skipped } = selectChecks(known, options);
  const store = createFactStore<HostFacts>(options, matrix, plugins?.probes);
  startProbes(run, store);
  const spinner = await startSpinner(io, options, run.length);
  try {
    const checks = applyPolicy(await runChecks(run, skipped, store, { matrix, strict: options.strict }, known), invocation.policy);
    const target = await store.get('target').catch(() => null);
    const report: Report = {
      schemaVersion: 1,
      tool: TOOL,
      target: {
        flinkVersion: target?.flinkVersion ?? null,
        source: invocation.flinkVersionFromConfig && target?.source === 'flag' ? 'config' : (target?.source ?? 'none'),
      },
      checks,
      summary: summarize(checks),
      durationMs: Math.round(nowMs() - started),
      ...(invocation.config ? { config: describeConfig(invocation.config.path, unusedIgnores(checks, invocation.policy)) } : {}),
    };
    return { report, store };
  } finally {
    spinner?.stop();
  }
}

/** What the reporters need besides the report: the run's settings, styles, probe timings and what each check reads. */
function renderContextFor(options: Options, io: Io, store: FactStore<HostFacts>, known: readonly HostCheck[]) {
  return {
    strict: options.strict,
    verbose: options.verbose,
    cwd: io.cwd,
    env: io.env,
    style: createStyle(options.color),
    plainStyle: createStyle(false),
    probeTimings: store.probeTimings(),
    reads: Object.fromEntries(known.map((c) => [c.id, c.reads])),
  };
}

function toOptions(flags: ParsedFlags, io: Io, matrix: Matrix): Options {
  const str = (name: string) => (typeof flags[name] === 'string' ? flags[name] : undefined);
  const flinkVersion = str('flink-version');
  if (flinkVersion !== undefined) {
    if (!isFlinkVersion(flinkVersion))
      throw new UsageError(`--flink-version '${flinkVersion}' is not a Flink version (expected e.g. 2.2 or 2.2.1)`);
    const minor = minorOf(flinkVersion) ?? '';
    const line = matrix.line(minor);
    if (!line) {
      const minors = matrix.minors();
      throw new UsageError(`--flink-version ${flinkVersion}: flink-doctor knows Flink ${minors[0]} to ${minors[minors.length - 1]}`);
    }
    // A patch the matrix does not list is a typo or newer than this doctor's knowledge: judging it by the
    // line's rules could be wrong (patches change dependency pins), so say what is known.
    if (isPatchVersion(flinkVersion) && !line.patches.includes(flinkVersion)) {
      throw new UsageError(
        `--flink-version ${flinkVersion}: flink-doctor knows Flink ${minor} releases ${line.patches.join(', ')} (pass ${minor} to target the line)`,
      );
    }
  }
  for (const name of ['python', 'java-home', 'conf-dir', 'maven-repo', 'cluster', 'cluster-auth-env', 'cluster-ca', 'cluster-timeout']) {
    if (str(name) === '') throw new UsageError(`--${name} needs a non-empty value`);
  }
  const only = listValue(flags.only);
  const skip = listValue(flags.skip);
  for (const name of ['only', 'skip']) {
    if (flags[name] !== undefined && listValue(flags[name]).length === 0)
      throw new UsageError(`--${name} needs at least one check id (see --list-checks)`);
  }
  const ids = allChecks.map((c) => c.id);
  for (const pattern of [...only, ...skip]) {
    // Plugin check ids are known once the plugins are loaded (src/cli/plugins.ts judges these patterns).
    if (isPluginPattern(pattern)) continue;
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
    confDir: checkedPath('--conf-dir', str('conf-dir'), io.cwd, 'directory'),
    jars: jarsGiven(flags.jars),
    job: jobFiles(flags.job, io.cwd),
    only,
    skip,
    strict: Boolean(flags.strict),
    verbose: Boolean(flags.verbose),
    color: !json && wantsColor(io.env, Boolean(io.stdout.isTTY), Boolean(flags['no-color'])),
    env: io.env,
    cwd: io.cwd,
    offline: Boolean(flags.offline),
    noCache: Boolean(flags['no-cache']),
    mavenRepo: str('maven-repo'),
    cluster: clusterOption(str, io.cwd),
    deploy: deployOption(flags.deploy, io.cwd),
  });
}

/** --cluster and its companions; the companions without --cluster are a usage error (they would do nothing). */
function clusterOption(str: (name: string) => string | undefined, cwd: string): Options['cluster'] {
  const url = str('cluster');
  const companions = ['cluster-auth-env', 'cluster-ca', 'cluster-timeout'].filter((name) => str(name) !== undefined);
  if (url === undefined) {
    if (companions.length > 0) throw new UsageError(`--${companions[0]} needs --cluster URL`);
    return undefined;
  }
  try {
    const authEnv = str('cluster-auth-env');
    const caFile = checkedPath('--cluster-ca', str('cluster-ca'), cwd, 'file');
    const timeout = str('cluster-timeout');
    return {
      url: checkClusterUrl(url, '--cluster'),
      ...(authEnv !== undefined ? { authEnv: checkEnvName(authEnv, '--cluster-auth-env') } : {}),
      ...(caFile ? { caFile } : {}),
      ...(timeout !== undefined ? { timeoutMs: checkTimeout(timeout, '--cluster-timeout') } : {}),
    };
  } catch (error) {
    throw error instanceof ClusterSettingError ? new UsageError(error.message) : error;
  }
}

/** --deploy files must exist (the doctor was told to read them); none given → discovery in the working directory. */
function deployOption(value: string | boolean | string[] | undefined, cwd: string): string[] | undefined {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  if (items.some((item) => item.trim() === '')) throw new UsageError('--deploy needs a non-empty value');
  return items.length > 0 ? items.map((item) => checkedPath('--deploy', item, cwd, 'file') as string) : undefined;
}

/** The config file in the report; ignore entries that matched nothing are listed so stale ones get cleaned up. */
function describeConfig(path: string, unused: readonly { check: string; reason: string; match?: string }[]): NonNullable<Report['config']> {
  return unused.length > 0
    ? {
        path,
        unusedIgnores: unused.map((e) => ({ check: e.check, reason: e.reason, ...(e.match !== undefined ? { match: e.match } : {}) })),
      }
    : { path };
}

/** A spinner only for a person watching: a TTY on stderr, not CI, not JSON. ora is loaded only then. */
async function startSpinner(io: Io, options: Options, count: number): Promise<{ stop(): void } | undefined> {
  if (options.json || !io.stderr.isTTY || io.env.CI || !options.color) return undefined;
  // A terminal that reports no width (a pty nobody sized: `script`, some `docker run -t`) makes ora's
  // line clearing loop forever; such a terminal gets no spinner.
  if (!((io.stderr as NodeJS.WriteStream).columns > 0)) return undefined;
  const { default: ora } = await import('ora');
  // discardStdin: false: the doctor never reads stdin, and must not put the terminal into raw mode.
  return ora({ text: `Running ${count} checks…`, stream: io.stderr as NodeJS.WriteStream, discardStdin: false }).start();
}

/** --list-checks --json: a plugin's checks also carry their `origin` (built-in ones have none). */
export function describeChecks(checks: readonly HostCheck[]): (CheckInfo & { origin?: CheckOrigin })[] {
  return checks.map(({ id, title, group, description, reads, origin }) => {
    return { id, title, group, description, reads, ...(origin ? { origin } : {}) };
  });
}

/** With plugins named, each entry also says where it comes from. */
function listChecksText(checks: readonly HostCheck[], showOrigin: boolean): string {
  const width = Math.max(...checks.map((c) => c.id.length)) + 2;
  const indent = ' '.repeat(width);
  const entry = (c: HostCheck) => {
    // The description is Markdown for the README; a terminal shows it without the code quotes.
    const lines = [c.description.replace(/`/g, ''), `reads: ${c.reads.join('; ')}`, ...(showOrigin ? [`from: ${originText(c)}`] : [])];
    return [`${c.id.padEnd(width)}${c.title}`, ...lines.map((line) => `${indent}${line}`)].join('\n');
  };
  return `${checks.map(entry).join('\n')}\n`;
}

/** --jars values as given; a missing path is a finding of jars.readable, not a usage error. */
function jarsGiven(value: string | boolean | string[] | undefined): string[] | undefined {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  if (items.some((item) => item.trim() === '')) throw new UsageError('--jars needs a non-empty value');
  return items.length > 0 ? items : undefined;
}

/** --job values, each an existing file (repeatable). */
function jobFiles(value: string | boolean | string[] | undefined, cwd: string): string[] | undefined {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  if (items.some((item) => item === '')) throw new UsageError('--job needs a non-empty value');
  const files = [...new Set(items.map((item) => checkedPath('--job', item, cwd, 'file') as string))];
  return files.length > 0 ? files : undefined;
}

/**
 * --job and --conf-dir name what the doctor was told to read: when it cannot be read the run cannot do what
 * was asked (exit 2). A missing JAR, interpreter or JDK, by contrast, is a finding of its check.
 */
function checkedPath(flag: string, path: string | undefined, cwd: string, kind: 'file' | 'directory'): string | undefined {
  if (path === undefined) return undefined;
  const absolute = resolve(cwd, path);
  let info;
  try {
    info = statSync(absolute);
  } catch (error) {
    throw new UsageError(
      `${flag} ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? `no such ${kind}` : errorMessage(error)}`,
    );
  }
  if (kind === 'file' ? !info.isFile() : !info.isDirectory()) throw new UsageError(`${flag} ${path}: not a ${kind}`);
  return absolute;
}

/** --maven-repo must be an http(s) URL; the message never repeats credentials. The Maven module (and its
 * XML parser) is loaded only when the flag is given. */
async function checkRepositoryFlag(url: string): Promise<void> {
  const { RepositoryError, checkRepositoryUrl } = await import('../maven/repository.js');
  try {
    checkRepositoryUrl(url, '--maven-repo');
  } catch (error) {
    throw error instanceof RepositoryError ? new UsageError(error.message) : error;
  }
}
