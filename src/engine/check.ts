// The one interface every check implements. A check is a pure decision: it names the facts it needs,
// the engine gathers them (each probe once, concurrently), and `run` turns them into an Outcome.
// Generic over the facts type `F`: the engine knows no probe; flink-doctor's own checks bind `F` to
// src/facts (checks/define.ts).
import type { Matrix } from '../knowledge/matrix.js';
import type { CheckOrigin, Outcome } from './model.js';

export interface CheckContext {
  matrix: Matrix;
  strict: boolean;
}

export interface Check<F, K extends keyof F = keyof F> {
  /** Public contract: never rename (CI pipelines filter on it). */
  id: string;
  title: string;
  /** Heading the human report groups it under: "Java", "Python", "PyFlink", "Flink", "JARs", … */
  group: string;
  /** What it decides, in a sentence or two of Markdown: the README's check table and --list-checks show it. */
  description: string;
  /** What it reads, for --list-checks: files, variables, processes. */
  reads: string[];
  needs: readonly K[];
  /** Where the check comes from, when a plugin added it (built-in checks leave it out). */
  origin?: CheckOrigin;
  run(facts: Pick<F, K>, ctx: CheckContext): Outcome;
}
