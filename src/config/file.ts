// flink-doctor.config.json: found from the working directory upwards (or named by --config), parsed and
// validated strictly. Every problem is one line naming the file and the bad key; unknown keys are errors
// (a typo must not silently change what a CI gate checks). Relative paths are resolved against the file's
// directory, so the file means the same thing from any working directory.
import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { UsageError, errorMessage } from '../engine/errors.js';
import type { SeverityLevel } from '../engine/model.js';
import { matchesId } from '../engine/run.js';
import { openMatrix } from '../knowledge/matrix.js';
import { isFlinkVersion, minorOf } from '../knowledge/versions.js';
import { RepositoryError, checkRepositoryUrl } from '../maven/repository.js';
import { FORMATS, isFormat, type Format } from '../report/index.js';
import { LIMITS } from '../engine/limits.js';
import { readTextFile } from '../util/read-file.js';
import { isPluginPattern, specProblem } from '../plugins/spec.js';
import { ClusterSettingError, checkClusterUrl, checkEnvName, checkTimeout } from '../cluster/settings.js';
import { clip } from '../util/text.js';

export const CONFIG_FILE_NAME = 'flink-doctor.config.json';

export interface IgnoreEntry {
  /** A check id or prefix ("jars", "jars.*"). */
  check: string;
  /** Why the finding is accepted; required, shown in every report. */
  reason: string;
  /** Only findings whose summary, details or file mention this text (case-insensitive). */
  match?: string;
}

export interface ConfigFile {
  $schema?: string;
  flinkVersion?: string;
  python?: string;
  javaHome?: string;
  confDir?: string;
  jars?: string[];
  job?: string[];
  mavenRepo?: string;
  cluster?: string;
  clusterAuthEnv?: string;
  clusterCa?: string;
  clusterTimeout?: number;
  deploy?: string[];
  offline?: boolean;
  only?: string[];
  skip?: string[];
  strict?: boolean;
  format?: Format;
  output?: string;
  severity?: Record<string, SeverityLevel>;
  ignore?: IgnoreEntry[];
  /** Plugins to load, as written: ./paths relative to this file, or npm packages installed next to it. */
  plugins?: string[];
}

export interface LoadedConfig {
  path: string;
  config: ConfigFile;
}

type Kind =
  | 'string'
  | 'path'
  | 'command'
  | 'url'
  | 'cluster-url'
  | 'env-name'
  | 'seconds'
  | 'paths'
  | 'boolean'
  | 'ids'
  | 'version'
  | 'format'
  | 'severity'
  | 'ignore'
  | 'plugins';

/** Every key the file may hold and what its value is. */
export const CONFIG_KEYS: Record<keyof ConfigFile, Kind> = {
  $schema: 'string',
  flinkVersion: 'version',
  python: 'command',
  javaHome: 'path',
  confDir: 'path',
  jars: 'paths',
  job: 'paths',
  mavenRepo: 'url',
  cluster: 'cluster-url',
  clusterAuthEnv: 'env-name',
  clusterCa: 'path',
  clusterTimeout: 'seconds',
  deploy: 'paths',
  offline: 'boolean',
  only: 'ids',
  skip: 'ids',
  strict: 'boolean',
  format: 'format',
  output: 'path',
  severity: 'severity',
  ignore: 'ignore',
  plugins: 'plugins',
};

const SEVERITIES: readonly SeverityLevel[] = ['off', 'warning', 'error'];

/** The config file to use: --config if given, else the nearest flink-doctor.config.json from cwd upwards. */
export async function loadConfig({
  explicit,
  cwd,
  checkIds,
}: {
  explicit?: string;
  cwd: string;
  checkIds: readonly string[];
}): Promise<LoadedConfig | undefined> {
  if (explicit === '') throw new UsageError('--config needs a non-empty value');
  const path = explicit !== undefined ? resolve(cwd, explicit) : await findConfig(cwd);
  if (!path) return undefined;
  let text: string;
  try {
    text = await readTextFile(path, LIMITS.configFileBytes);
  } catch (error) {
    throw new UsageError(`cannot read config file ${path}: ${errorMessage(error)}`);
  }
  return { path, config: parseConfig(text, path, checkIds) };
}

