// Python's logical lines, found in one linear pass that honours the lexical grammar (strings with every prefix,
// triple quotes, escapes, f-string fields with nested quotes, comments, brackets, backslash continuations).
// They let the reader hand the parser only the statements that can matter: a 5,000-line job is mostly UDF
// bodies no need comes from, and the parser's cost (and its recursion on pathological nesting) is kept off them.
// The pass over the whole file stops only where the structure can change (quotes, brackets, '=', '#', line
// breaks) and collects no names: a job is read once per run, before the code is compiled, so each step costs
// much. The names a line uses are read again, from that line alone, only for the few lines selection asks about.

export interface LogicalLine {
  /** Offset of its first character (after the indentation) and one past its last. */
  start: number;
  end: number;
  /** Column of its first character. */
  indent: number;
  /** Its first name ('import', 'def', 'return', …), when it starts with one. */
  first?: string;
  /** Names assigned (`a = …`, `a += …`, `for a in`, `with … as a`, `def a`, `import … as a`): generous (an extra name only keeps more lines). */
  targets: readonly string[];
  /** It starts a block (ends with ':' after a compound keyword). */
  header?: string;
  /** A string in it looks like SQL DDL, a JAR, a JDBC URL, a .sql file or a pipeline key. */
  interesting: boolean;
  /** Deepest bracket nesting; past MAX_DEPTH the line is not handed to the parser. */
  depth: number;
  /** Offset of the first '=' outside brackets, when it is an assignment. */
  assignAt?: number;
  /** Names used in code (outside strings and comments), read by lineWords() when asked. */
  words?: string[];
}

