// A matrix document checked against schemas/compat-matrix.schema.json, for code off the CLI's path (tests,
// scripts) and for any document that is not the bundled one; the CLI uses the bundled matrix, which the build
// has validated (openMatrix in matrix.ts).
import { Matrix, openMatrix, type MatrixDocument } from './matrix.js';
import { validateMatrixDocument } from './matrix-validator.generated.js';

/** The bundled matrix, or `doc`, validated: throws with every problem. */
export function loadMatrix(doc?: unknown): Matrix {
  const matrix = doc === undefined ? openMatrix() : new Matrix(doc as MatrixDocument);
  const errors = validateMatrixDocument(matrix.doc);
  if (errors.length > 0) throw new Error(`compat-matrix.json is invalid: ${errors.join('; ')}`);
  return matrix;
}
