// The config file meets the command line: the file's values become defaults for the flags (so every flag's
// own validation applies to them too, and flags beat the file), its severity/ignore entries become a Policy,
// and the output plan is chosen from both. main.ts calls resolveInvocation() once, before building Options.
import type { ParsedFlags, FlagSpec } from '../cli/flags.js';
import { planOutput, type OutputPlan } from '../report/index.js';
import { loadConfig, type ConfigFile, type LoadedConfig } from './file.js';
import { offChecks, type Policy } from './policy.js';

export { applyPolicy, unusedIgnores, type Policy } from './policy.js';
export { CONFIG_FILE_NAME, loadConfig, parseConfig, type ConfigFile, type LoadedConfig } from './file.js';

/** Config key → the flag that carries the same setting (and the Options field it fills). */
export const KEY_TO_FLAG: Partial<Record<keyof ConfigFile, { flag: string; option: string }>> = {
  flinkVersion: { flag: 'flink-version', option: 'flinkVersion' },
  python: { flag: 'python', option: 'python' },
  javaHome: { flag: 'java-home', option: 'javaHome' },
  confDir: { flag: 'conf-dir', option: 'confDir' },
  jars: { flag: 'jars', option: 'jars' },
  job: { flag: 'job', option: 'job' },
  mavenRepo: { flag: 'maven-repo', option: 'mavenRepo' },
  offline: { flag: 'offline', option: 'offline' },
  only: { flag: 'only', option: 'only' },
  skip: { flag: 'skip', option: 'skip' },
  strict: { flag: 'strict', option: 'strict' },
  format: { flag: 'format', option: 'format' },
  output: { flag: 'output', option: 'output' },
};

export interface Invocation {
  /** Flags with the config file's values filled in where the command line said nothing. */
  flags: ParsedFlags;
  config?: LoadedConfig;
  policy?: Policy;
  plan: OutputPlan;
  /** Config values for Options fields whose flag is not declared (yet): main sets them on Options directly. */
  extraOptions: Record<string, unknown>;
  /** The Flink version came from the config file, not --flink-version. */
  flinkVersionFromConfig: boolean;
}

export async function resolveInvocation(
  cli: ParsedFlags,
  { cwd, env, flagSpecs, checkIds }: { cwd: string; env: Record<string, string | undefined>; flagSpecs: readonly FlagSpec[]; checkIds: readonly string[] },
): Promise<Invocation> {
  const explicit = typeof cli.config === 'string' ? cli.config : undefined;
  const loaded = await loadConfig({ cwd, checkIds, ...(explicit !== undefined ? { explicit } : {}) });
  const config = loaded?.config ?? {};
  const flags: ParsedFlags = { ...cli };
  const extraOptions: Record<string, unknown> = {};
  const declared = new Map(flagSpecs.map((spec) => [spec.name, spec]));
  // --json and --format both pick the format; either beats the file's "format" (and its "output").
  const cliPicksFormat = cli.json !== undefined || cli.format !== undefined;

  for (const [key, mapping] of Object.entries(KEY_TO_FLAG)) {
    const value = (config as Record<string, unknown>)[key];
    if (value === undefined || !mapping) continue;
    // The file's format and output go together: `--json` must still mean "JSON on stdout" in a repository
    // whose config file writes a report to a file.
    if ((key === 'format' || key === 'output') && cliPicksFormat) continue;
    const spec = declared.get(mapping.flag);
    if (!spec) {
      extraOptions[mapping.option] = value;
      continue;
    }
    if (cli[mapping.flag] !== undefined) continue;
    flags[mapping.flag] = asFlagValue(value, spec);
  }

  const policy: Policy | undefined = loaded
    ? { severity: config.severity ?? {}, ignore: config.ignore ?? [], source: loaded.path }
    : undefined;
  const off = offChecks(checkIds, policy);
  if (off.length > 0) flags.skip = [...listOf(flags.skip), ...off];

  const plan = planOutput({
    ...(typeof flags.format === 'string' ? { format: flags.format } : {}),
    json: flags.json === true,
    ...(typeof flags.output === 'string' ? { output: flags.output } : {}),
    cwd,
    env,
  });
  // Options.json means "stdout is one JSON document": true exactly when JSON alone goes to stdout.
  flags.json = plan.stdout.length === 1 && plan.stdout[0] === 'json' ? true : undefined;
  return {
    flags,
    ...(loaded ? { config: loaded } : {}),
    ...(policy ? { policy } : {}),
    plan,
    extraOptions,
    flinkVersionFromConfig: cli['flink-version'] === undefined && config.flinkVersion !== undefined,
  };
}

function asFlagValue(value: unknown, spec: FlagSpec): string | boolean | string[] {
  if (spec.type === 'boolean') return Boolean(value);
  const items = Array.isArray(value) ? value.map(String) : [String(value)];
  if (spec.multiple) return items;
  return items.join(',');
}

function listOf(value: ParsedFlags[string]): string[] {
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}
