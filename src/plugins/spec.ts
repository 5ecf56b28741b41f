// How a plugin is named (--plugin SPEC, the config file's "plugins"): a local module (a path starting with
// ./, ../ or /, relative to the config file or the working directory) or an npm package (resolved from the
// project's node_modules), as Node's own import rules tell them apart. Pure: no file is touched here.
import { isAbsolute } from 'node:path';

/** One plugin to load: the spec as written and the directory it is resolved from. */
export interface PluginRequest {
  spec: string;
  /** The config file's directory for its "plugins", the working directory for --plugin. */
  from: string;
}

/** Plugin check ids live under "plugin.": built-in ids never do, so the two can never collide. */
export const PLUGIN_ID_PREFIX = 'plugin';

// npm's rules for a package name (lower case, URL-safe, optional @scope/), then an optional subpath.
const PACKAGE = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*(?:\/[^\s\\]+)?$/;
export const PLUGIN_NAME = /^[a-z][a-z0-9-]*$/;

export function isLocalSpec(spec: string): boolean {
  return /^\.{1,2}(?:[\\/]|$)/.test(spec) || isAbsolute(spec);
}

/** Why a spec cannot name a plugin, or undefined when it can. */
export function specProblem(spec: string): string | undefined {
  if (spec.trim() === '') return 'is empty';
  if (spec.trim() !== spec) return 'has leading or trailing spaces';
  if (isLocalSpec(spec) || PACKAGE.test(spec)) return undefined;
  return 'is neither a path starting with ./, ../ or / nor an npm package name';
}

/** A check id or --only/--skip pattern in the plugins' namespace ("plugin", "plugin.acme", "plugin.acme.*"). */
export function isPluginPattern(pattern: string): boolean {
  return pattern === PLUGIN_ID_PREFIX || pattern.startsWith(`${PLUGIN_ID_PREFIX}.`);
}

/**
 * A name for a plugin known only by its spec (it could not be loaded, so it never told its own):
 * "./plugins/mirror-policy.mjs" → "mirror-policy", "@acme/flink-doctor-plugin" → "acme-flink-doctor-plugin".
 */
export function nameFromSpec(spec: string): string {
  const local = isLocalSpec(spec);
  const parts = spec.split(/[\\/]+/).filter((part) => part !== '' && part !== '.' && part !== '..');
  // A package's name without its subpath: "@scope/name/sub" → "scope-name", "name/sub" → "name".
  const packageName = () => (spec.startsWith('@') ? parts.slice(0, 2).join('-').slice(1) : (parts[0] ?? ''));
  let base = local ? (parts.at(-1) ?? '').replace(/\.[cm]?[jt]s$/i, '') : packageName();
  if (local && base === 'index') base = parts.at(-2) ?? base;
  const slug = base
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^[^a-z]+|-+$/g, '');
  return slug === '' ? 'unnamed' : slug;
}
