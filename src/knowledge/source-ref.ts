// How every fact of compat-matrix.json says where it comes from; shared by the matrix and connector sections.

export type Confidence = 'confirmed' | 'inferred' | 'unconfirmed';

export interface SourceRef {
  ref: string;
  url?: string;
  path?: string;
  note?: string;
}
