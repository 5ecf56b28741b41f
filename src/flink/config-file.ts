// Reads a Flink conf directory the way Flink does: the legacy flink-conf.yaml is a flat "key: value" file
// (Flink's own line parser, not YAML), config.yaml (1.19+) is standard YAML whose nested keys flatten with ".".
// Which file wins depends on the Flink line (compat-matrix.json `configFile`). Never throws.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConfigProblem } from '../facts/index.js';
import type { ParsedConfig, ParsedConfigCache } from './config-cache.js';
import { LEGACY_CONFIG, YAML_CONFIG } from '../knowledge/flink-names.js';
import type { ConfigFileRule } from '../knowledge/matrix.js';
import { errorMessage } from '../engine/errors.js';
import { LIMITS } from '../engine/limits.js';
import { commonJsExports } from '../util/commonjs.js';
import { readTextFile } from '../util/read-file.js';
import { composeDocument, lexYaml, scanYaml } from '../util/yaml-shape.js';
import { clip } from '../util/text.js';

export interface ConfigRead {
  /** The file whose values are returned, or undefined when none applies. */
  file?: string;
  present: string[];
  values: Record<string, unknown>;
  problems: ConfigProblem[];
}

/**
 * Settings Flink and PyFlink read as one string, and which check then looks elsewhere because flink-doctor's
 * discovery (like PyFlink's) cannot use a list or a mapping there.
 */
const SINGLE_VALUE_KEYS: Record<string, string> = {
  'env.java.home': 'java.runtime looks at JAVA_HOME and PATH instead',
  'python.client.executable': 'python.client looks at VIRTUAL_ENV, CONDA_PREFIX and PATH instead',
};

/** Lines of flink-conf.yaml reported one by one; the rest are counted in one more problem. */
const MAX_LINE_PROBLEMS = 20;

/** Flink's legacy parser: comments after '#', then split on the first ": ". Lines it cannot split are problems. */
export function parseLegacyConfig(text: string, fileName = LEGACY_CONFIG): { values: Record<string, string>; problems: ConfigProblem[] } {
  const values: Record<string, string> = {};
  const problems: ConfigProblem[] = [];
  let more = 0;
  text.split(/\r?\n/).forEach((line, index) => {
    const content = line.split('#', 1)[0]?.trim() ?? '';
    if (!content) return;
    const at = content.indexOf(': ');
    if (at < 0) {
      // Flink logs and ignores such a line; "key:" with nothing after it is also ignored.
      if (content.endsWith(':')) return;
      if (problems.length >= MAX_LINE_PROBLEMS) more += 1;
      else
        problems.push({
          kind: 'legacy-line',
          path: fileName,
          line: index + 1,
          message: `${fileName}:${index + 1}: cannot split "${clip(content, 80)}" into key and value (Flink ignores this line)`,
        });
      return;
    }
    const key = content.slice(0, at).trim();
    const value = content.slice(at + 2).trim();
    if (key && value) values[key] = value;
  });
  if (more > 0)
    problems.push({
      kind: 'legacy-line',
      path: fileName,
      message: `${fileName}: ${more} more lines Flink cannot split into key and value`,
    });
  return { values, problems };
}

/** config.yaml: standard YAML; nested mappings flatten into dotted keys, lists and scalars stay as they are. */
export async function parseYamlConfig(text: string, fileName = YAML_CONFIG): Promise<ParsedConfig> {
  const yaml = commonJsExports(await import('yaml'));
  const problem = (message: string, offset?: number): ParsedConfig => {
    const line = offset === undefined ? undefined : lineAt(text, offset);
    return {
      values: {},
      problems: [{ kind: 'yaml', path: fileName, message: `${fileName}${line ? `:${line}` : ''}: ${message}`, ...(line ? { line } : {}) }],
    };
  };
  // The composer recurses once per level (and V8 dies outright, not with an exception, when a regular
  // expression is first compiled that deep): measure the nesting on the linear token stream first.
  const tokens = lexYaml(yaml, text);
  const shape = scanYaml(tokens);
  if (shape.depth > LIMITS.yamlDepth) {
    return problem(
      `nested more than ${LIMITS.yamlDepth} levels deep; flink-doctor does not read it (a Flink config nests a few levels)`,
      shape.deepestAt,
    );
  }
  if (shape.anchors > LIMITS.yamlAliases || shape.aliases > LIMITS.yamlAliases) {
    return problem(
      `has more than ${LIMITS.yamlAliases} YAML anchors or aliases; flink-doctor does not read it (a Flink config needs none)`,
      shape.firstAliasAt,
    );
  }
  // prettyErrors would fill `linePos` but also put a code excerpt into the message: count the lines here instead.
  const doc = composeDocument(yaml, tokens, text, { prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    return problem(`not valid YAML (${clip(first?.message.split('\n')[0] ?? 'parse error', 80)})`, first?.pos[0]);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: LIMITS.yamlAliases });
  } catch (error) {
    // An alias to no anchor, or more alias expansion than a config needs (a "billion laughs" document).
    return problem(`its YAML aliases cannot be resolved (${clip(errorMessage(error), 80)})`, shape.firstAliasAt);
  }
  if (data === null || data === undefined) return { values: {}, problems: [] };
  if (typeof data !== 'object' || Array.isArray(data)) {
    return {
      values: {},
      problems: [{ kind: 'shape', path: fileName, message: `${fileName}: expected a mapping of keys at the top level` }],
    };
  }
  const values: Record<string, unknown> = {};
  flatten(data as Record<string, unknown>, '', values);
  return { values, problems: [] };
}

