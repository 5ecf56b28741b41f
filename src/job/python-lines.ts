// Python's logical lines, found in one linear pass that honours the lexical grammar (strings with every prefix,
// triple quotes, escapes, f-string fields with nested quotes, comments, brackets, backslash continuations).
// They let the reader hand the parser only the statements that can matter: a 5,000-line job is mostly UDF
// bodies no need comes from, and the parser's cost (and its recursion on pathological nesting) is kept off them.

export interface LogicalLine {
  /** Offset of its first character (after the indentation) and one past its last. */
  start: number;
  end: number;
  /** Column of its first character. */
  indent: number;
  /** Names used in code (outside strings and comments). */
  words: string[];
  /** Names assigned (`a = …`, `a += …`, `for a in`, `with … as a`, `def a`, `import … as a`). */
  targets: string[];
  /** It starts a block (ends with ':' after a compound keyword). */
  header?: string;
  /** A string in it looks like SQL DDL, a JAR, a JDBC URL, a .sql file or a pipeline key. */
  interesting: boolean;
  /** Deepest bracket nesting; past MAX_DEPTH the line is not handed to the parser. */
  depth: number;
  /** Words before the first '=' outside brackets (its targets), when it is an assignment. */
  assignAt?: number;
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
const CODE_MARK = /[\n#\\"'=()[\]{}A-Za-z_\u0080-\uffff]/g;
const STRING_MARK = /[\\\n"']/g;
const FSTRING_MARK = /[\\\n"'{]/g;
const WORD_TAIL = /[A-Za-z0-9_\u0080-\uffff]*/y;

/** Identifier characters by char code (a regular expression per character costs several times more). */
function isWordStart(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code >= 128;
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

interface Scan {
  source: string;
  i: number;
  line: LogicalLine;
  depth: number;
}

export function logicalLines(source: string): LogicalLine[] {
  const lines: LogicalLine[] = [];
  const scan: Scan = { source, i: 0, line: newLine(0, 0), depth: 0 };
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

/** One step in code; true when a logical line ends here. */
function codeStep(scan: Scan): boolean {
  const { source } = scan;
  scan.i = next(CODE_MARK, source, scan.i);
  if (scan.i >= source.length) return false;
  const ch = source[scan.i] as string;
  if (ch === '\n') {
    scan.i += 1;
    return scan.depth === 0;
  }
  if (ch === '#') scan.i = lineEnd(source, scan.i);
  else if (ch === '"' || ch === "'") scan.i = skipString(scan, scan.i, '');
  else if (isWordStart(source.charCodeAt(scan.i))) wordStep(scan);
  else if (ch === '\\') continuationStep(scan);
  else punctuationStep(scan, ch);
  return false;
}

/** A name, or the prefix of a string literal (r"…", b'…', f"…") whose string is skipped. */
function wordStep(scan: Scan): void {
  const { source } = scan;
  const start = scan.i;
  scan.i = wordEnd(source, start);
  const word = source.slice(start, scan.i);
  const next = source[scan.i];
  if ((next === '"' || next === "'") && PREFIX.test(word)) scan.i = skipString(scan, scan.i, word);
  else scan.line.words.push(word);
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
    scan.line.assignAt = scan.line.words.length;
  } else if (ch === '(' || ch === '[' || ch === '{') scan.line.depth = Math.max(scan.line.depth, (scan.depth += 1));
  else if (ch === ')' || ch === ']' || ch === '}') scan.depth = Math.max(0, scan.depth - 1);
  scan.i += 1;
}

/** Skips a string literal from its opening quote; returns the offset after it. f-string fields are scanned as code. */
function skipString(scan: Scan, at: number, prefix: string): number {
  const { source } = scan;
  const quote = source.startsWith(source[at]?.repeat(3) ?? '', at) ? (source[at] as string).repeat(3) : (source[at] as string);
  const format = /[fF]/.test(prefix);
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
      scan.line.words.push(source.slice(start, i));
    } else i += 1;
  }
  return i;
}

function isInteresting(literal: string): boolean {
  const lower = literal.toLowerCase();
  const create = lower.indexOf('create');
  return (create >= 0 && lower.includes('with', create)) || /\.jar\b|jdbc:|\.sql\b|pipeline\.(jars|classpaths)|\badd\s+jar\b/.test(lower);
}

function finish(scan: Scan, lines: LogicalLine[]): void {
  const line = scan.line;
  line.end = scan.i;
  const [first] = line.words;
  const code = scan.source.slice(line.start, line.end).trimEnd();
  if (first && COMPOUND.has(first) && /:\s*(#.*)?$/.test(code)) line.header = first === 'async' ? (line.words[1] ?? first) : first;
  line.targets = targetsOf(line);
  lines.push(line);
}

/** Names a statement binds: generous (an extra name only keeps more lines for the parser). */
function targetsOf(line: LogicalLine): string[] {
  const first = line.words[0];
  if (first === 'def' || first === 'class') return line.words.slice(1, 2);
  if (first === 'for') return line.words.slice(1, Math.max(1, line.words.indexOf('in')));
  if (first === 'import' || first === 'from') return line.words;
  if (first === 'with') return line.words.filter((_, k) => line.words[k - 1] === 'as');
  return line.assignAt !== undefined ? line.words.slice(0, line.assignAt) : [];
}

function newLine(start: number, indent: number): LogicalLine {
  return { start, end: start, indent, words: [], targets: [], interesting: false, depth: 0 };
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
