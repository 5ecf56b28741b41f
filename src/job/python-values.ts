// The values the job reader follows through a Python program without running it: strings (with the parts
// only known at run time marked as HOLE), lists, Table API descriptors, opened files, imported modules.
// Anything else is `unknown`, carrying its source text for the report.
import { LIMITS } from '../engine/limits.js';
import { HOLE } from './model.js';

/** From text offset `at` on, the text came from source line `line`. */
export interface LineMark {
  at: number;
  line: number;
}

export interface StrValue {
  kind: 'str';
  text: string;
  marks: LineMark[];
  /** Source offsets of the literals it was built from: read as SQL once, whichever way it travels. */
  origins: number[];
}

export type Value =
  | StrValue
  | { kind: 'list'; items: Value[] }
  /** One of several values: a loop variable, `a if c else b`, what a function may return. */
  | { kind: 'either'; items: Value[] }
  | { kind: 'descriptor'; connector?: string; line: number }
  | { kind: 'format-descriptor' }
  /** open(path) / Path(path): reading it gives a file's text. */
  | { kind: 'file'; path: Value; text: string }
  | { kind: 'module'; name: string }
  /** `param`: a parameter of a job's function, known at its call sites. */
  | { kind: 'unknown'; text: string; param?: Param };

export interface Param {
  /** The function's name, the parameter's position (self/cls not counted) and name. */
  fn: string;
  index: number;
  name: string;
}

export function unknown(text: string): Value {
  return { kind: 'unknown', text };
}

export function str(text: string, line: number, origins: number[] = []): StrValue {
  return { kind: 'str', text, marks: [{ at: 0, line }], origins };
}

/**
 * Bounds that keep reading linear on hostile input (`v2 = v1 + "x"` thousands of times): a string longer than
 * any SQL statement is unknown, and past MAX_PIECES literals line marks and origins stop growing.
 */
const MAX_VALUE_CHARS = LIMITS.jobValueChars;
const MAX_PIECES = LIMITS.jobValuePieces;

/** a + b for strings: marks of b shifted behind a. */
export function concat(a: StrValue, b: StrValue): StrValue {
  if (a.text.length + b.text.length > MAX_VALUE_CHARS) return str(HOLE, a.marks[0]?.line ?? 1);
  const marks =
    a.marks.length >= MAX_PIECES
      ? a.marks
      : [...a.marks, ...b.marks.slice(0, MAX_PIECES).map((m) => ({ at: m.at + a.text.length, line: m.line }))];
  const origins = a.origins.length >= MAX_PIECES ? a.origins : [...a.origins, ...b.origins.slice(0, MAX_PIECES)];
  return { kind: 'str', text: a.text + b.text, marks, origins };
}

/** The string form of a value in a string operation: unknown parts become one HOLE. */
export function asStr(value: Value, line: number): StrValue {
  if (value.kind === 'str') return value;
  if (value.kind === 'either' && value.items.length === 1 && value.items[0]) return asStr(value.items[0], line);
  return str(HOLE, line);
}

export function lineAt(value: StrValue, offset: number): number {
  let line = value.marks[0]?.line ?? 1;
  for (const mark of value.marks) {
    if (mark.at > offset) break;
    line = mark.line;
  }
  return line;
}

/** Every string a value may stand for (the items of lists and alternatives). */
export function strings(value: Value): StrValue[] {
  if (value.kind === 'str') return [value];
  if (value.kind === 'list' || value.kind === 'either') return value.items.flatMap(strings);
  return [];
}

/** `sep.join(items)`: known when the items are a known list. */
export function join(separator: StrValue, items: Value, line: number): Value {
  if (items.kind !== 'list') return str(HOLE, line);
  let result: StrValue | undefined;
  for (const item of items.items) {
    const part = asStr(item, line);
    result = result ? concat(concat(result, separator), part) : part;
  }
  return result ?? str('', line);
}

/** os.path.join / Path / "/" joins: one '/' between parts, an absolute part restarting the path as Python does. */
export function joinPath(parts: Value[], line: number): StrValue {
  let result: StrValue | undefined;
  for (const part of parts.map((p) => asStr(p, line))) {
    if (!result || part.text.startsWith('/')) result = part;
    else result = concat(result.text.endsWith('/') ? result : concat(result, str('/', line)), part);
  }
  return result ?? str('', line);
}

/** "{} {name}".format(a, name=b) and "%s" % x: fields become the known argument or HOLE. */
export function formatFields(template: StrValue, args: Value[], named: Map<string, Value>, line: number): StrValue {
  let index = 0;
  const replace = (field: string): string => {
    const key = field.replace(/[!:].*$/, '');
    const value = key === '' ? args[index++] : /^\d+$/.test(key) ? args[Number(key)] : named.get(key);
    return value?.kind === 'str' && !value.text.includes('{') ? value.text : HOLE;
  };
  const text = template.text.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (whole, field: string | undefined) =>
    field === undefined ? (whole[0] ?? '') : replace(field),
  );
  return { ...template, text, marks: template.text === text ? template.marks : [{ at: 0, line: template.marks[0]?.line ?? line }] };
}

export function percentFields(template: StrValue, args: Value, line: number): StrValue {
  const items = args.kind === 'list' ? args.items : [args];
  let index = 0;
  const text = template.text.replace(/%(%|[-#0 +]*\d*(?:\.\d+)?[sdrfiegxXoc])/g, (whole, spec: string) => {
    if (spec === '%') return '%';
    const value = items[index++];
    return value?.kind === 'str' ? value.text : HOLE;
  });
  return { ...template, text, marks: text === template.text ? template.marks : [{ at: 0, line: template.marks[0]?.line ?? line }] };
}
