// Which logical lines can contribute a need, and those lines alone (indentation kept) for the parser, with a
// map back to the source's offsets. A line matters when it calls something that names JARs, SQL, connectors or
// files, imports, or holds a DDL/JAR/JDBC string; then every line that assigns a name it uses, the returns of
// functions it calls, and the block headers around it (so the blanked source is still valid Python).
import { LIMITS } from '../engine/limits.js';
import { PYTHON_FUNCTION_METHODS } from './python-calls.js';
import { lineWords, type LogicalLine } from './python-lines.js';
import { lastAtOrBefore, lineBreaks, lineMapper } from '../util/text-lines.js';

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
  /** Offset in `text` → the source's line (1-based). */
  lineOf: (offset: number) => number;
  kept: number;
  /** Lines too deeply nested or too long to parse: their 1-based start offsets. */
  refused: LogicalLine[];
}

/**
 * `modules`: last names of the pyflink modules that hold connector classes (kafka, jdbc, catalog, …): a line
 * using one imported as a module (kafka.KafkaSink) may load a connector class.
 * Plain loops over the lines, no closure per line: this runs once per job, before any of it is compiled.
 */
export function selectLines(source: string, lines: readonly LogicalLine[], modules: ReadonlySet<string> = new Set()): Selection {
  const { kept, refused, parent, partner, returns, assigns, found } = indexLines(lines);

  const work: number[] = [];
  const keep = (i: number) => {
    if (i < 0 || kept[i] !== 0) return;
    kept[i] = KEPT;
    work.push(i);
  };
  const keepAll = (held: number | number[] | undefined) => {
    if (typeof held === 'number') keep(held);
    else if (held) for (const i of held) keep(i);
  };
  for (const i of seeds(source, lines, modules, found)) keep(i);
  const needed = new Set<string>();
  while (work.length > 0) {
    const i = work.pop() as number;
    keep(parent[i] as number);
    keep(partner[i] as number);
    for (const word of lineWords(source, lines[i] as LogicalLine)) {
      if (needed.has(word)) continue;
      needed.add(word);
      keepAll(assigns.get(word));
      keepAll(returns.get(word));
    }
  }
  return { ...compact(source, lines, kept), refused };
}

/** Marks of `kept`: not (yet) kept, kept, refused (too deep or too long to parse). */
const KEPT = 1;
const BLOCKED = 2;

