// Turns a validated plugin into what the engine runs: checks with namespaced fact keys and an origin, and
// one probe per plugin fact with its own time limit. A plugin sees copies of the facts (it cannot change
// what a built-in check reads), and what its check returns is checked like its exports were.
import type { Check } from '../engine/check.js';
import type { ProbeMap } from '../engine/facts.js';
import type { CheckOrigin, Outcome, Status } from '../engine/model.js';
import { within } from '../engine/run.js';
import type { Facts } from '../facts/index.js';
import { PLUGIN_ID_PREFIX } from './spec.js';
import { DEFAULT_GATHER_MS, describe, type ValidPlugin } from './validate.js';

/** Plugin facts sit in the one fact store under "plugin.<name>.<key>", apart from the built-in keys. */
export type PluginFactKey = `${typeof PLUGIN_ID_PREFIX}.${string}`;
export type HostFacts = Facts & Record<PluginFactKey, unknown>;
export type HostCheck = Check<HostFacts>;
export type PluginProbes = Partial<ProbeMap<HostFacts>>;

/** What a fact gatherer is told about the run. */
export interface RunInfo {
  cwd: string;
  env: Record<string, string | undefined>;
  offline: boolean;
  configFile?: string;
}

export function adaptPlugin(plugin: ValidPlugin, spec: string, run: RunInfo): { checks: HostCheck[]; probes: PluginProbes } {
  const origin: CheckOrigin = { plugin: plugin.name, ...(plugin.version ? { version: plugin.version } : {}), spec };
  const own = new Set(Object.keys(plugin.facts));
  const storeKey = (key: string): keyof HostFacts => (own.has(key) ? `${PLUGIN_ID_PREFIX}.${plugin.name}.${key}` : (key as keyof Facts));
  const checks = plugin.checks.map((check): HostCheck => ({
    id: check.id,
    title: check.title,
    group: check.group,
    description: check.description,
    reads: [...check.reads],
    needs: check.needs.map(storeKey),
    origin,
    run(facts, ctx) {
      const store = facts as Record<keyof HostFacts, unknown>;
      // Its own facts (which shadow flink-doctor's of the same key) as they are; flink-doctor's as a copy.
      const value = (key: string) => (own.has(key) ? store[storeKey(key)] : structuredClone(store[storeKey(key)]));
      const local = Object.fromEntries(check.needs.map((key) => [key, value(key)]));
      return checkedOutcome(check.run(local, { strict: ctx.strict }));
    },
  }));
  const probes: PluginProbes = {};
  for (const [key, gatherer] of Object.entries(plugin.facts)) {
    probes[storeKey(key) as PluginFactKey] = async (get) => {
      const facts: Partial<Facts> = {};
      for (const need of gatherer.needs ?? []) Object.assign(facts, { [need]: structuredClone(await get(need)) });
      const limit = gatherer.timeoutMs ?? DEFAULT_GATHER_MS;
      const controller = new AbortController();
      const context = { facts: facts as Facts, ...run, signal: controller.signal };
      const work = Promise.resolve().then(() => gatherer.gather(context));
      // Past its limit the gatherer is abandoned: its signal tells it to stop, the checks needing it get an error.
      return within(work, limit, `no answer within ${formatMs(limit)} (the gatherer's time limit)`).catch((error: unknown) => {
        controller.abort();
        throw error;
      });
    };
  }
  return { checks, probes };
}

/** A plugin that could not be loaded or was refused: an `error` result of its own, under its name. */
export function refusedPluginCheck(name: string, spec: string, reason: string, fix: string): HostCheck {
  return {
    id: `${PLUGIN_ID_PREFIX}.${name}`,
    title: `Plugin ${name}`,
    group: 'Plugins',
    description: `Loads the plugin ${spec}.`,
    reads: [spec],
    needs: [],
    origin: { plugin: name, spec },
    run: () => {
      const which = spec === name ? name : `${name} (${spec})`;
      return { status: 'error', summary: `plugin ${which} was not loaded: ${reason}`, fix, facts: { spec } };
    },
  };
}

const STATUSES: readonly Status[] = ['ok', 'warning', 'error', 'skipped'];

/** What a plugin check returned, as an Outcome the reporters can trust; anything else throws (an `error` result). */
export function checkedOutcome(value: unknown): Outcome {
  if (value instanceof Promise || typeof (value as { then?: unknown } | null)?.then === 'function') {
    throw new Error('run returned a Promise: checks are synchronous (do asynchronous work in a fact gatherer)');
  }
  if (typeof value !== 'object' || value === null) throw new Error(`run returned ${describe(value)}, not an outcome { status, summary }`);
  const outcome = value as Record<string, unknown>;
  const bad = (field: string, expected: string): never => {
    throw new Error(`run returned an outcome whose ${field} is ${describe(outcome[field])}, not ${expected}`);
  };
  if (!STATUSES.includes(outcome.status as Status)) bad('status', STATUSES.join(', '));
  if (typeof outcome.summary !== 'string' || outcome.summary === '') bad('summary', 'a non-empty string');
  for (const field of ['details', 'sources']) {
    if (outcome[field] !== undefined && !isStringList(outcome[field])) bad(field, 'an array of strings');
  }
  if (outcome.fix !== undefined && outcome.fix !== null && typeof outcome.fix !== 'string') bad('fix', 'a string or null');
  if (outcome.facts !== undefined && !isFactsRecord(outcome.facts)) bad('facts', 'an object of strings, numbers, booleans or null');
  if (outcome.locations !== undefined && !isLocationList(outcome.locations)) bad('locations', 'an array of { path, line? }');
  const { status, summary, details, fix, facts, locations, sources } = outcome as unknown as Outcome;
  return { status, summary, details, fix, facts, locations, sources };
}

function isStringList(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isFactsRecord(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v));
}

function isLocationList(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  return value.every((l: { path?: unknown; line?: unknown } | null) => {
    if (typeof l !== 'object' || l === null || typeof l.path !== 'string') return false;
    return l.line === undefined || (typeof l.line === 'number' && Number.isInteger(l.line) && l.line >= 1);
  });
}

function formatMs(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