/** 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < Math.min(offset, text.length); i += 1) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

/**
 * What a flattened config holds under `key.`: a mapping written where one value belongs ("pipeline.classpaths:
 * {kafka: …}") is flattened away like every mapping, so Flink sees `key.kafka` and no `key`. Relative sub-keys → values.
 */
export function mappingUnder(values: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const prefix = `${key}.`;
  const entries = Object.entries(values)
    .filter(([k]) => k.startsWith(prefix))
    .map(([k, v]) => [k.slice(prefix.length), v] as const);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** Settings taken as one value that hold a list, or a mapping (flattened into sub-keys). */
function singleValueProblems(values: Record<string, unknown>, file: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const [key, consequence] of Object.entries(SINGLE_VALUE_KEYS)) {
    const value = values[key];
    const mapping = value === undefined ? mappingUnder(values, key) : undefined;
    if (!Array.isArray(value) && !mapping) continue;
    const shape = Array.isArray(value)
      ? `a list (${clip(JSON.stringify(value), 40)})`
      : `a mapping (${Object.keys(mapping ?? {})
          .map((k) => `${key}.${k}`)
          .join(', ')})`;
    problems.push({
      kind: 'value',
      path: file,
      key,
      message: `${key} in ${file} is ${shape}, not one path: Flink cannot use it and ${consequence}`,
    });
  }
  return problems;
}

/** Recursive, but never deeper than LIMITS.yamlDepth: parseYamlConfig refuses deeper documents first. */
function flatten(node: Record<string, unknown>, prefix: string, into: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(node)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) flatten(value as Record<string, unknown>, path, into);
    else into[path] = value;
  }
}

/**
 * Reads `dir` with the rule of the target's Flink line. With no rule (target unknown yet) the legacy file
 * wins when present, as in 1.19/1.20 and every earlier line.
 */
export async function readConfigDir(
  dir: string,
  rule?: Pick<ConfigFileRule, 'legacyBehaviour'>,
  cache?: ParsedConfigCache,
): Promise<ConfigRead> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    return {
      present: [],
      values: {},
      problems: [{ kind: 'unreadable', path: dir, message: `cannot read conf directory ${dir}: ${errorMessage(error)}` }],
    };
  }
  const present = [LEGACY_CONFIG, YAML_CONFIG].filter((name) => entries.includes(name));
  const behaviour = rule?.legacyBehaviour ?? 'wins';
  const chosen =
    behaviour === 'only'
      ? present.includes(LEGACY_CONFIG)
        ? LEGACY_CONFIG
        : undefined
      : behaviour === 'wins'
        ? present.includes(LEGACY_CONFIG)
          ? LEGACY_CONFIG
          : present.includes(YAML_CONFIG)
            ? YAML_CONFIG
            : undefined
        : present.includes(YAML_CONFIG)
          ? YAML_CONFIG
          : undefined;
  if (!chosen) return { present, values: {}, problems: [] };
  const file = join(dir, chosen);
  let text: string;
  try {
    text = await readTextFile(file, LIMITS.flinkConfigBytes);
  } catch (error) {
    const problem: ConfigProblem =
      (error as NodeJS.ErrnoException).code === 'ETOOBIG'
        ? { kind: 'too-big', path: file, message: `${errorMessage(error)}; flink-doctor does not read it` }
        : { kind: 'unreadable', path: file, message: `cannot read ${file}: ${errorMessage(error)}` };
    return { file, present, values: {}, problems: [problem] };
  }
  const parsed = chosen === LEGACY_CONFIG ? parseLegacyConfig(text, file) : await parseYamlOnce(text, file, cache);
  return { file, present, values: parsed.values, problems: [...parsed.problems, ...singleValueProblems(parsed.values, file)] };
}

/** parseYamlConfig, or what it returned for this very file and text on an earlier run (src/flink/config-cache.ts). */
async function parseYamlOnce(text: string, file: string, cache?: ParsedConfigCache): Promise<ParsedConfig> {
  const known = cache?.get(file, text);
  if (known) return known;
  const parsed = await parseYamlConfig(text, file);
  void cache?.put(file, text, parsed);
  return parsed;
}

export { stringValue } from './config-values.js';
