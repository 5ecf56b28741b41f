// The command line's side of plugins: which ones a run names (the config file's "plugins", then --plugin),
// loading them only then (the loader is a chunk of its own that a run without plugins never reads), and the
// check-id patterns under "plugin." that can only be judged once the plugins' checks are known.
import { dirname } from 'node:path';
import { offChecks, type Policy } from '../config/policy.js';
import { UsageError } from '../engine/errors.js';
import { matchesId } from '../engine/run.js';
import type { Options } from '../engine/options.js';
import type { HostCheck } from '../plugins/adapt.js';
import type { LoadedPlugins } from '../plugins/load.js';
import { isPluginPattern, specProblem, type PluginRequest } from '../plugins/spec.js';

/** What withPlugins reads of the resolved invocation (src/config). */
export interface PluginInvocation {
  config?: { path: string; config: { plugins?: string[] } };
  flags: Record<string, unknown>;
  policy?: Policy;
}

let loadedAny = false;

/** A plugin ran in this process: work it left behind (a gatherer past its limit) must not keep the process open. */
export function pluginsWereLoaded(): boolean {
  return loadedAny;
}

/**
 * The checks of this run: the built-in ones, then each named plugin's (loaded only when one is named).
 * Plugin check ids are judged against --only/--skip and the policy once known; "off" ones join the skip list.
 */
export async function withPlugins(
  builtIn: readonly HostCheck[],
  invocation: PluginInvocation,
  options: Options,
  doctor: { version: string; factKeys: readonly string[] },
): Promise<{ checks: HostCheck[]; plugins?: LoadedPlugins }> {
  const requests = pluginRequests(invocation, options.cwd);
  let plugins: LoadedPlugins | undefined;
  if (requests.length > 0) {
    const { loadPlugins } = await import('../plugins/load.js');
    loadedAny = true;
    plugins = await loadPlugins(requests, {
      builtInCheckIds: builtIn.map((check) => check.id),
      builtInFactKeys: doctor.factKeys,
      doctorVersion: doctor.version,
      cwd: options.cwd,
      env: options.env,
      offline: options.offline,
      ...(invocation.config ? { configFile: invocation.config.path } : {}),
    });
  }
  const checks = [...builtIn, ...(plugins?.checks ?? [])];
  checkPluginPatterns(patternsOf(options, invocation.policy), checks, plugins);
  if (plugins)
    options.skip.push(
      ...offChecks(
        plugins.checks.map((check) => check.id),
        invocation.policy,
      ),
    );
  return { checks, ...(plugins ? { plugins } : {}) };
}

/** The config file's plugins (resolved from its folder), then --plugin values (from the working directory). */
export function pluginRequests(invocation: PluginInvocation, cwd: string): PluginRequest[] {
  const flag = invocation.flags.plugin;
  const fromFlag = Array.isArray(flag) ? (flag as string[]) : typeof flag === 'string' ? [flag] : [];
  for (const spec of fromFlag) {
    const problem = specProblem(spec);
    if (problem) throw new UsageError(`--plugin '${spec}' ${problem}`);
  }
  const config = invocation.config;
  const fromConfig = config ? (config.config.plugins ?? []).map((spec) => ({ spec, from: dirname(config.path) })) : [];
  return [...fromConfig, ...fromFlag.map((spec) => ({ spec, from: cwd }))];
}

/** Every check-id pattern of the run and where it was written. */
function patternsOf(options: Options, policy: Policy | undefined): { pattern: string; where: string }[] {
  return [
    ...options.only.map((pattern) => ({ pattern, where: '--only' })),
    ...options.skip.map((pattern) => ({ pattern, where: '--skip' })),
    ...Object.keys(policy?.severity ?? {}).map((pattern) => ({ pattern, where: `${policy?.source} "severity"` })),
    ...(policy?.ignore ?? []).map((entry) => ({ pattern: entry.check, where: `${policy?.source} "ignore"` })),
  ];
}

/**
 * Patterns under "plugin." that match no check are a usage error like any unknown check id, unless a
 * plugin could not be loaded (its checks are unknown then, and its own error result fails the run anyway).
 */
function checkPluginPatterns(
  patterns: readonly { pattern: string; where: string }[],
  checks: readonly HostCheck[],
  plugins: LoadedPlugins | undefined,
): void {
  if (plugins && plugins.refused > 0) return;
  for (const { pattern, where } of patterns) {
    if (!isPluginPattern(pattern) || checks.some((check) => matchesId(check.id, pattern))) continue;
    const pluginIds = checks.filter((check) => check.origin).map((check) => check.id);
    const known =
      pluginIds.length > 0 ? `plugin checks: ${pluginIds.join(', ')}` : 'no plugin is named: --plugin SPEC or "plugins" in the config file';
    throw new UsageError(`${where}: unknown check '${pattern}' (${known})`);
  }
}

/** Where a check comes from, for --list-checks. */
export function originText(check: HostCheck): string {
  const origin = check.origin;
  if (!origin) return 'built-in';
  return `plugin ${origin.plugin}${origin.version ? ` ${origin.version}` : ''} (${origin.spec})`;
}
