// Python's logical lines, found in one linear pass that honours the lexical grammar (strings with every prefix,
// triple quotes, escapes, f-string fields with nested quotes, comments, brackets, backslash continuations).
// They let the reader hand the parser only the statements that can matter: a 5,000-line job is mostly UDF
// bodies no need comes from, and the parser's cost (and its recursion on pathological nesting) is kept off them.
// The pass over the whole file runs before any of this code is compiled (a job is read once per run), so each
// step costs much: it stops only where the structure can change (quotes, brackets, '=', '#', line breaks), skips a
// string without fields in one native step, keeps its state in local variables, makes every line of one shape, cuts
// no text out of the file but a line's first keyword and its assigned names, and asks whether a string is worth
// reading only when one native search over the file found a telling word inside it. The names a line uses are read
// again, from that line alone, only for the few lines selection asks about.

export interface LogicalLine {
  /** Offset of its first character (after the indentation) and one past its last. */
  start: number;
  end: number;
  /** Column of its first character. */
  indent: number;
  /** Its first name when that is a keyword selection looks at ('import', 'def', 'return', …; see KEYWORDS). */
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
/** The first names `first` records: the compound statements' keywords and those selection asks about. */
const KEYWORDS = new Set([...COMPOUND, 'return', 'import', 'from']);
/** The next character that matters in code: the regular-expression engine skips the rest natively. */
const CODE_MARK = /[\n#\\"'=()[\]{}]/g;
/** The same, and the start of each name, when a line's names are read. */
const WORD_MARK = /[\n#\\"'=()[\]{}A-Za-z_\u0080-\uffff]/g;
const FSTRING_MARK = /[\\\n"'{]/g;
const WORD_TAIL = /[A-Za-z0-9_\u0080-\uffff]*/y;
const PREFIX = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/;
const NAMES = /[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*/g;
/** The operators of augmented assignments that are one character before their '=' (`//=`, `**=`, `>>=`, `<<=` take the slow way). */
const AUGMENTED = '+-*/%&|^@';
/** Most lines bind no name: they share this empty list instead of an array each. */
const NO_TARGETS: readonly string[] = [];

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

export function logicalLines(source: string): LogicalLine[] {
  const lines: LogicalLine[] = [];
  const interest = new Interest(source);
  let i = 0;
  while (i < source.length) {
    // The indentation's width, counted while it is skipped (column() again where a line break other than \n came before).
    const physical = i === 0 || source.charCodeAt(i - 1) === 10;
    let indent = 0;
    for (let c = source.charCodeAt(i); c === 32 || c === 9 || c === 12; c = source.charCodeAt((i += 1)))
      indent = c === 9 ? indent + 8 - (indent % 8) : indent + 1;
    const ch = source.charCodeAt(i);
    if (Number.isNaN(ch)) break;
    // Blank lines, comment lines and a lone continuation start no statement.
    if (ch === 10 || ch === 13) i += 1;
    else if (ch === 35) i = lineEnd(source, i);
    else if (ch === 92 && source.charCodeAt(i + 1) === 10) i += 2;
    else {
      const line = newLine(i, physical ? indent : column(source, i));
      i = scanLine(source, line, interest);
      finish(source, line);
      lines.push(line);
    }
  }
  return lines;
}

/** Reads one logical line from its start: its end (after its line break), depth, first '=' and interest. */
function scanLine(source: string, line: LogicalLine, interest: Interest): number {
  let i = line.start;
  let depth = 0;
  for (;;) {
    CODE_MARK.lastIndex = i;
    if (!CODE_MARK.test(source)) return (line.end = source.length);
    i = CODE_MARK.lastIndex - 1;
    const ch = source.charCodeAt(i);
    if (ch === 10) {
      i += 1;
      if (depth === 0) return (line.end = i);
    } else if (ch === 35) i = lineEnd(source, i);
    else if (ch === 34 || ch === 39) {
      const end = skipString(source, i, prefixBefore(source, i), undefined);
      if (!line.interesting) line.interesting = interest.within(i, end);
      i = end;
    } else if (ch === 92) i = continuationEnd(source, i);
    else if (ch === 61) {
      if (depth === 0 && line.assignAt === undefined && isAssignment(source, i)) line.assignAt = i;
      i += 1;
    } else if (ch === 40 || ch === 91 || ch === 123) {
      depth += 1;
      if (depth > line.depth) line.depth = depth;
      i += 1;
    } else {
      if (depth > 0) depth -= 1;
      i += 1;
    }
  }
}

/** The names a line uses in code (f-string fields included; strings and comments not), read once and kept. */
export function lineWords(source: string, line: LogicalLine): string[] {
  if (line.words) return line.words;
  const words: string[] = [];
  let i = line.start;
  let depth = 0;
  while (i < line.end) {
    i = next(WORD_MARK, source, i);
    const ch = source.charCodeAt(i);
    if (Number.isNaN(ch)) break;
    if (ch === 10) {
      i += 1;
      if (depth === 0) break;
    } else if (ch === 35) i = lineEnd(source, i);
    else if (ch === 34 || ch === 39) i = skipString(source, i, prefixBefore(source, i), words);
    else if (isWordStart(ch)) i = wordStep(source, i, words);
    else if (ch === 92) i = continuationEnd(source, i);
    else {
      if (ch === 40 || ch === 91 || ch === 123) depth += 1;
      else if (ch !== 61 && depth > 0) depth -= 1;
      i += 1;
    }
  }
  line.words = words;
  return words;
}

/** '=' that assigns: not part of ==, !=, <=, >= (nor at the very start of the file). */
function isAssignment(source: string, at: number): boolean {
  const before = source.charCodeAt(at - 1);
  return !Number.isNaN(before) && before !== 61 && before !== 33 && before !== 60 && before !== 62 && source.charCodeAt(at + 1) !== 61;
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
function wordStep(source: string, start: number, words: string[]): number {
  const end = wordEnd(source, start);
  const after = source.charCodeAt(end);
  if (!((after === 34 || after === 39) && prefixBefore(source, end) !== '')) words.push(source.slice(start, end));
  return end;
}

/** A backslash: before a line break it joins the next physical line to this logical line. */
function continuationEnd(source: string, at: number): number {
  const after = source.charCodeAt(at + 1);
  if (after === 10) return at + 2;
  if (after === 13) return source.charCodeAt(at + 2) === 10 ? at + 3 : at + 2;
  return at + 1;
}

/**
 * Skips a string literal from its opening quote; returns the offset after it. f-string fields are scanned as code,
 * their names going to `words` when given.
 */
function skipString(source: string, at: number, prefix: string, words: string[] | undefined): number {
  const q = source.charCodeAt(at);
  const triple = source.charCodeAt(at + 1) === q && source.charCodeAt(at + 2) === q;
  const format = prefix.includes('f') || prefix.includes('F');
  if (!format) return plainStringEnd(source, at, q, triple);
  let i = at + (triple ? 3 : 1);
  while (i < source.length) {
    i = next(FSTRING_MARK, source, i);
    const ch = source.charCodeAt(i);
    if (Number.isNaN(ch)) break;
    if (ch === 92) i += 2;
    else if (ch === q && (!triple || (source.charCodeAt(i + 1) === q && source.charCodeAt(i + 2) === q))) return i + (triple ? 3 : 1);
    else if (ch === 10 && !triple)
      return i; // unterminated: Python stops here too
    else if (ch === 123) i = source.charCodeAt(i + 1) === 123 ? i + 2 : skipField(source, i + 1, words);
    else i += 1;
  }
  return Math.min(i, source.length);
}

/** A string's body up to its closing quote (or a line break, or the end), escapes included: one native step. */
const DOUBLE_BODY = /[^"\\\n]*(?:\\[^][^"\\\n]*)*/y;
const SINGLE_BODY = /[^'\\\n]*(?:\\[^][^'\\\n]*)*/y;
const TRIPLE_DOUBLE_BODY = /[^"\\]*(?:(?:\\[^]|"(?!""))[^"\\]*)*/y;
const TRIPLE_SINGLE_BODY = /[^'\\]*(?:(?:\\[^]|'(?!''))[^'\\]*)*/y;

/** The end of a string without fields, from its opening quote `q` (a char code). */
function plainStringEnd(source: string, at: number, q: number, triple: boolean): number {
  const body = q === 34 ? (triple ? TRIPLE_DOUBLE_BODY : DOUBLE_BODY) : triple ? TRIPLE_SINGLE_BODY : SINGLE_BODY;
  body.lastIndex = at + (triple ? 3 : 1);
  body.test(source);
  const end = body.lastIndex;
  const ch = source.charCodeAt(end);
  if (!triple) return ch === q ? end + 1 : ch === 10 ? end : source.length; // unterminated at a line break, as in Python
  return ch === q && source.charCodeAt(end + 1) === q && source.charCodeAt(end + 2) === q ? end + 3 : source.length;
}

/** An f-string replacement field: code up to its closing brace, strings inside it included (Python 3.12). */
function skipField(source: string, from: number, words: string[] | undefined): number {
  let depth = 0;
  let i = from;
  while (i < source.length) {
    const ch = source.charCodeAt(i);
    if (ch === 34 || ch === 39) i = skipString(source, i, '', words);
    else if (ch === 123 || ch === 40 || ch === 91) {
      depth += 1;
      i += 1;
    } else if (ch === 125 || ch === 41 || ch === 93) {
      if (ch === 125 && depth === 0) return i + 1;
      if (depth > 0) depth -= 1;
      i += 1;
    } else if (isWordStart(ch)) {
      const start = i;
      i = wordEnd(source, start);
      words?.push(source.slice(start, i));
    } else i += 1;
  }
  return i;
}

/**
 * Which strings are worth reading: one holding SQL DDL (CREATE … WITH), a JAR, a JDBC URL, a .sql file or a pipeline
 * key. One native search over the file finds where such words end; a string none ends in is not looked at (most), the
 * others are searched exactly. No match can cross a string's opening quote, so the two ways agree.
 */
const TELLING = /create|\.jar\b|jdbc:|\.sql\b|pipeline\.(?:jars|classpaths)|\badd\s+jar\b/gi;
const CREATE = /create/i;
const WITH = /with/gi;
const NAMES_A_FILE = /\.jar\b|jdbc:|\.sql\b|pipeline\.(jars|classpaths)|\badd\s+jar\b/i;

class Interest {
  /** Where each telling word the search found ends, in order; `next` is the first not before the string asked about. */
  private readonly ends: number[] = [];
  private next = 0;

  constructor(private readonly source: string) {
    TELLING.lastIndex = 0;
    while (TELLING.test(source)) this.ends.push(TELLING.lastIndex);
  }

  /** Whether the string literal from `at` (its opening quote) to `end` is worth reading. */
  within(at: number, end: number): boolean {
    const { ends } = this;
    while (this.next < ends.length && (ends[this.next] as number) <= at) this.next += 1;
    return this.next < ends.length && (ends[this.next] as number) <= end && isInteresting(this.source.slice(at, end));
  }
}

/** Case-insensitive searches on the literal itself: no lower-cased copy of it. */
function isInteresting(literal: string): boolean {
  const create = literal.search(CREATE);
  if (create >= 0) {
    WITH.lastIndex = create;
    if (WITH.test(literal)) return true;
  }
  return NAMES_A_FILE.test(literal);
}

/** Its first keyword, whether it opens a block, and the names it binds. */
function finish(source: string, line: LogicalLine): void {
  const first = keywordAt(source, line.start);
  if (first !== undefined) {
    line.first = first;
    if (COMPOUND.has(first) && endsWithColon(source, line)) {
      line.header = first === 'async' ? (keywordAt(source, skipIndent(source, line.start + first.length)) ?? first) : first;
    }
  }
  line.targets = targetsOf(source, line);
}

/** KEYWORDS by their first letter (all start with a-w): a line's first name is compared in place, not cut out. */
const KEYWORDS_BY_LETTER: string[][] = [];
for (const keyword of KEYWORDS) (KEYWORDS_BY_LETTER[keyword.charCodeAt(0)] ??= []).push(keyword);

/** The keyword (of KEYWORDS) that starts at `offset`, if one does. */
function keywordAt(source: string, offset: number): string | undefined {
  const candidates = KEYWORDS_BY_LETTER[source.charCodeAt(offset)];
  if (candidates === undefined) return undefined;
  for (let k = 0; k < candidates.length; k += 1) {
    const keyword = candidates[k] as string;
    if (source.startsWith(keyword, offset) && !isWordChar(source.charCodeAt(offset + keyword.length))) return keyword;
  }
  return undefined;
}

const HEADER_END = /:\s*(#.*)?$/;

/** Whether a compound statement's line ends with ':' (a comment after it allowed): it opens a block. */
function endsWithColon(source: string, line: LogicalLine): boolean {
  let end = line.end;
  while (end > line.start && isSpace(source.charCodeAt(end - 1))) end -= 1;
  if (source.charCodeAt(end - 1) === 58) return true;
  // A comment may follow the ':' on the last line: rare, read exactly.
  const lastLine = source.lastIndexOf('\n', end - 1) + 1;
  const hash = source.indexOf('#', Math.max(lastLine, line.start));
  return hash >= 0 && hash < end && HEADER_END.test(source.slice(line.start, end));
}

/** What `\s` matches (and trimEnd() drops), by char code: a regular expression per character costs more. */
function isSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  return code >= 128 && /\s/.test(String.fromCharCode(code));
}

/** The name at `offset` (after blanks), unless it is a string's prefix; undefined when none starts there. */
function nameAt(source: string, offset: number): string | undefined {
  const from = skipIndent(source, offset);
  if (!isWordStart(source.charCodeAt(from))) return undefined;
  const end = wordEnd(source, from);
  const after = source.charCodeAt(end);
  const name = source.slice(from, end);
  return (after === 34 || after === 39) && PREFIX.test(name) ? undefined : name;
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
  if (line.assignAt === undefined) return NO_TARGETS;
  // Most assign one plain name (`x = …`, `x += …`): that name, without cutting the rest out.
  const end = isWordStart(source.charCodeAt(line.start)) ? wordEnd(source, line.start) : line.start;
  let i = end;
  while (source.charCodeAt(i) === 32) i += 1;
  if ((end > line.start && i === line.assignAt) || (i + 1 === line.assignAt && AUGMENTED.includes(source[i] as string)))
    return [source.slice(line.start, end)];
  // Names written in a string before the '=' (d["k"] = …) count too: generous, and no second pass over the line.
  return source.slice(line.start, line.assignAt).match(NAMES) ?? NO_TARGETS;
}

/** Every field set, in one order: the lines share one shape, and the loops over them stay monomorphic. */
function newLine(start: number, indent: number): LogicalLine {
  return {
    start,
    end: start,
    indent,
    first: undefined,
    targets: NO_TARGETS,
    header: undefined,
    interesting: false,
    depth: 0,
    assignAt: undefined,
    words: undefined,
  };
}

function skipIndent(source: string, from: number): number {
  let i = from;
  for (let ch = source.charCodeAt(i); ch === 32 || ch === 9 || ch === 12; ch = source.charCodeAt(i)) i += 1;
  return i;
}

function column(source: string, at: number): number {
  const start = source.lastIndexOf('\n', at - 1) + 1;
  let col = 0;
  for (let i = start; i < at; i += 1) col = source.charCodeAt(i) === 9 ? col + 8 - (col % 8) : col + 1;
  return col;
}

function lineEnd(source: string, from: number): number {
  const end = source.indexOf('\n', from);
  return end < 0 ? source.length : end;
}
