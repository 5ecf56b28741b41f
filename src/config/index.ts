// The config file meets the command line: the file's values become defaults for the flags (so every flag's
// own validation applies to them too, and flags beat the file), its severity/ignore entries become a Policy,
// and the output plan is chosen from both. main.ts calls resolveInvocation() once, before building Options.
import { stat } from 'node:fs/promises';
import type { FlagSpec, ParsedFlags } from '../engine/options.js';
import { UsageError, errorMessage } from '../engine/errors.js';
import { planOutput, type OutputPlan } from '../report/index.js';
import { CONFIG_KEYS, loadConfig, type ConfigFile, type LoadedConfig } from './file.js';
import { offChecks, type Policy } from './policy.js';

export { applyPolicy, unusedIgnores, type Policy } from './policy.js';
export { CONFIG_FILE_NAME, loadConfig, parseConfig, type ConfigFile, type LoadedConfig } from './file.js';

/** Config keys that are not flags: the file's own schema pointer, the policy (severity, ignore), and plugins (--plugin adds to them). */
const NOT_FLAGS: ReadonlySet<string> = new Set<keyof ConfigFile>(['$schema', 'severity', 'ignore', 'plugins']);

/** "mavenRepo" → "maven-repo": every other config key is named like its Options field and its flag. */
const kebab = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Config key → the flag that carries the same setting (and the Options field it fills, named like the key). */
export const KEY_TO_FLAG: Partial<Record<keyof ConfigFile, { flag: string; option: string }>> = Object.fromEntries(
  Object.keys(CONFIG_KEYS)
    .filter((key) => !NOT_FLAGS.has(key))
    .map((key) => [key, { flag: kebab(key), option: key }]),
);

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
  {
    cwd,
    env,
    flagSpecs,
    checkIds,
  }: { cwd: string; env: Record<string, string | undefined>; flagSpecs: readonly FlagSpec[]; checkIds: readonly string[] },
): Promise<Invocation> {
  const explicit = typeof cli.config === 'string' ? cli.config : undefined;
  const loaded = await loadConfig({ cwd, checkIds, ...(explicit !== undefined ? { explicit } : {}) });
  const config = loaded?.config ?? {};
  const { flags, extraOptions } = fileAsFlagDefaults(cli, config, flagSpecs);

  // main.ts checks --job the same way, but its message would name the flag: a file's value names the key and the file.
  if (loaded && config.job !== undefined && cli.job === undefined) {
    for (const job of config.job) await assertReadableFile(job, 'job', loaded.path);
  }

  const policy: Policy | undefined = loaded
    ? { severity: config.severity ?? {}, ignore: config.ignore ?? [], source: loaded.path }
    : undefined;
  const off = offChecks(checkIds, policy);
  if (off.length > 0) flags.skip = [...listOf(flags.skip), ...off];

  const plan = outputPlan(cli, flags, loaded, { cwd, env });
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

/** The file's values as defaults for the flags the command line left unset; values of undeclared flags aside. */
function fileAsFlagDefaults(
  cli: ParsedFlags,
  config: ConfigFile,
  flagSpecs: readonly FlagSpec[],
): Pick<Invocation, 'flags' | 'extraOptions'> {
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
  return { flags, extraOptions };
}

/** Where the report goes, from the merged flags; an output path from the file is named as the file's. */
function outputPlan(
  cli: ParsedFlags,
  flags: ParsedFlags,
  loaded: LoadedConfig | undefined,
  where: { cwd: string; env: Record<string, string | undefined> },
): OutputPlan {
  return planOutput({
    ...(typeof flags.format === 'string' ? { format: flags.format } : {}),
    json: flags.json === true,
    ...(typeof flags.output === 'string' ? { output: flags.output } : {}),
    ...(loaded && cli.output === undefined && flags.output !== undefined ? { outputSource: `"output" of ${loaded.path}` } : {}),
    ...where,
  });
}

async function assertReadableFile(path: string, key: keyof ConfigFile, source: string): Promise<void> {
  let isFile: boolean;
  try {
    isFile = (await stat(path)).isFile();
  } catch (error) {
    throw new UsageError(
      `${source}: "${key}" ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : errorMessage(error)}`,
    );
  }
  if (!isFile) throw new UsageError(`${source}: "${key}" ${path}: not a file`);
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
