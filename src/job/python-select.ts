// Which logical lines can contribute a need, and those lines alone (indentation kept) for the parser, with a
// map back to the source's offsets. A line matters when it calls something that names JARs, SQL, connectors or
// files, imports, or holds a DDL/JAR/JDBC string; then every line that assigns a name it uses, the returns of
// functions it calls, and the block headers around it (so the blanked source is still valid Python).
import { LIMITS } from '../engine/limits.js';
import { PYTHON_FUNCTION_METHODS } from './python-calls.js';
import { lineWords, type LogicalLine } from './python-lines.js';

/** Names whose presence makes a line worth parsing. */
const TRIGGERS = new Set([
  'add_jars',
  'add_classpaths',
  'set',
  'set_string',
  'execute_sql',
  'sql_query',
  'sql_update',
  'add_insert_sql',
  'explain_sql',
  'for_connector',
  'for_format',
  'option',
  'format',
  'open',
  'Path',
  'read',
  'read_text',
  'readlines',
  'with_url',
  'with_driver_name',
  'JdbcCatalog',
  'HiveCatalog',
  'register_catalog',
  'create_temporary_table',
  'create_table',
  'join',
  'joinpath',
  'as_uri',
  'set_python_executable',
  'add_python_file',
  'add_python_archive',
  'set_python_requirements',
  ...PYTHON_FUNCTION_METHODS,
]);

/** Headers that continue the statement of the header before them at the same indentation. */
const CONTINUATIONS = new Set(['elif', 'else', 'except', 'finally']);

/** Past these a line is not handed to the parser (its recursion, its time): reported instead. */
export const MAX_DEPTH = LIMITS.jobStatementDepth;
export const MAX_LINE_CHARS = LIMITS.jobStatementChars;

export interface Selection {
  /** The lines that can matter, each whole with its indentation, in source order. */
  text: string;
  /** Offset in `text` → offset in the source. */
  toSource: (offset: number) => number;
  kept: number;
  /** Lines too deeply nested or too long to parse: their 1-based start offsets. */
  refused: LogicalLine[];
}

/**
 * `modules`: last names of the pyflink modules that hold connector classes (kafka, jdbc, catalog, …): a line
 * using one imported as a module (kafka.KafkaSink) may load a connector class.
 */
export function selectLines(source: string, lines: readonly LogicalLine[], modules: ReadonlySet<string> = new Set()): Selection {
  const refused = lines.filter((l) => l.depth > MAX_DEPTH || l.end - l.start > MAX_LINE_CHARS);
  const blocked = new Set(refused);
  const { parent, partner, returns } = structure(lines);
  const assigns = new Map<string, number | number[]>();
  lines.forEach((line, i) => line.targets.forEach((name) => push(assigns, name, i)));

  const kept = new Array<boolean>(lines.length).fill(false);
  const needed = new Set<string>();
  const work: number[] = [];
  const keep = (i: number | undefined) => {
    if (i === undefined || kept[i] || blocked.has(lines[i] as LogicalLine)) return;
    kept[i] = true;
    work.push(i);
  };
  for (const i of seeds(source, lines, modules)) keep(i);
  while (work.length > 0) {
    const i = work.pop() as number;
    keep(parent[i]);
    keep(partner[i]);
    for (const word of lineWords(source, lines[i] as LogicalLine)) {
      if (needed.has(word)) continue;
      needed.add(word);
      for (const j of indices(assigns.get(word))) keep(j);
      for (const j of indices(returns.get(word))) keep(j);
    }
  }
  return { ...compact(source, lines, kept), kept: kept.filter(Boolean).length, refused };
}

/** Lines that can matter by themselves: imports, a DDL/JAR/JDBC string, a call or name of TRIGGERS, a connector module. */
function seeds(source: string, lines: readonly LogicalLine[], modules: ReadonlySet<string>): number[] {
  const found: number[] = [];
  lines.forEach((line, i) => {
    if (line.interesting || line.first === 'import' || line.first === 'from') found.push(i);
  });
  const names = new Set([...TRIGGERS, ...importedFromPyflink(source, lines, modules)]);
  for (const i of linesWith(source, lines, wordsPattern(names))) {
    if (lineWords(source, lines[i] as LogicalLine).some((word) => names.has(word))) found.push(i);
  }
  return found;
}

/**
 * Names bound to connector modules by imports from pyflink (`from pyflink.datastream.connectors import kafka`,
 * `import pyflink.datastream.connectors.pulsar as pulsar`). Imported classes need no such line: the import
 * itself is the need, and DataTypes or udf would keep half a job's lines for nothing.
 */
