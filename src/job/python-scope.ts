// What the call table (python-calls.ts) needs from the statement walker (python-reader.ts), so the two
// modules do not import each other: names in scope, and the reader's services.
import type { NeedsCollector } from './collect.js';
import type { PyNode } from './python-syntax.js';
import type { Param, StrValue, Value } from './python-values.js';

export class Scope {
  readonly vars = new Map<string, Value>();
  /** Values the function's return statements give. */
  readonly returns: Value[] = [];
  constructor(readonly parent?: Scope) {}

  lookup(name: string): Value | undefined {
    return this.vars.get(name) ?? this.parent?.lookup(name);
  }
}

export interface Reader {
  readonly source: string;
  readonly file: string;
  readonly collect: NeedsCollector;
  /** SQL files the job reads at run time from a known path, for the probe to read. */
  readonly sqlFiles: { path: string; line: number }[];
  text(node: PyNode): string;
  lineOf(offset: number): number;
  evaluate(node: PyNode, scope: Scope): Value;
  /** Reads a string value as SQL (once per literal it came from). */
  sql(value: StrValue): void;
  /** What calling a function of the job gives: the values its return statements give. */
  returnsOf(name: string): Value | undefined;
  /** SQL a function runs from one of its parameters: read at the call sites that pass it. */
  sqlFromParam(param: Param, place: { line: number; expression: string }): void;
  /** A call of a job's function with these arguments: reads the SQL its parameters carry. */
  called(name: string, args: { positional: Value[]; keywords: Map<string, Value> }): void;
}
