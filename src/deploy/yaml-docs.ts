// YAML files written by someone else (docker-compose files, Kubernetes manifests), read safely: a size cap, a
// nesting cap checked before the parser sees the text (deep flow nesting exhausts the parser's stack), alias
// expansion capped, several documents per file, and the line of any node for findings.
import type { Document, LineCounter, Node } from 'yaml';
import { LIMITS, formatBytes } from '../engine/limits.js';
import { commonJsExports } from '../util/commonjs.js';
import { composeDocuments, lexYaml, scanYaml } from '../util/yaml-shape.js';
import { clip, scalarText } from '../util/text.js';

export const MAX_YAML_BYTES = LIMITS.deployYamlBytes;
const MAX_DOCUMENTS = LIMITS.deployYamlDocuments;

export interface YamlFile {
  docs: { data: unknown; doc: Document }[];
  /** 1-based line of the value at `path` inside a document. */
  lineOf: (doc: Document, path: readonly (string | number)[]) => number | undefined;
  /** 1-based line of the key of the last step of `path` (a compose service's name line). */
  keyLineOf: (doc: Document, path: readonly (string | number)[]) => number | undefined;
  problems: string[];
}

export async function readYamlDocuments(text: string, label: string): Promise<YamlFile> {
  const empty = (problem: string): YamlFile => ({ docs: [], lineOf: () => undefined, keyLineOf: () => undefined, problems: [problem] });
  if (text.length > MAX_YAML_BYTES)
    return empty(`${label} is ${formatBytes(text.length)}, more than the ${formatBytes(MAX_YAML_BYTES)} flink-doctor reads of a YAML file`);
  const yaml = commonJsExports(await import('yaml'));
  // Block nesting ("- - - …") exhausts the composer's stack as surely as brackets do: both are measured first.
  const tokens = lexYaml(yaml, text);
  const shape = scanYaml(tokens);
  if (shape.depth > LIMITS.yamlDepth) return empty(`${label} nests more than ${LIMITS.yamlDepth} levels deep: not read`);
  if (shape.anchors > LIMITS.yamlAliases || shape.aliases > LIMITS.yamlAliases)
    return empty(`${label} has more than ${LIMITS.yamlAliases} YAML anchors or aliases: not read`);
  const counter: LineCounter = new yaml.LineCounter();
  const list = composeDocuments(yaml, tokens, { prettyErrors: false, uniqueKeys: false }, counter);
  const problems: string[] = [];
  const docs: YamlFile['docs'] = [];
  for (const doc of list.slice(0, MAX_DOCUMENTS)) {
    const error = doc.errors[0];
    if (error) {
      const line = counter.linePos(error.pos[0]).line;
      problems.push(`${label}:${line}: not valid YAML (${clip(error.message.split('\n')[0] ?? 'parse error', 80)})`);
      continue;
    }
    try {
      docs.push({ data: doc.toJS({ maxAliasCount: 100 }), doc });
    } catch (error) {
      problems.push(`${label}: ${clip((error as Error).message.split('\n')[0] ?? 'unreadable YAML', 80)}`);
    }
  }
  if (list.length > MAX_DOCUMENTS) problems.push(`${label} holds more than ${MAX_DOCUMENTS} documents: the rest was not read`);
  const lineOf = (doc: Document, path: readonly (string | number)[]) => {
    const node = doc.getIn(path, true) as Node | undefined;
    const offset = node && typeof node === 'object' && 'range' in node ? node.range?.[0] : undefined;
    return offset === undefined ? undefined : counter.linePos(offset).line;
  };
  const keyLineOf = (doc: Document, path: readonly (string | number)[]) => {
    const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
    const items =
      parent && typeof parent === 'object' && 'items' in parent && Array.isArray(parent.items) ? (parent.items as unknown[]) : [];
    for (const item of items) {
      const key = item && typeof item === 'object' && 'key' in item ? (item.key as Node | null) : null;
      if (key && 'value' in key && key.value === path[path.length - 1] && key.range) return counter.linePos(key.range[0]).line;
    }
    return lineOf(doc, path);
  };
  return { docs, lineOf, keyLineOf, problems };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Nested mappings → dotted keys with string values (flinkConfiguration may be written either way). */
export function flattenStrings(node: Record<string, unknown>, prefix = '', into: Record<string, string> = {}): Record<string, string> {
  for (const [key, value] of Object.entries(node)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isRecord(value)) flattenStrings(value, path, into);
    else if (Array.isArray(value)) into[path] = value.map(scalarText).join(';');
    else if (value !== null && value !== undefined) into[path] = scalarText(value);
  }
  return into;
}
