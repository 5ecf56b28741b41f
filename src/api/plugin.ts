// The plugin contract: what a plugin module exports and what flink-doctor gives it. Types and identity
// functions only: a plugin imports this at run time (through the package's `exports`), so it must stay pure.
// Versioned: docs/plugins.md says what may change within PLUGIN_API_VERSION 1 (additions only).
import type { CheckInfo, Outcome } from '../engine/model.js';
import type { FactKey, Facts } from '../facts/index.js';

/** The plugin API this flink-doctor speaks. A plugin declares the one it was written for; another major is refused. */
export const PLUGIN_API_VERSION = 1;

/** What a plugin check is told besides its facts. */
export interface PluginCheckContext {
  /** --strict: warnings fail the run. */
  strict: boolean;
}

/**
 * A plugin's check: a synchronous, pure function of the facts it names in `needs`; its id is
 * `plugin.<plugin name>.<your id>`, e.g. "plugin.acme-policy.jar-mirror".
 * `F` is every fact it may ask for: flink-doctor's (`Facts`) plus its plugin's own (see `PluginFacts`).
 */
export interface PluginCheck<F = Facts, K extends keyof F = keyof F> extends CheckInfo {
  needs: readonly K[];
  run(facts: Pick<F, K>, ctx: PluginCheckContext): Outcome;
}

/** What a fact gatherer is given. */
export interface GatherContext<K extends FactKey = never> {
  /** The flink-doctor facts named in the gatherer's `needs`, already gathered. */
  facts: Pick<Facts, K>;
  /** The run's working directory and environment (use these, not process.cwd() / process.env). */
  cwd: string;
  env: Record<string, string | undefined>;
  /** The flink-doctor config file of this run, when there is one. */
  configFile?: string;
  /** --offline: do not use the network. */
  offline: boolean;
  /** Aborted when the time limit passes: hand it to fetch() or child processes so they stop too. */
  signal: AbortSignal;
}

/** Gathers one fact of a plugin: asynchronous, bounded by `timeoutMs`, may read flink-doctor's facts. */
export interface FactGatherer<T = unknown, K extends FactKey = FactKey> {
  /** flink-doctor facts it reads (e.g. ["jars", "target"]); gathered before it starts. */
  needs?: readonly K[];
  /** Its own time limit, from when its needs are ready: default 10 000 ms, at most 120 000 ms. */
  timeoutMs?: number;
  /** Plain data (JSON-friendly): the value the plugin's checks receive under this fact's key. */
  gather(ctx: GatherContext<K>): T | Promise<T>;
}

/** The facts a plugin's gatherers provide, by key: `{ platform: FactGatherer<Platform> }` → `{ platform: Platform }`. */
export type GatheredFacts<G> = { [P in keyof G]: G[P] extends { gather(ctx: never): infer T } ? Awaited<T> : never };

/** What a plugin's checks may read: flink-doctor's facts, and its own (which shadow flink-doctor's of the same key). */
export type PluginFacts<G> = Omit<Facts, keyof G> & GatheredFacts<G>;

/** Any gatherer, whatever it gathers and reads. */
export type AnyFactGatherer = FactGatherer<unknown, FactKey>;

/** A plugin module's default export. */
export interface Plugin<G extends Record<string, AnyFactGatherer> = Record<never, never>> {
  /** The plugin API it was written for: write the number (1), do not import PLUGIN_API_VERSION. */
  apiVersion: typeof PLUGIN_API_VERSION;
  /** Lower-case letters, digits and dashes: the namespace of its check ids (plugin.<name>.*). */
  name: string;
  /** Shown by --list-checks and in the report's `origin`. */
  version?: string;
  /**
   * Its own facts, by key (camelCase). For the plugin's own checks a key of its own shadows a flink-doctor
   * fact of the same name, so a fact flink-doctor adds later never changes what a plugin reads.
   */
  facts?: G;
  checks: readonly PluginCheck<PluginFacts<NoInfer<G>>>[];
}

/** Lets TypeScript infer `K` from `needs`, so `run` sees exactly the facts it named. */
export function defineCheck<K extends FactKey>(check: PluginCheck<Facts, K>): PluginCheck<Facts, K> {
  return check;
}

/** Lets TypeScript infer the fact's type from `gather` and `K` from `needs`. */
export function defineFactGatherer<T, K extends FactKey = never>(gatherer: FactGatherer<T, K>): FactGatherer<T, K> {
  return gatherer;
}

/** Types a plugin: its checks see flink-doctor's facts and the ones its own gatherers provide. */
export function definePlugin<G extends Record<string, AnyFactGatherer> = Record<never, never>>(plugin: Plugin<G>): Plugin<G> {
  return plugin;
}