const COMPOUND = new Set([
  'def',
  'class',
  'if',
  'elif',
  'else',
  'for',
  'while',
  'with',
  'try',
  'except',
  'finally',
  'async',
  'match',
  'case',
]);
/** The next character that matters in code / in a string: the regular-expression engine skips the rest natively. */
const CODE_MARK = /[\n#\\"'=()[\]{}]/g;
/** The same, and the start of each name, when a line's names are read. */
const WORD_MARK = /[\n#\\"'=()[\]{}A-Za-z_\u0080-\uffff]/g;
const STRING_MARK = /[\\\n"']/g;
const FSTRING_MARK = /[\\\n"'{]/g;
const WORD_TAIL = /[A-Za-z0-9_\u0080-\uffff]*/y;

/** Identifier characters by char code (a regular expression per character costs several times more). */
function isWordStart(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code >= 128;
}

function isWordChar(code: number): boolean {
  return isWordStart(code) || (code >= 48 && code <= 57);
}

/** The end of the identifier starting at `from`. */
function wordEnd(source: string, from: number): number {
  WORD_TAIL.lastIndex = from + 1;
  WORD_TAIL.test(source);
  return WORD_TAIL.lastIndex;
}

/** The offset of the next match of `mark` (one character) at or after `from`, or the end. test() allocates no match. */
function next(mark: RegExp, source: string, from: number): number {
  mark.lastIndex = from;
  return mark.test(source) ? mark.lastIndex - 1 : source.length;
}
const PREFIX = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/;
const NAME = /[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*/y;
const NAMES = /[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*/g;
/** Most lines bind no name: they share this empty list instead of an array each. */
const NO_TARGETS: readonly string[] = [];

interface Scan {
  source: string;
  i: number;
  line: LogicalLine;
  depth: number;
  /** Where the names of the line go, when they are read (lineWords); undefined in the pass over the file. */
  words: string[] | undefined;
}

export function logicalLines(source: string): LogicalLine[] {
  const lines: LogicalLine[] = [];
  const scan: Scan = { source, i: 0, line: newLine(0, 0), depth: 0, words: undefined };
  let atLineStart = true;
  while (scan.i < source.length) {
    if (atLineStart) {
      const indentEnd = skipIndent(source, scan.i);
      scan.i = indentEnd;
      const ch = source[scan.i];
      if (ch === undefined) break;
      if (ch === '\n' || ch === '\r' || ch === '#' || (ch === '\\' && source[scan.i + 1] === '\n')) {
        scan.i = ch === '#' ? lineEnd(source, scan.i) : scan.i + (ch === '\\' ? 2 : 1);
        continue;
      }
      scan.line = newLine(scan.i, column(source, scan.i));
      scan.depth = 0;
      atLineStart = false;
    }
    if (codeStep(scan)) {
      finish(scan, lines);
      atLineStart = true;
    }
  }
  if (!atLineStart) finish(scan, lines);
  return lines;
}

/** The names a line uses in code (f-string fields included; strings and comments not), read once and kept. */
export function lineWords(source: string, line: LogicalLine): string[] {
  if (line.words) return line.words;
  const words: string[] = [];
  const scan: Scan = { source, i: line.start, line: newLine(line.start, line.indent), depth: 0, words };
  while (scan.i < line.end && !codeStep(scan));
  line.words = words;
  return words;
}

/** One step in code; true when a logical line ends here. */
function codeStep(scan: Scan): boolean {
  const { source } = scan;
  scan.i = next(scan.words ? WORD_MARK : CODE_MARK, source, scan.i);
  if (scan.i >= source.length) return false;
  const ch = source[scan.i] as string;
  if (ch === '\n') {
    scan.i += 1;
    return scan.depth === 0;
  }
  if (ch === '#') scan.i = lineEnd(source, scan.i);
  else if (ch === '"' || ch === "'") scan.i = skipString(scan, scan.i, prefixBefore(source, scan.i));
  else if (isWordStart(source.charCodeAt(scan.i))) wordStep(scan);
  else if (ch === '\\') continuationStep(scan);
  else punctuationStep(scan, ch);
  return false;
}

/** The string prefix (r, b, f, rb, …) right before a quote, or '' (`xf"…"` is a name and a plain string). */
function prefixBefore(source: string, quote: number): string {
  let from = quote;
  while (from > quote - 3 && from > 0 && isWordChar(source.charCodeAt(from - 1))) from -= 1;
  if (from === quote || from === quote - 3) return '';
  const word = source.slice(from, quote);
  return PREFIX.test(word) ? word : '';
}

/** A name (reading a line's names): a string prefix is not one, its string is skipped at the quote. */
function wordStep(scan: Scan): void {
  const { source } = scan;
  const start = scan.i;
  scan.i = wordEnd(source, start);
  const next = source[scan.i];
  if ((next === '"' || next === "'") && prefixBefore(source, scan.i) !== '') return;
  scan.words?.push(source.slice(start, scan.i));
}

/** A backslash: before a line break it joins the next physical line to this logical line. */
function continuationStep(scan: Scan): void {
  const { source } = scan;
  const after = source[scan.i + 1];
  if (after === '\n') scan.i += 2;
  else if (after === '\r') scan.i += source[scan.i + 2] === '\n' ? 3 : 2;
  else scan.i += 1;
}

/** '=' (the first assignment outside brackets marks the targets) and brackets (the nesting depth). */
function punctuationStep(scan: Scan, ch: string): void {
  const { source } = scan;
  if (
    ch === '=' &&
    scan.depth === 0 &&
    scan.line.assignAt === undefined &&
    !'=!<>'.includes(source[scan.i - 1] ?? '') &&
    source[scan.i + 1] !== '='
  ) {
    scan.line.assignAt = scan.i;
  } else if (ch === '(' || ch === '[' || ch === '{') scan.line.depth = Math.max(scan.line.depth, (scan.depth += 1));
  else if (ch === ')' || ch === ']' || ch === '}') scan.depth = Math.max(0, scan.depth - 1);
  scan.i += 1;
}

/** Skips a string literal from its opening quote; returns the offset after it. f-string fields are scanned as code. */
function skipString(scan: Scan, at: number, prefix: string): number {
  const { source } = scan;
  const q = source[at] as string;
  const quote = source[at + 1] === q && source[at + 2] === q ? (q === '"' ? '"""' : "'''") : q;
  const format = prefix.includes('f') || prefix.includes('F');
  const mark = format ? FSTRING_MARK : STRING_MARK;
  let i = at + quote.length;
  while (i < source.length) {
    i = next(mark, source, i);
    const ch = source[i];
    if (ch === undefined) break;
    if (ch === '\\') i += 2;
    else if (source.startsWith(quote, i)) {
      i += quote.length;
      break;
    } else if (ch === '\n' && quote.length === 1)
      break; // unterminated: Python stops here too
    else if (format && ch === '{') i = source[i + 1] === '{' ? i + 2 : skipField(scan, i + 1);
    else i += 1;
  }
  if (!scan.line.interesting) scan.line.interesting = isInteresting(source.slice(at, Math.min(i, source.length)));
  return Math.min(i, source.length);
}

/** An f-string replacement field: code up to its closing brace, strings inside it included (Python 3.12). */
function skipField(scan: Scan, from: number): number {
  const { source } = scan;
  let depth = 0;
  let i = from;
  while (i < source.length) {
    const ch = source[i] as string;
    if (ch === '"' || ch === "'") i = skipString(scan, i, '');
    else if (ch === '{' || ch === '(' || ch === '[') {
      depth += 1;
      i += 1;
    } else if (ch === '}' || ch === ')' || ch === ']') {
      if (ch === '}' && depth === 0) return i + 1;
      depth = Math.max(0, depth - 1);
      i += 1;
    } else if (isWordStart(source.charCodeAt(i))) {
      const start = i;
      i = wordEnd(source, start);
      scan.words?.push(source.slice(start, i));
    } else i += 1;
  }
  return i;
}

const CREATE = /create/i;
const WITH = /with/gi;
const NAMES_A_FILE = /\.jar\b|jdbc:|\.sql\b|pipeline\.(jars|classpaths)|\badd\s+jar\b/i;

/** Case-insensitive searches on the literal itself: no lower-cased copy of every string in the file. */
function isInteresting(literal: string): boolean {
  const create = literal.search(CREATE);
  if (create >= 0) {
    WITH.lastIndex = create;
    if (WITH.test(literal)) return true;
  }
  return NAMES_A_FILE.test(literal);
}

function finish(scan: Scan, lines: LogicalLine[]): void {
  const { source, line } = scan;
  line.end = scan.i;
  const first = nameAt(source, line.start);
  if (first !== undefined) {
    line.first = first;
    if (COMPOUND.has(first) && /:\s*(#.*)?$/.test(source.slice(line.start, line.end).trimEnd())) {
      line.header = first === 'async' ? (nameAt(source, line.start + first.length) ?? first) : first;
    }
  }
  line.targets = targetsOf(source, line);
  lines.push(line);
}

/** The name at `offset` (after blanks), unless it is a string's prefix; undefined when none starts there. */
function nameAt(source: string, offset: number): string | undefined {
  const from = skipIndent(source, offset);
  NAME.lastIndex = from;
  if (!NAME.test(source)) return undefined;
  const after = source[NAME.lastIndex];
  const name = source.slice(from, NAME.lastIndex);
  return (after === '"' || after === "'") && PREFIX.test(name) ? undefined : name;
}

/** Names a statement binds: generous (an extra name only keeps more lines for the parser). */
function targetsOf(source: string, line: LogicalLine): readonly string[] {
  const { first } = line;
  if (first === 'def' || first === 'class') {
    const name = nameAt(source, line.start + first.length);
    return name === undefined ? NO_TARGETS : [name];
  }
  if (first === 'for') {
    const words = lineWords(source, line);
    return words.slice(1, Math.max(1, words.indexOf('in')));
  }
  if (first === 'import' || first === 'from') return lineWords(source, line);
  if (first === 'with') return lineWords(source, line).filter((_, k, words) => words[k - 1] === 'as');
  // Names written in a string before the '=' (d["k"] = …) count too: generous, and no second pass over the line.
  return line.assignAt !== undefined ? (source.slice(line.start, line.assignAt).match(NAMES) ?? NO_TARGETS) : NO_TARGETS;
}

function newLine(start: number, indent: number): LogicalLine {
  return { start, end: start, indent, targets: NO_TARGETS, interesting: false, depth: 0 };
}

function skipIndent(source: string, from: number): number {
  let i = from;
  while (source[i] === ' ' || source[i] === '\t' || source[i] === '\f') i += 1;
  return i;
}

function column(source: string, at: number): number {
  const start = source.lastIndexOf('\n', at - 1) + 1;
  let col = 0;
  for (let i = start; i < at; i += 1) col = source[i] === '\t' ? col + 8 - (col % 8) : col + 1;
  return col;
}

function lineEnd(source: string, from: number): number {
  const end = source.indexOf('\n', from);
  return end < 0 ? source.length : end;
}
