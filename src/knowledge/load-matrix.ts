// Load and validate the matrix in one synchronous step, for code that is not on the CLI's start-up path
// (tests, scripts). The CLI opens the matrix first and validates it once its probes are running.
import { markValid, matrixOf, type Matrix } from './matrix.js';
import { validateMatrixDocument } from './matrix-validator.generated.js';

export function loadMatrix(doc?: unknown): Matrix {
  const matrix = doc === undefined ? matrixOf() : matrixOf(doc);
  return markValid(matrix, validateMatrixDocument(matrix.doc));
}
