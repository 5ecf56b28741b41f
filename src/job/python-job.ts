// Reads a PyFlink job's Python source without running it: the JARs it adds (add_jars, add_classpaths,
// set/set_string of pipeline.jars/pipeline.classpaths) and the connector, format and catalog identifiers
// its SQL and Table API use. Only literal strings can be resolved; the rest is reported as unresolved.
import type { ParsedJob } from '../facts/index.js';
import { clip } from '../util/text.js';

const STRING = /(?<prefix>[rRbBuUfF]{0,2})(?<quote>'''|"""|'|")(?<body>[\s\S]*?)\k<quote>/g;

export function parsePythonJob(source: string): ParsedJob {
  const job: ParsedJob = { jars: [], settings: [], identifiers: [], unresolved: [] };
  const lineAt = lineIndex(source);
  const code = blankComments(source);

  for (const call of findCalls(code, /\.(add_jars|add_classpaths)\s*\(/g)) {
    const kind = call.name as 'add_jars' | 'add_classpaths';
    const literals = stringLiterals(call.args);
    if (literals.resolved.length === 0 || literals.dynamic) job.unresolved.push({ line: lineAt(call.at), text: `${kind}(${oneLine(call.args)})` });
    for (const value of literals.resolved) for (const part of splitList(value)) job.jars.push({ kind, value: part, line: lineAt(call.at) });
  }
  for (const call of findCalls(code, /\.(set|set_string)\s*\(/g)) {
    const keyMatch = /^\s*(['"])(pipeline\.(?:jars|classpaths))\1\s*,([\s\S]*)$/.exec(call.args);
    if (!keyMatch) continue;
    const key = keyMatch[2] as 'pipeline.jars' | 'pipeline.classpaths';
    const literals = stringLiterals(keyMatch[3] ?? '');
    const line = lineAt(call.at);
    if (literals.resolved.length !== 1 || literals.dynamic) {
      job.unresolved.push({ line, text: `${call.name}("${key}", ${oneLine(keyMatch[3] ?? '')})` });
      if (literals.resolved.length === 0) continue;
    }
    const value = literals.resolved.join('');
    job.settings.push({ key, value, line });
    for (const part of splitList(value)) job.jars.push({ kind: key, value: part, line });
  }

  // SQL inside string literals: 'connector' = 'kafka', 'format' / 'key.format' / 'value.format', catalog 'type'.
  for (const literal of source.matchAll(STRING)) {
    const body = literal.groups?.body ?? '';
    const base = literal.index ?? 0;
    for (const m of body.matchAll(/(['"])(connector|format|key\.format|value\.format)\1\s*=\s*(['"])([\w.-]+)\3/gi)) {
      const option = (m[2] ?? '').toLowerCase();
      job.identifiers.push({ identifier: m[4] ?? '', role: option === 'connector' ? 'connector' : 'format', line: lineAt(base + (m.index ?? 0)) });
    }
    for (const m of body.matchAll(/CREATE\s+CATALOG\s+[\s\S]*?\bWITH\s*\(([\s\S]*?)\)/gi)) {
      const type = /(['"])type\1\s*=\s*(['"])([\w.-]+)\2/i.exec(m[1] ?? '');
      if (type?.[3]) job.identifiers.push({ identifier: type[3], role: 'catalog', line: lineAt(base + (m.index ?? 0)) });
    }
  }
  // Table API descriptors: TableDescriptor.for_connector('kafka'), FormatDescriptor.for_format('json'), .format('csv').
  for (const m of code.matchAll(/\b(for_connector|for_format|\.format)\s*\(\s*(['"])([\w.-]+)\2/g)) {
    job.identifiers.push({ identifier: m[3] ?? '', role: m[1] === 'for_connector' ? 'connector' : 'format', line: lineAt(m.index ?? 0) });
  }
  return job;
}

/** "a;b" → ["a","b"]: pipeline.jars and add_jars take ';'-separated lists. */
function splitList(value: string): string[] {
  return value.split(';').map((v) => v.trim()).filter(Boolean);
}

function stringLiterals(args: string): { resolved: string[]; dynamic: boolean } {
  const resolved: string[] = [];
  let dynamic = false;
  let rest = args;
  for (const m of args.matchAll(STRING)) {
    const prefix = (m.groups?.prefix ?? '').toLowerCase();
    if (prefix.includes('f') && /\{/.test(m.groups?.body ?? '')) dynamic = true;
    else resolved.push(m.groups?.body ?? '');
    rest = rest.replace(m[0], '');
  }
  // Anything but literals, commas and whitespace (a variable, os.path.join, "+") makes the call dynamic.
  if (/[A-Za-z_]/.test(rest)) dynamic = true;
  return { resolved, dynamic };
}

/** Each `name(` match with its balanced argument text (strings respected). */
function findCalls(code: string, pattern: RegExp): { name: string; args: string; at: number }[] {
  const calls: { name: string; args: string; at: number }[] = [];
  for (const m of code.matchAll(pattern)) {
    const start = (m.index ?? 0) + m[0].length;
    let depth = 1;
    let i = start;
    let quote: string | undefined;
    for (; i < code.length && depth > 0; i += 1) {
      const ch = code[i];
      if (quote) {
        if (ch === '\\') i += 1;
        else if (code.startsWith(quote, i)) {
          i += quote.length - 1;
          quote = undefined;
        }
      } else if (ch === '"' || ch === "'") quote = code.startsWith(ch.repeat(3), i) ? ch.repeat(3) : ch;
      else if (ch === '(') depth += 1;
      else if (ch === ')') depth -= 1;
    }
    calls.push({ name: m[1] ?? '', args: code.slice(start, i - 1), at: m.index ?? 0 });
  }
  return calls;
}

/** Replaces '#' comments (outside strings) with spaces so offsets and lines stay the same. */
function blankComments(source: string): string {
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i] ?? '';
    if (quote) {
      out += ch;
      if (ch === '\\') {
        out += source[i + 1] ?? '';
        i += 1;
      } else if (source.startsWith(quote, i)) {
        out += quote.slice(1);
        i += quote.length - 1;
        quote = undefined;
      }
    } else if (ch === '#') {
      while (i < source.length && source[i] !== '\n') {
        out += ' ';
        i += 1;
      }
      if (i < source.length) out += '\n';
    } else {
      if (ch === '"' || ch === "'") {
        quote = source.startsWith(ch.repeat(3), i) ? ch.repeat(3) : ch;
        out += quote;
        i += quote.length - 1;
        continue;
      }
      out += ch;
    }
  }
  return out;
}

function lineIndex(source: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < source.length; i += 1) if (source[i] === '\n') starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return clip(flat, 80);
}