/** Lines that can matter by themselves: `found` (imports, a DDL/JAR/JDBC string), a call or name of TRIGGERS, a connector module. */
function seeds(source: string, lines: readonly LogicalLine[], modules: ReadonlySet<string>, found: number[]): number[] {
  const imported = importedFromPyflink(source, lines, modules);
  const names = imported.size === 0 ? TRIGGERS : new Set([...TRIGGERS, ...imported]);
  for (const i of linesWith(source, lines, names === TRIGGERS ? TRIGGERS_PATTERN : wordsPattern(names))) {
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
  for (const i of linesWith(source, lines, IMPORT_PATTERN)) {
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

/** Compiled once: most jobs import no connector module by name, and their seeds are found with this one. */
const TRIGGERS_PATTERN = wordsPattern(TRIGGERS);
const IMPORT_PATTERN = wordsPattern(new Set(['import']));

/**
 * The lines in which `pattern` (global) matches, each once, in order: the regular-expression engine finds the few
 * candidates in the whole file natively; a match in a string or a comment is weeded out by the caller (lineWords).
 */
function linesWith(source: string, lines: readonly LogicalLine[], pattern: RegExp): number[] {
  const found: number[] = [];
  let line = 0;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    line = lineAtOrAfter(lines, match.index, line);
    const candidate = lines[line];
    if (!candidate) break;
    if (candidate.start <= match.index && match.index < candidate.end) {
      if (found[found.length - 1] !== line) found.push(line);
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

/**
 * What selection needs of every line, in one pass: the refused ones (marked BLOCKED in `kept`), each line's enclosing block
 * header and the header a continuation (else, except) belongs to (-1 for none), the lines that assign each name, the
 * return statements by function name, and the lines that matter by themselves (imports, a DDL/JAR/JDBC string).
 */
function indexLines(lines: readonly LogicalLine[]) {
  const kept = new Uint8Array(lines.length);
  const refused: LogicalLine[] = [];
  const parent = new Int32Array(lines.length).fill(-1);
  const partner = new Int32Array(lines.length).fill(-1);
  const returns = new Map<string, number | number[]>();
  const assigns = new Map<string, number | number[]>();
  const found: number[] = [];
  const open: number[] = [];
  /** The last line seen at each indentation (an array: indentations are small numbers, a Map costs more). */
  const lastAtIndent: number[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] as LogicalLine;
    if (line.depth > MAX_DEPTH || line.end - line.start > MAX_LINE_CHARS) {
      refused.push(line);
      kept[i] = BLOCKED;
    }
    while (open.length > 0 && (lines[open[open.length - 1] as number] as LogicalLine).indent >= line.indent) open.pop();
    if (open.length > 0) parent[i] = open[open.length - 1] as number;
    if (line.header !== undefined && CONTINUATIONS.has(line.header)) partner[i] = lastAtIndent[line.indent] ?? -1;
    lastAtIndent[line.indent] = i;
    if (line.first === 'return') {
      const name = enclosingDef(lines, open);
      if (name) push(returns, name, i);
    }
    if (line.header !== undefined) open.push(i);
    // Indexed: for…of makes an iterator per line on a VM that has not compiled this yet.
    const { targets } = line;
    for (let k = 0; k < targets.length; k += 1) push(assigns, targets[k] as string, i);
    if (line.interesting || line.first === 'import' || line.first === 'from') found.push(i);
  }
  return { kept, refused, parent, partner, returns, assigns, found };
}

/** The name of the innermost function among the open block headers. */
function enclosingDef(lines: readonly LogicalLine[], open: readonly number[]): string | undefined {
  for (let k = open.length - 1; k >= 0; k -= 1) {
    const header = lines[open[k] as number] as LogicalLine;
    if (header.header === 'def') return header.targets[0];
  }
  return undefined;
}

/**
 * The kept lines from the start of their first physical line (indentation included), and the map of lines: each
 * piece's first line is counted on from the piece before (no array of the file's line starts).
 */
function compact(source: string, lines: readonly LogicalLine[], kept: Uint8Array): Omit<Selection, 'refused'> {
  const parts: string[] = [];
  /** Where each kept piece starts in the text, and the source line it starts on. */
  const at: number[] = [];
  const firstLine: number[] = [];
  let length = 0;
  let line = 1;
  let counted = 0;
  for (let i = 0; i < lines.length; i += 1) {
    if (kept[i] !== KEPT) continue;
    const { start: first, end } = lines[i] as LogicalLine;
    const start = source.lastIndexOf('\n', first - 1) + 1;
    line += lineBreaks(source, counted, start);
    counted = start;
    let piece = source.slice(start, end);
    if (!piece.endsWith('\n')) piece += '\n';
    at.push(length);
    firstLine.push(line);
    parts.push(piece);
    length += piece.length;
  }
  // A piece is the source's text as is: a line further into it is as many lines further in the source.
  const text = parts.join('');
  const textLine = lineMapper(text);
  const lineOf = (offset: number): number => {
    const k = lastAtOrBefore(at, offset);
    return k < 0 ? 1 : (firstLine[k] as number) + textLine(offset) - textLine(at[k] as number);
  };
  return { text, lineOf, kept: at.length };
}

/** Most names are assigned once: one number, an array only for the others (fewer allocations on big files). */
function push(map: Map<string, number | number[]>, key: string, value: number): void {
  const held = map.get(key);
  if (held === undefined) map.set(key, value);
  else if (typeof held === 'number') map.set(key, [held, value]);
  else held.push(value);
}
