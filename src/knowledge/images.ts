// Knowledge about where Flink runs, from compat-matrix.json's flinkDocker and jvmOptions sections: the Java of an
// official image (its tag's variant, else the line's default), the python3 its Ubuntu base installs, and the
// --add-opens/--add-exports list the distribution's default config carries for Java 17+.
import type { Matrix, SourceRef } from './matrix.js';
import { minorOf } from './versions.js';

interface ImageLine {
  javaVariants: number[];
  defaultJava: number;
  ubuntu: string;
  confidence?: string;
  sources: SourceRef[];
}

interface FlinkDockerSection {
  lines: Record<string, ImageLine>;
  ubuntuPython3: Record<string, { version: string; sources: SourceRef[] }>;
}

interface JvmOptionsSection {
  java17Defaults: { lines: string[]; key: string; flags: string[]; sources: SourceRef[] }[];
  readOrder: SourceRef[];
}

export interface ImageJava {
  java: number;
  /** tag: named by the tag; default: the variant bare tags point to. */
  from: 'tag' | 'default';
  /** The line publishes this Java variant at all. */
  published: boolean;
  sources: string[];
}

function imageLine(matrix: Matrix, version: string): ImageLine | undefined {
  const minor = minorOf(version);
  return minor ? (matrix.doc.flinkDocker as FlinkDockerSection | undefined)?.lines[minor] : undefined;
}

/** The Java an official image of `flinkVersion` runs: the tag's -javaNN, else the line's default variant. */
export function imageJava(matrix: Matrix, flinkVersion: string, tagJava: number | undefined): ImageJava | undefined {
  const line = imageLine(matrix, flinkVersion);
  if (!line) return undefined;
  const java = tagJava ?? line.defaultJava;
  return {
    java,
    from: tagJava === undefined ? 'default' : 'tag',
    published: line.javaVariants.includes(java),
    sources: matrix.cite(line.sources),
  };
}

/** The python3 an official image's `apt-get install python3` gives (the Ubuntu release of its base image). */
export function imagePython3(matrix: Matrix, flinkVersion: string): { version: string; ubuntu: string; sources: string[] } | undefined {
  const line = imageLine(matrix, flinkVersion);
  const python = line ? (matrix.doc.flinkDocker as FlinkDockerSection).ubuntuPython3[line.ubuntu] : undefined;
  return line && python
    ? { version: python.version, ubuntu: line.ubuntu, sources: matrix.cite([...line.sources, ...python.sources]) }
    : undefined;
}

/** The flags the line's default config carries for Java 17+, or undefined for lines that ship none (≤ 1.17). */
export function java17Flags(matrix: Matrix, flinkVersion: string): { flags: string[]; key: string; sources: string[] } | undefined {
  const minor = minorOf(flinkVersion);
  const section = matrix.doc.jvmOptions as JvmOptionsSection | undefined;
  const entry = minor ? section?.java17Defaults.find((e) => e.lines.includes(minor)) : undefined;
  return entry
    ? { flags: entry.flags, key: entry.key, sources: matrix.cite([...entry.sources, ...(section?.readOrder ?? [])]) }
    : undefined;
}

/** The line's Java 17 flags that `options` lacks, with the key that carries them; undefined for lines without a list. */
export function missingFlagsOf(
  matrix: Matrix,
  flinkVersion: string,
  options: readonly string[],
): { flags: string[]; total: number; key: string; sources: string[] } | undefined {
  const required = java17Flags(matrix, flinkVersion);
  if (!required) return undefined;
  const present = new Set<string>();
  for (let i = 0; i < options.length; i++) {
    const option = options[i] ?? '';
    // "--add-opens X" (two words) is the same flag as "--add-opens=X".
    if ((option === '--add-opens' || option === '--add-exports') && options[i + 1]) present.add(`${option}=${options[++i]}`);
    else present.add(option);
  }
  return {
    flags: required.flags.filter((f) => !present.has(f)),
    total: required.flags.length,
    key: required.key,
    sources: required.sources,
  };
}
