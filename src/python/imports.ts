// The top-level modules a Python file imports (`import a.b`, `from a import b`), read line by line: comments
// and the insides of triple-quoted strings are skipped, relative imports (`from . import x`) are not modules
// that need shipping. A line scanner, not a parser: enough to name modules, linear, capped.
import { LIMITS } from '../engine/limits.js';
import { lineBreaks } from '../util/text-lines.js';

export interface ImportedModule {
  /** The first component ("a" of "a.b.c"). */
  module: string;
  line: number;
}

const MAX_LINES = LIMITS.importScanLines;

export function importedModules(source: string): ImportedModule[] {
  const out: ImportedModule[] = [];
  const seen = new Set<string>();
  let inString: string | undefined;
  const indexOf = lineIndexer(source);
  for (const { raw, start } of candidateLines(source, indexOf)) {
    if (inString && !raw.includes(inString)) continue; // still inside the string
    // Most candidates are docstring lines: without `import` they only open or close a string (and need no line number).
    if (!raw.includes('import')) {
      inString = openAtEnd(raw, inString);
      continue;
    }
    const line = stripStrings(raw, inString);
    inString = line.open;
    const add = (name: string) => {
      const module = name.trim().split('.')[0] ?? '';
      if (/^[A-Za-z_]\w*$/.test(module) && !seen.has(module)) {
        seen.add(module);
        out.push({ module, line: indexOf(start) + 1 });
      }
    };
    const code = line.code.replace(/#.*$/, '');
    for (const statement of code.split(';')) {
      const from = /^\s*from\s+([A-Za-z_][\w.]*)\s+import\b/.exec(statement);
      if (from?.[1]) add(from[1]);
      const plain = /^\s*import\s+(.+)$/.exec(statement);
      if (plain?.[1]) for (const part of plain[1].split(',')) add(part.replace(/\s+as\s+\w+\s*$/, ''));
    }
  }
  return out;
}

/**
 * The lines (of the first MAX_LINES, split at \n, a \r before it dropped) that name `import` or hold a triple quote, with
 * the offset they start at: only they can add a module or open or close a string. The regular-expression engine finds
 * them; the other lines of a job (most of them) are neither cut out nor counted.
 */
function* candidateLines(source: string, indexOf: (start: number) => number): Generator<{ raw: string; start: number }> {
  const mark = /import|"""|'''/g;
  for (let match = mark.exec(source); match; match = mark.exec(source)) {
    const start = source.lastIndexOf('\n', match.index - 1) + 1;
    // A line's 0-based index is at most its offset: only a line that far in is counted here.
    if (start >= MAX_LINES && indexOf(start) >= MAX_LINES) return;
    const nl = source.indexOf('\n', match.index);
    const end = nl < 0 ? source.length : nl > start && source[nl - 1] === '\r' ? nl - 1 : nl;
    yield { raw: source.slice(start, end), start };
    if (nl < 0) return;
    mark.lastIndex = nl + 1;
  }
}

/** The 0-based line index of a line start, counted on from the one asked before (asked in order, by both loops). */
function lineIndexer(source: string): (start: number) => number {
  let index = 0;
  let counted = 0;
  return (start) => {
    index += lineBreaks(source, counted, start);
    counted = start;
    return index;
  };
}

/** The code of one line with triple-quoted strings removed; `open` is the quote still open at its end. */
function stripStrings(line: string, open: string | undefined): { code: string; open?: string } {
  let code = '';
  let quote = open;
  let i = 0;
  while (i < line.length) {
    if (quote) {
      const end = line.indexOf(quote, i);
      if (end < 0) return { code, open: quote };
      i = end + 3;
      quote = undefined;
      continue;
    }
    const next = line.slice(i).search(/"""|'''/);
    if (next < 0) {
      code += line.slice(i);
      break;
    }
    code += line.slice(i, i + next);
    quote = line.slice(i + next, i + next + 3);
    i += next + 3;
  }
  return quote ? { code, open: quote } : { code };
}

/** The triple quote still open at the end of `line` (stripStrings' `open`, without building the code). */
function openAtEnd(line: string, open: string | undefined): string | undefined {
  let quote = open;
  let i = 0;
  for (;;) {
    if (quote) {
      const end = line.indexOf(quote, i);
      if (end < 0) return quote;
      i = end + 3;
      quote = undefined;
      continue;
    }
    const double = line.indexOf('"""', i);
    const single = line.indexOf("'''", i);
    if (double < 0 && single < 0) return undefined;
    i = double >= 0 && (single < 0 || double < single) ? double : single;
    quote = line.slice(i, i + 3);
    i += 3;
  }
}
