// What every probe is given: the run's options, the knowledge, and the fact store to ask for other facts.
import type { Options } from '../engine/options.js';
import type { FactKey, Facts } from '../facts/index.js';
import type { Matrix } from '../knowledge/matrix.js';

export interface ProbeContext {
  options: Options;
  matrix: Matrix;
  get: <K extends FactKey>(key: K) => Promise<Facts[K]>;
}
