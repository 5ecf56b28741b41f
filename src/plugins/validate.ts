// Checks what a plugin module exported against the contract (src/api/plugin.ts) before anything of it runs.
// Plugins are plain JavaScript, so nothing is taken on trust: every problem is one line naming the part that
// is wrong, and a plugin with any problem is refused whole (its checks never run).
import type { AnyFactGatherer, PluginCheck } from '../api/plugin.js';
import { PLUGIN_API_VERSION } from '../api/plugin.js';
import { PLUGIN_ID_PREFIX, PLUGIN_NAME } from './spec.js';

/** A plugin that passed every test; its checks still see plain records (the host renames the facts). */
export interface ValidPlugin {
  name: string;
  version?: string;
  checks: PluginCheck<Record<string, unknown>, string>[];
  facts: Record<string, AnyFactGatherer>;
}

export interface ValidationContext {
  builtInCheckIds: readonly string[];
  builtInFactKeys: readonly string[];
  doctorVersion: string;
}

/** Thrown for the first problem found; `pluginName` is the plugin's own name once it is known to be valid. */
export class PluginRefused extends Error {
  constructor(
    message: string,
    readonly pluginName?: string,
  ) {
    super(message);
  }
}

/** The longest a gatherer may ask for: the engine's own limit for any fact. */
const MAX_GATHER_MS = 120_000;
export const DEFAULT_GATHER_MS = 10_000;

const CHECK_LOCAL_ID = /^[a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*)*$/;
const FACT_KEY = /^[a-z][A-Za-z0-9]*$/;

export function validatePlugin(exported: unknown, ctx: ValidationContext): ValidPlugin {
  const plugin = asRecord(exported, 'its default export', 'export default definePlugin({ apiVersion: 1, name, checks })');
  const name = validateHeader(plugin, ctx);
  const refuse = (message: string): never => {
    throw new PluginRefused(message, name);
  };
  try {
    const facts = validateFacts(plugin.facts, ctx);
    const checks = validateChecks(plugin.checks, name, Object.keys(facts), ctx);
    return { name, ...(typeof plugin.version === 'string' ? { version: plugin.version } : {}), checks, facts };
  } catch (error) {
    return refuse(error instanceof Error ? error.message : String(error));
  }
}

/** apiVersion first (a plugin for another API may be shaped differently), then name and version. */
function validateHeader(plugin: Record<string, unknown>, ctx: ValidationContext): string {
  const name = typeof plugin.name === 'string' && PLUGIN_NAME.test(plugin.name) ? plugin.name : undefined;
  const { apiVersion } = plugin;
  if (apiVersion === undefined) throw new PluginRefused(`it declares no apiVersion (add apiVersion: ${PLUGIN_API_VERSION})`, name);
  if (typeof apiVersion !== 'number' || !Number.isInteger(apiVersion)) {
    throw new PluginRefused(`apiVersion must be a whole number such as ${PLUGIN_API_VERSION}, not ${describe(apiVersion)}`, name);
  }
  if (apiVersion !== PLUGIN_API_VERSION) {
    throw new PluginRefused(
      `it was written for plugin API ${apiVersion}; flink-doctor ${ctx.doctorVersion} speaks plugin API ${PLUGIN_API_VERSION}`,
      name,
    );
  }
  if (name === undefined) {
    throw new PluginRefused(`name must be lower-case letters, digits and dashes (such as "acme-policy"), not ${describe(plugin.name)}`);
  }
  if (plugin.version !== undefined && (typeof plugin.version !== 'string' || plugin.version === '')) {
    throw new PluginRefused(`version must be a non-empty string, not ${describe(plugin.version)}`, name);
  }
  return name;
}

function validateFacts(value: unknown, ctx: ValidationContext): Record<string, AnyFactGatherer> {
  if (value === undefined) return {};
  const facts = asRecord(value, 'facts', '{ myFact: { gather: async (ctx) => … } }');
  for (const [key, raw] of Object.entries(facts)) {
    if (!FACT_KEY.test(key)) throw new Error(`fact key "${key}" must be camelCase letters and digits (such as "platform")`);
    const gatherer = asRecord(raw, `fact "${key}"`, '{ gather: async (ctx) => … }');
    if (typeof gatherer.gather !== 'function') throw new Error(`fact "${key}" has no gather function`);
    const unknown = stringList(gatherer.needs ?? [], `fact "${key}" needs`).filter((need) => !ctx.builtInFactKeys.includes(need));
    if (unknown.length > 0) {
      const gathered = ctx.builtInFactKeys.join(', ');
      throw new Error(`fact "${key}" needs ${quoteList(unknown)}, which flink-doctor does not gather (it gathers ${gathered})`);
    }
    const { timeoutMs } = gatherer;
    if (timeoutMs !== undefined && (typeof timeoutMs !== 'number' || !(timeoutMs > 0) || timeoutMs > MAX_GATHER_MS)) {
      throw new Error(`fact "${key}" timeoutMs must be a number of milliseconds above 0 and at most ${MAX_GATHER_MS}`);
    }
  }
  return facts as Record<string, AnyFactGatherer>;
}

function validateChecks(value: unknown, name: string, ownFacts: readonly string[], ctx: ValidationContext): ValidPlugin['checks'] {
  if (!Array.isArray(value) || value.length === 0) throw new Error('checks must be a non-empty array of checks');
  const namespace = `${PLUGIN_ID_PREFIX}.${name}.`;
  const seen = new Set<string>();
  return value.map((raw: unknown, index) => {
    const check = asRecord(raw, `checks[${index}]`, '{ id, title, group, description, reads, needs, run }');
    const id = check.id;
    if (typeof id !== 'string' || id === '') throw new Error(`checks[${index}] has no id`);
    if (ctx.builtInCheckIds.includes(id)) {
      throw new Error(`check "${id}" takes a built-in check id; a plugin's check ids are ${namespace}<id>`);
    }
    if (!id.startsWith(namespace) || !CHECK_LOCAL_ID.test(id.slice(namespace.length))) {
      throw new Error(`check id "${id}" is not ${namespace}<id> (<id>: lower-case words joined by dots, such as "jar-mirror")`);
    }
    if (seen.has(id)) throw new Error(`check id "${id}" is used twice`);
    seen.add(id);
    for (const field of ['title', 'group', 'description'] as const) {
      if (typeof check[field] !== 'string' || check[field] === '') throw new Error(`check "${id}" needs a non-empty ${field}`);
    }
    stringList(check.reads, `check "${id}" reads`);
    const known = [...ctx.builtInFactKeys, ...ownFacts];
    const unknown = stringList(check.needs, `check "${id}" needs`).filter((need) => !known.includes(need));
    if (unknown.length > 0) throw new Error(`check "${id}" needs ${quoteList(unknown)}, which neither flink-doctor nor the plugin gathers`);
    if (typeof check.run !== 'function') throw new Error(`check "${id}" has no run function`);
    return check as unknown as PluginCheck<Record<string, unknown>, string>;
  });
}

function asRecord(value: unknown, what: string, shape: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PluginRefused(`${what} is not an object (${describe(value)}); expected ${shape}`);
  }
  return value as Record<string, unknown>;
}

function stringList(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw new Error(`${what} must be an array of strings`);
  return value;
}

function quoteList(items: readonly string[]): string {
  return items.map((item) => `"${item}"`).join(', ');
}

/** A short description of a value for a message: its type, and the value itself when it is short. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length <= 40 ? JSON.stringify(value) : 'a long string';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
