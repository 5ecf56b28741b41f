// Python string literals as Python reads them: prefixes (r, b, u, f and pairs), single and triple quotes,
// every escape of the language reference. f-string replacement fields become HOLE (known only at run time).
// `newlines` lists the decoded offsets that follow a real line break of the source, for line numbers.
import { HOLE } from './model.js';

export interface DecodedString {
  text: string;
  /** Decoded offsets at which a new source line starts. */
  newlines: number[];
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** An f-string replacement field: [from, to) within the literal, and its text when the reader knows it. */
export type Field = readonly [number, number, string?];

/**
 * Decodes one literal (prefix and quotes included). `fields` are the f-string replacement fields; each becomes
 * its known text, else one HOLE.
 */
export function decodeLiteral(raw: string, fields: readonly Field[] = []): DecodedString {
  const { start, end, isRaw, isFormat, isBytes } = literalShape(raw);
  let text = '';
  const newlines: number[] = [];
  let hole = 0;
  for (let i = start; i < end;) {
    const field = fields[hole];
    if (field && i >= field[0]) {
      text += field[2] ?? HOLE;
      i = Math.max(i + 1, field[1]);
      hole += 1;
      continue;
    }
    const ch = raw[i] as string;
    if (ch === '\n') {
      text += ch;
      newlines.push(text.length);
      i += 1;
    } else if (isFormat && (ch === '{' || ch === '}') && raw[i + 1] === ch) {
      text += ch;
      i += 2;
    } else if (ch === '\\' && !isRaw && i + 1 < end) {
      const { value, next, lineBreak } = escape(raw, i, isBytes);
      text += value;
      if (lineBreak) newlines.push(text.length);
      i = next;
    } else {
      // Ordinary characters up to the next that may mean something (or the next field) go in one piece.
      const stop = nextSpecial(raw, i + 1, field ? Math.min(field[0], end) : end);
      text += raw.slice(i, stop);
      i = stop;
    }
  }
  return { text, newlines };
}

const SPECIAL = /[\n\\{}]/g;

/** The offset of the next line break, backslash or brace at or after `from`, or `limit` when none comes before it. */
function nextSpecial(raw: string, from: number, limit: number): number {
  SPECIAL.lastIndex = from;
  return SPECIAL.test(raw) ? Math.min(SPECIAL.lastIndex - 1, limit) : limit;
}

/** Where a literal's body lies between its prefix and quotes (an unterminated one runs to the end), and what the prefix says. */
function literalShape(raw: string): { start: number; end: number; isRaw: boolean; isFormat: boolean; isBytes: boolean } {
  const prefix = /^[A-Za-z]*/.exec(raw)?.[0].toLowerCase() ?? '';
  const rest = raw.slice(prefix.length);
  const quote = rest.startsWith('"""') || rest.startsWith("'''") ? rest.slice(0, 3) : rest.slice(0, 1);
  const start = prefix.length + quote.length;
  const end = raw.endsWith(quote) && raw.length >= start + quote.length ? raw.length - quote.length : raw.length;
  return { start, end, isRaw: prefix.includes('r'), isFormat: prefix.includes('f'), isBytes: prefix.includes('b') };
}

/** One backslash escape starting at `at`: its value and where the literal goes on. */
function escape(raw: string, at: number, isBytes: boolean): { value: string; next: number; lineBreak?: boolean } {
  const ch = raw[at + 1] as string;
  if (ch === '\n') return { value: '', next: at + 2, lineBreak: true };
  if (ch in SIMPLE_ESCAPES) return { value: SIMPLE_ESCAPES[ch] as string, next: at + 2 };
  const octal = /^[0-7]{1,3}/.exec(raw.slice(at + 1, at + 4))?.[0];
  if (octal) return { value: String.fromCharCode(parseInt(octal, 8)), next: at + 1 + octal.length };
  const hexLength = ch === 'x' ? 2 : !isBytes && ch === 'u' ? 4 : !isBytes && ch === 'U' ? 8 : 0;
  if (hexLength > 0) {
    const digits = raw.slice(at + 2, at + 2 + hexLength);
    const code = /^[0-9a-fA-F]+$/.test(digits) && digits.length === hexLength ? parseInt(digits, 16) : NaN;
    if (code <= 0x10ffff) return { value: String.fromCodePoint(code), next: at + 2 + hexLength };
  }
  if (!isBytes && ch === 'N' && raw[at + 2] === '{') {
    const close = raw.indexOf('}', at + 3);
    // A named character: its exact value never decides a need, only that something is there.
    if (close > 0) return { value: '?', next: close + 1 };
  }
  // Unknown escapes stay as written, as in Python.
  return { value: `\\${ch}`, next: at + 2 };
}
