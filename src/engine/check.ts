// The one interface every check implements. A check is a pure decision: it names the facts it needs,
// the engine gathers them (each probe once, concurrently), and `run` turns them into an Outcome.
// Generic over the facts type `F`: the engine knows no probe; flink-doctor's own checks bind `F` to
// src/facts (checks/define.ts).
import type { Matrix } from '../knowledge/matrix.js';
import type { CheckInfo, CheckOrigin, Outcome } from './model.js';

export interface CheckContext {
  matrix: Matrix;
  strict: boolean;
}

export interface Check<F, K extends keyof F = keyof F> extends CheckInfo {
  needs: readonly K[];
  /** Where the check comes from, when a plugin added it (built-in checks leave it out). */
  origin?: CheckOrigin;
  run(facts: Pick<F, K>, ctx: CheckContext): Outcome;
}
