// A Flink SQL tokenizer: enough of the lexical grammar to never mistake a comment or a quoted value for a
// statement. Honours -- and /* */ comments, 'strings' with '' escapes, "strings", `identifiers` with ``
// escapes, and splits statements on ';' outside all of them. One pass, linear in the input; never throws.

export type SqlTokenKind = 'word' | 'string' | 'ident' | 'punct';

export interface SqlToken {
  kind: SqlTokenKind;
  /** Decoded text: quotes removed and doubled quotes undone for strings and identifiers. */
  text: string;
  /** Offset of the token's first character in the input. */
  at: number;
}

/**
 * A word from where it starts, in one native step: letters, digits, _ $ . \uFFFC and single '-' (never `--`), of the BMP,
 * as reading one code unit at a time took them. One expression: compiling Unicode classes costs on each first use.
 */
const WORD = /(?:(?=[\0-\uFFFF])[\p{L}\p{N}_$.\uFFFC]|-(?!-))+/uy;
/**
 * The same for ASCII, which most SQL is, and the HOLE marker (\uFFFC) a value computed at run time leaves in it (an
 * f-string's `{table}`): this expression compiles in a fraction of the Unicode one's time (~1.8 ms, on every Node).
 */
const ASCII_WORD = /(?:[A-Za-z0-9_$.\uFFFC]|-(?!-))+/y;
const HOLE_CODE = 0xfffc;
const BLANKS = /\s+/y;
const SPACE = /\s/;

export function tokenizeSql(text: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '-' && text[i + 1] === '-') {
      i = lineEnd(text, i);
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (ch === "'" || ch === '"' || ch === '`') {
      const { value, next } = quoted(text, i, ch);
      tokens.push({ kind: ch === '`' ? 'ident' : 'string', text: value, at: i });
      i = next;
    } else if (startsWord(text, i)) {
      tokens.push({ kind: 'word', text: text.slice(i, WORD.lastIndex), at: i });
      i = WORD.lastIndex;
    } else if (SPACE.test(ch)) {
      BLANKS.lastIndex = i;
      BLANKS.test(text);
      i = BLANKS.lastIndex;
    } else {
      tokens.push({ kind: 'punct', text: ch, at: i });
      i += 1;
    }
  }
  return tokens;
}

/**
 * Whether a word starts at `at`; WORD.lastIndex is then where it ends. A run of ASCII and HOLEs followed by an ASCII
 * character (or the end) is the whole word, as both expressions read those alike; only another non-ASCII character asks
 * the Unicode one.
 */
function startsWord(text: string, at: number): boolean {
  const first = text.charCodeAt(at);
  if (first < 128 || first === HOLE_CODE) {
    ASCII_WORD.lastIndex = at;
    if (!ASCII_WORD.test(text)) return false;
    if (!(text.charCodeAt(ASCII_WORD.lastIndex) >= 128)) {
      WORD.lastIndex = ASCII_WORD.lastIndex;
      return true;
    }
  }
  WORD.lastIndex = at;
  return WORD.test(text);
}

/** A quoted token from `start` (its opening quote): a doubled quote stands for one; an unclosed one runs to the end. */
function quoted(text: string, start: number, quote: string): { value: string; next: number } {
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const end = text.indexOf(quote, i);
    if (end < 0) return { value: value + text.slice(i), next: text.length };
    value += text.slice(i, end);
    if (text[end + 1] === quote) {
      value += quote;
      i = end + 2;
    } else return { value, next: end + 1 };
  }
  return { value, next: text.length };
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

/** Statements: the tokens between ';' separators, empty ones dropped. */
export function splitStatements(tokens: readonly SqlToken[]): SqlToken[][] {
  const statements: SqlToken[][] = [];
  let current: SqlToken[] = [];
  for (const token of tokens) {
    if (token.kind === 'punct' && token.text === ';') {
      if (current.length > 0) statements.push(current);
      current = [];
    } else current.push(token);
  }
  if (current.length > 0) statements.push(current);
  return statements;
}

export function isWord(token: SqlToken | undefined, ...words: string[]): boolean {
  return token?.kind === 'word' && words.includes(token.text.toUpperCase());
}

export function isPunct(token: SqlToken | undefined, text: string): boolean {
  return token?.kind === 'punct' && token.text === text;
}