export async function findConfig(cwd: string): Promise<string | undefined> {
  let dir = resolve(cwd);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    try {
      if ((await stat(candidate)).isFile()) return candidate;
    } catch {
      // not here; go up
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Parses and validates one config document; relative paths are resolved against `path`'s directory. */
export function parseConfig(text: string, path: string, checkIds: readonly string[]): ConfigFile {
  const fail = (message: string): never => {
    throw new UsageError(`${path}: ${message}`);
  };
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return fail(`not valid JSON: ${errorMessage(error)}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return fail('must be a JSON object of settings');
  const context: Context = { base: dirname(path), fail, checkId: checkIdReader(checkIds, fail) };
  const config: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    // Own keys only: "toString" or "constructor" in a config file are unknown keys, not Object.prototype's.
    const kind = Object.hasOwn(CONFIG_KEYS, key) ? CONFIG_KEYS[key as keyof ConfigFile] : undefined;
    if (!kind) return fail(unknownKey(key));
    config[key] = READERS[kind](key, value, context);
  }
  return config;
}

/** What a value reader needs: the directory relative paths start from, how to fail, and the known check ids. */
interface Context {
  base: string;
  fail: (message: string) => never;
  /** A check id (or prefix) that names a known check or a plugin's; `where` names the place in the file. */
  checkId: (where: string, value: unknown) => string;
}

function checkIdReader(checkIds: readonly string[], fail: (message: string) => never): Context['checkId'] {
  // Plugin check ids are known only once the plugins are loaded: src/cli/plugins.ts judges those.
  const knownId = (pattern: string) => isPluginPattern(pattern) || checkIds.some((id) => matchesId(id, pattern));
  return (where, value) => {
    if (typeof value !== 'string' || value.trim() === '')
      return fail(`${where} must be a check id such as "${checkIds[0] ?? 'java.runtime'}"`);
    if (!knownId(value)) fail(`${where}: unknown check '${clip(value, 80)}' (known: ${checkIds.join(', ')})`);
    return value;
  };
}

function unknownKey(key: string): string {
  const hint = key.length <= 64 ? closest(key, Object.keys(CONFIG_KEYS)) : undefined;
  const known = Object.keys(CONFIG_KEYS)
    .filter((k) => k !== '$schema')
    .join(', ');
  return `unknown key "${clip(key, 80)}"${hint ? ` (did you mean "${hint}"?)` : ''}; known keys: ${known}`;
}

function string(key: string, value: unknown, { fail }: Context): string {
  if (typeof value !== 'string' || value.trim() === '') return fail(`"${key}" must be a non-empty string`);
  return value;
}

function pathString(key: string, value: unknown, context: Context): string {
  const text = string(key, value, context);
  if (text.includes('\u0000')) context.fail(`"${key}" contains a NUL character (\\u0000), which no file name can`);
  return text;
}

/** One reader per kind of value: validates it (failing with a line that names the key) and returns what is kept. */
const READERS: Record<Kind, (key: string, value: unknown, context: Context) => unknown> = {
  string,
  path: (key, value, context) => resolve(context.base, pathString(key, value, context)),
  command: (key, value, context) => {
    // A bare name ("python3.11") is looked up on PATH like the flag; anything with a slash is a path.
    const command = pathString(key, value, context);
    return /[\\/]/.test(command) ? resolve(context.base, command) : command;
  },
  url: repositoryUrl,
  'cluster-url': (key, value, { fail }) => clusterSetting('cluster-url', key, value, fail),
  'env-name': (key, value, { fail }) => clusterSetting('env-name', key, value, fail),
  seconds: (key, value, { fail }) => clusterSetting('seconds', key, value, fail),
  paths: (key, value, context) => {
    const items = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(items) || items.length === 0) context.fail(`"${key}" must be a path or a non-empty array of paths`);
    return (items as unknown[]).map((item, i) => resolve(context.base, pathString(`${key}[${i}]`, item, context)));
  },
  boolean: (key, value, { fail }) => {
    if (typeof value !== 'boolean') fail(`"${key}" must be true or false`);
    return value;
  },
  ids: (key, value, { fail, checkId }) => {
    const items =
      typeof value === 'string'
        ? value
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : value;
    if (!Array.isArray(items)) fail(`"${key}" must be an array of check ids`);
    return (items as unknown[]).map((item, i) => checkId(`"${key}"[${i}]`, item));
  },
  version: knownFlinkVersion,
  format: (key, value, { fail }) => {
    if (typeof value !== 'string' || !isFormat(value)) fail(`"${key}" must be one of ${FORMATS.join(', ')}`);
    return value;
  },
  severity: severityLevels,
  ignore: (key, value, context) => {
    if (!Array.isArray(value)) return context.fail(`"${key}" must be an array of {"check", "reason", "match"?} entries`);
    if (value.length > LIMITS.configIgnoreEntries)
      context.fail(`"${key}" has ${value.length} entries; flink-doctor reads at most ${LIMITS.configIgnoreEntries}`);
    return (value as unknown[]).map((entry, i) => parseIgnore(entry, `"ignore"[${i}]`, context));
  },
  plugins: (key, value, { fail }) => {
    if (!Array.isArray(value)) return fail(`"${key}" must be an array of plugins ("./path/to/plugin.mjs" or an npm package name)`);
    return (value as unknown[]).map((spec, i) => {
      const problem = typeof spec === 'string' ? specProblem(spec) : 'is not a string';
      return problem ? fail(`"plugins"[${i}] ${problem}`) : spec;
    });
  },
};

/** The same rule as --maven-repo (an http(s) URL), but the message names this key and this file. */
function repositoryUrl(key: string, value: unknown, context: Context): string {
  const url = string(key, value, context);
  try {
    checkRepositoryUrl(url, `"${key}"`);
  } catch (error) {
    if (error instanceof RepositoryError) context.fail(error.message);
    throw error;
  }
  return url;
}

/** A Flink version of a line the matrix knows. */
function knownFlinkVersion(key: string, value: unknown, { fail }: Context): string {
  if (typeof value !== 'string' || !isFlinkVersion(value)) return fail(`"${key}" must be a Flink version such as "2.2" or "2.2.1"`);
  const matrix = openMatrix();
  if (!matrix.line(minorOf(value) ?? '')) {
    const minors = matrix.minors();
    fail(`"${key}" ${value}: flink-doctor knows Flink ${minors[0]} to ${minors[minors.length - 1]}`);
  }
  return value;
}

/** {"check id": "off" | "warning" | "error"}. */
function severityLevels(key: string, value: unknown, { fail, checkId }: Context): Record<string, SeverityLevel> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail(`"${key}" must be an object such as {"jars.updates": "off"}`);
  const levels: Record<string, SeverityLevel> = {};
  for (const [id, level] of Object.entries(value as Record<string, unknown>)) {
    checkId(`"severity"`, id);
    if (typeof level !== 'string' || !(SEVERITIES as readonly string[]).includes(level))
      fail(`"severity"."${id}" must be "off", "warning" or "error"`);
    levels[id] = level as SeverityLevel;
  }
  return levels;
}

function parseIgnore(entry: unknown, where: string, { fail, checkId }: Context): IgnoreEntry {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
    return fail(`${where} must be an object with "check" and "reason"`);
  const record = entry as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!['check', 'reason', 'match'].includes(key)) fail(`${where}: unknown key "${key}" (known: check, reason, match)`);
  }
  const check = checkId(`${where}.check`, record.check);
  if (typeof record.reason !== 'string' || record.reason.trim() === '')
    fail(`${where}.reason is required: say why this finding is accepted`);
  if (record.match !== undefined && (typeof record.match !== 'string' || record.match === ''))
    fail(`${where}.match must be a non-empty string`);
  return { check, reason: (record.reason as string).trim(), ...(record.match !== undefined ? { match: record.match as string } : {}) };
}

/** --cluster's settings, validated as the flags are, the message naming the key. */
function clusterSetting(
  kind: 'cluster-url' | 'env-name' | 'seconds',
  key: string,
  value: unknown,
  fail: (message: string) => never,
): string | number {
  try {
    if (kind === 'seconds') {
      if (typeof value !== 'number') return fail(`"${key}" must be a number of seconds`);
      checkTimeout(value, `"${key}"`);
      return value;
    }
    if (typeof value !== 'string' || value.trim() === '') return fail(`"${key}" must be a non-empty string`);
    return kind === 'cluster-url' ? checkClusterUrl(value, `"${key}"`) : checkEnvName(value, `"${key}"`);
  } catch (error) {
    if (error instanceof ClusterSettingError) return fail(error.message);
    throw error;
  }
}

/** The known key a typo most likely meant: same letters ignoring case, or at most two edits away. */
function closest(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase().replace(/[-_]/g, '');
  const exact = known.find((k) => k.toLowerCase() === lower);
  if (exact) return exact;
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance <= 2 && (!best || distance < best.distance)) best = { key: candidate, distance };
  }
  return best?.key;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