function importedFromPyflink(source: string, lines: readonly LogicalLine[], modules: ReadonlySet<string>): Set<string> {
  const names = new Set<string>();
  for (const i of linesWith(source, lines, wordsPattern(new Set(['import'])))) {
    const words = lineWords(source, lines[i] as LogicalLine);
    const at = words.indexOf('import');
    if (at < 0 || !words.includes('pyflink')) continue;
    const bound = words.slice(at + 1);
    bound.forEach((word, k) => {
      // `import a.b.kafka as k` binds k to kafka: the alias counts when the module does.
      if (modules.has(word)) names.add(bound[k + 1] === 'as' ? (bound[k + 2] ?? word) : word);
    });
  }
  return names;
}

/** Any of these names, as a whole word (names are identifiers: nothing to escape; \\b would not see non-ASCII ones). */
function wordsPattern(names: ReadonlySet<string>): RegExp {
  return new RegExp(`(?<![\\w\\u0080-\\uffff])(?:${[...names].join('|')})(?![\\w\\u0080-\\uffff])`, 'g');
}

/**
 * The lines in which `pattern` (global) matches, each once, in order: the regular-expression engine finds the few
 * candidates in the whole file natively; a match in a string or a comment is weeded out by the caller (lineWords).
 */
function linesWith(source: string, lines: readonly LogicalLine[], pattern: RegExp): number[] {
  const found: number[] = [];
  let line = 0;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    line = lineAtOrAfter(lines, match.index, line);
    const candidate = lines[line];
    if (!candidate) break;
    if (candidate.start <= match.index && match.index < candidate.end) {
      if (found.at(-1) !== line) found.push(line);
      pattern.lastIndex = Math.max(pattern.lastIndex, candidate.end);
    } else pattern.lastIndex = Math.max(pattern.lastIndex, candidate.start);
  }
  return found;
}

/** The first line from `from` on that ends after `offset` (the lines are in order; matches come in order). */
function lineAtOrAfter(lines: readonly LogicalLine[], offset: number, from: number): number {
  let lo = from;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((lines[mid] as LogicalLine).end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** For each line: its enclosing block header, the header a continuation (else, except) belongs to, and returns by function. */
function structure(lines: readonly LogicalLine[]): {
  parent: (number | undefined)[];
  partner: (number | undefined)[];
  returns: Map<string, number | number[]>;
} {
  const parent: (number | undefined)[] = [];
  const partner: (number | undefined)[] = [];
  const returns = new Map<string, number | number[]>();
  const open: number[] = [];
  const lastAtIndent = new Map<number, number>();
  lines.forEach((line, i) => {
    while (open.length > 0 && (lines[open[open.length - 1] as number] as LogicalLine).indent >= line.indent) open.pop();
    parent[i] = open[open.length - 1];
    if (line.header && CONTINUATIONS.has(line.header)) partner[i] = lastAtIndent.get(line.indent);
    lastAtIndent.set(line.indent, i);
    if (line.first === 'return') {
      const def = open.findLast((h) => (lines[h] as LogicalLine).header === 'def');
      const name = def === undefined ? undefined : (lines[def] as LogicalLine).targets[0];
      if (name) push(returns, name, i);
    }
    if (line.header) open.push(i);
  });
  return { parent, partner, returns };
}

/** The kept lines from the start of their first physical line (indentation included), and the offset map. */
function compact(source: string, lines: readonly LogicalLine[], kept: readonly boolean[]): Pick<Selection, 'text' | 'toSource'> {
  const parts: string[] = [];
  const segments: { at: number; from: number }[] = [];
  let length = 0;
  lines.forEach((line, i) => {
    if (!kept[i]) return;
    const from = source.lastIndexOf('\n', line.start - 1) + 1;
    let piece = source.slice(from, line.end);
    if (!piece.endsWith('\n')) piece += '\n';
    segments.push({ at: length, from });
    parts.push(piece);
    length += piece.length;
  });
  const toSource = (offset: number): number => {
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((segments[mid]?.at ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    const segment = segments[lo];
    return segment ? segment.from + offset - segment.at : offset;
  };
  return { text: parts.join(''), toSource };
}

/** Most names are assigned once: one number, an array only for the others (fewer allocations on big files). */
function push(map: Map<string, number | number[]>, key: string, value: number): void {
  const held = map.get(key);
  if (held === undefined) map.set(key, value);
  else if (typeof held === 'number') map.set(key, [held, value]);
  else held.push(value);
}

function indices(held: number | number[] | undefined): number[] {
  return held === undefined ? [] : typeof held === 'number' ? [held] : held;
}
