// The one interface every check implements. A check is a pure decision: it names the facts it needs,
// the engine gathers them (each probe once, concurrently), and `run` turns them into an Outcome.
import type { Matrix } from '../knowledge/matrix.js';
import type { FactKey, Facts } from '../probes/registry.js';
import type { Outcome } from './model.js';

export interface CheckContext {
  matrix: Matrix;
  strict: boolean;
}

export interface Check<K extends FactKey = FactKey> {
  /** Public contract: never rename (CI pipelines filter on it). */
  id: string;
  title: string;
  /** Heading the human report groups it under: "Java", "Python", "PyFlink", "Flink", "JARs", … */
  group: string;
  /** What it reads, for --list-checks: files, variables, processes. */
  reads: string[];
  needs: readonly K[];
  run(facts: Pick<Facts, K>, ctx: CheckContext): Outcome;
}

/** Identity function that lets TypeScript infer `K` from `needs`, so `run` sees exactly those facts. */
export function defineCheck<K extends FactKey>(check: Check<K>): Check<K> {
  return check;
}
