// The bundled compat-matrix.json for tests, validated once per worker. It is one object (openMatrix in
// src/knowledge/matrix.ts), so validating it again for every fact store or decision a test builds (hundreds of times
// a run) proved nothing new; test/knowledge/matrix.test.ts tests loadMatrix() and the validation themselves.
import { loadMatrix } from '../../src/knowledge/load-matrix.js';
import type { Matrix } from '../../src/knowledge/matrix.js';

let bundled: Matrix | undefined;

export function bundledMatrix(): Matrix {
  return (bundled ??= loadMatrix());
}
