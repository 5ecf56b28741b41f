// The --job file, read as text (never run): the JARs it adds and the identifiers its SQL uses.

export type JobJarKind = 'add_jars' | 'add_classpaths' | 'pipeline.jars' | 'pipeline.classpaths';

export interface JobJarReference {
  kind: JobJarKind;
  /** One URL or path as written (after splitting a ';'-joined literal). */
  value: string;
  line: number;
}

export interface JobPipelineSetting {
  key: 'pipeline.jars' | 'pipeline.classpaths';
  /** The literal value, when the argument is one string literal. */
  value: string;
  line: number;
}

export interface JobIdentifier {
  identifier: string;
  /** connector, format (also key.format / value.format) or catalog (CREATE CATALOG … 'type'). */
  role: 'connector' | 'format' | 'catalog';
  line: number;
}

export interface ParsedJob {
  jars: JobJarReference[];
  settings: JobPipelineSetting[];
  identifiers: JobIdentifier[];
  /** Calls whose arguments are not plain literals (f-strings, os.path.join, variables). */
  unresolved: { line: number; text: string }[];
}

export interface JobFact {
  /** Absolute path of --job, absent when no job was given. */
  file?: string;
  parsed?: ParsedJob;
  problem?: string;
}
