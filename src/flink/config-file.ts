// Reads a Flink conf directory the way Flink does: the legacy flink-conf.yaml is a flat "key: value" file
// (Flink's own line parser, not YAML), config.yaml (1.19+) is standard YAML whose nested keys flatten with ".".
// Which file wins depends on the Flink line (compat-matrix.json `configFile`). Never throws.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConfigFileRule } from '../knowledge/matrix.js';
import { errorMessage } from '../engine/errors.js';
import { commonJsExports } from '../util/commonjs.js';

export const LEGACY_CONFIG = 'flink-conf.yaml';
export const YAML_CONFIG = 'config.yaml';

export interface ConfigRead {
  /** The file whose values are returned, or undefined when none applies. */
  file?: string;
  present: string[];
  values: Record<string, unknown>;
  problems: string[];
}

/** Flink's legacy parser: comments after '#', then split on the first ": ". Lines it cannot split are problems. */
export function parseLegacyConfig(text: string, fileName = LEGACY_CONFIG): { values: Record<string, string>; problems: string[] } {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const content = line.split('#', 1)[0]?.trim() ?? '';
    if (!content) return;
    const at = content.indexOf(': ');
    if (at < 0) {
      // Flink logs and ignores such a line; "key:" with nothing after it is also ignored.
      if (!content.endsWith(':')) problems.push(`${fileName}:${index + 1}: cannot split "${truncate(content)}" into key and value (Flink ignores this line)`);
      return;
    }
    const key = content.slice(0, at).trim();
    const value = content.slice(at + 2).trim();
    if (key && value) values[key] = value;
  });
  return { values, problems };
}

/** config.yaml: standard YAML; nested mappings flatten into dotted keys, lists and scalars stay as they are. */
export async function parseYamlConfig(text: string, fileName = YAML_CONFIG): Promise<{ values: Record<string, unknown>; problems: string[] }> {
  const { parseDocument } = commonJsExports(await import('yaml'));
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const where = first?.linePos?.[0] ? `:${first.linePos[0].line}` : '';
    return { values: {}, problems: [`${fileName}${where}: not valid YAML (${truncate(first?.message.split('\n')[0] ?? 'parse error')})`] };
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  if (data === null || data === undefined) return { values: {}, problems: [] };
  if (typeof data !== 'object' || Array.isArray(data)) {
    return { values: {}, problems: [`${fileName}: expected a mapping of keys at the top level`] };
  }
  const values: Record<string, unknown> = {};
  flatten(data as Record<string, unknown>, '', values);
  return { values, problems: [] };
}

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
export async function readConfigDir(dir: string, rule?: Pick<ConfigFileRule, 'legacyBehaviour'>): Promise<ConfigRead> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    return { present: [], values: {}, problems: [`cannot read conf directory ${dir}: ${errorMessage(error)}`] };
  }
  const present = [LEGACY_CONFIG, YAML_CONFIG].filter((name) => entries.includes(name));
  const behaviour = rule?.legacyBehaviour ?? 'wins';
  const chosen =
    behaviour === 'only'
      ? present.includes(LEGACY_CONFIG) ? LEGACY_CONFIG : undefined
      : behaviour === 'wins'
        ? present.includes(LEGACY_CONFIG) ? LEGACY_CONFIG : present.includes(YAML_CONFIG) ? YAML_CONFIG : undefined
        : present.includes(YAML_CONFIG) ? YAML_CONFIG : undefined;
  if (!chosen) return { present, values: {}, problems: [] };
  const file = join(dir, chosen);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { file, present, values: {}, problems: [`cannot read ${file}: ${errorMessage(error)}`] };
  }
  const parsed = chosen === LEGACY_CONFIG ? parseLegacyConfig(text, file) : await parseYamlConfig(text, file);
  return { file, present, ...parsed };
}

function truncate(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A config value as one string, or undefined (lists and maps are not strings). */
export function stringValue(values: Record<string, unknown>, key: string): string | undefined {
  const value = values[key];
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}
