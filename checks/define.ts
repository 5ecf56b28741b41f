// flink-doctor's checks: the engine's generic Check bound to the facts the doctor's probes gather.
import type { Check as EngineCheck } from '../src/engine/check.js';
import type { FactKey, Facts } from '../src/facts/index.js';

export type { CheckContext } from '../src/engine/check.js';

export type Check<K extends FactKey = FactKey> = EngineCheck<Facts, K>;

/** Identity function that lets TypeScript infer `K` from `needs`, so `run` sees exactly those facts. */
export function defineCheck<K extends FactKey>(check: Check<K>): Check<K> {
  return check;
}
