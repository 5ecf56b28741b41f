// PEP 508 dependency specifiers: a parser for requirement lines ("pyarrow (<9,>=5); python_version >= '3.8'")
// and an evaluator for their environment markers, with PEP 440 semantics from @renovatebot/pep440.
// Parsing never throws: a line it cannot read comes back as a `{ ok: false, error }` value.
// Evaluation follows `packaging.markers`: a comparison is a PEP 440 specifier test when the right-hand side
// forms a valid specifier with the operator and the left-hand side is a valid version, else a string test.
import { compare, explain, satisfies, valid, validRange } from '@renovatebot/pep440';
import { LIMITS } from '../engine/limits.js';
import { compareReleases } from '../knowledge/versions.js';
import type { MarkerEnvironment } from '../facts/index.js';

/** PEP 503: runs of "-", "_" and "." become one "-", lower case ("Ruamel.YAML" → "ruamel-yaml"). */
export function normalizeName(name: string): string {
  return name
    .trim()
    .replace(/[-_.]+/g, '-')
    .toLowerCase();
}

export type MarkerVariable = keyof MarkerEnvironment | 'extra';

export type MarkerValue = { kind: 'variable'; name: MarkerVariable } | { kind: 'string'; value: string };

export type MarkerOp = '<' | '<=' | '==' | '!=' | '>=' | '>' | '~=' | '===' | 'in' | 'not in';

export type MarkerNode =
  { kind: 'compare'; left: MarkerValue; op: MarkerOp; right: MarkerValue } | { kind: 'and' | 'or'; left: MarkerNode; right: MarkerNode };

export interface Requirement {
  /** As written ("Apache_Beam"). */
  name: string;
  /** PEP 503 normalised ("apache-beam"). */
  key: string;
  /** Normalised extra names, in the order written. */
  extras: string[];
  /** Comma-joined clauses without spaces or parentheses: ">=5.0.0,<9.0.0"; "" when any version will do. */
  specifier: string;
  /** "name @ url" form. */
  url?: string;
  marker?: MarkerNode;
  /** The marker as written, trimmed. */
  markerText?: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string; input: string };

/**
 * The PEP 508 environment markers an interpreter reports (every field of MarkerEnvironment, in PEP order). The
 * object form makes the compiler insist on every field; the probe checks its answer against this list.
 */
const ENVIRONMENT_MARKERS: Record<keyof MarkerEnvironment, true> = {
  implementation_name: true,
  implementation_version: true,
  os_name: true,
  platform_machine: true,
  platform_python_implementation: true,
  platform_release: true,
  platform_system: true,
  platform_version: true,
  python_full_version: true,
  python_version: true,
  sys_platform: true,
};
export const MARKER_ENVIRONMENT_KEYS = Object.keys(ENVIRONMENT_MARKERS) as readonly (keyof MarkerEnvironment)[];

/** Every variable a marker may name: the environment markers plus `extra`, which comes from the requirement. */
const VARIABLES: readonly MarkerVariable[] = [...MARKER_ENVIRONMENT_KEYS, 'extra'];

/** Spellings from before PEP 508 that old egg-info metadata still carries; `packaging` accepted them too. */
const LEGACY_VARIABLES: Record<string, MarkerVariable> = {
  'os.name': 'os_name',
  'sys.platform': 'sys_platform',
  'platform.version': 'platform_version',
  'platform.machine': 'platform_machine',
  'platform.python_implementation': 'platform_python_implementation',
  python_implementation: 'platform_python_implementation',
};

const VERSION_OPS = ['===', '~=', '==', '!=', '<=', '>=', '<', '>'] as const;

class SyntaxFailure extends Error {}

/** A tiny cursor over one line; every `expect*` throws SyntaxFailure, caught at the public boundary. */
class Cursor {
  pos = 0;
  /** Open parentheses in a marker: bounded, so nesting never costs more stack than LIMITS.markerDepth. */
  depth = 0;
  /** Extras, version clauses and marker comparisons so far: bounded, so checking one requirement stays cheap. */
  parts = 0;
  constructor(readonly text: string) {}

  /** Counts one more part; past LIMITS.requirementParts the requirement is refused (real ones have a few). */
  part(): void {
    if (++this.parts > LIMITS.requirementParts)
      throw new SyntaxFailure(
        `more than ${LIMITS.requirementParts} extras, version clauses and marker comparisons (real requirements have a few)`,
      );
  }

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] ?? '')) this.pos += 1;
  }

  peek(literal: string): boolean {
    return this.text.startsWith(literal, this.pos);
  }

  take(literal: string): boolean {
    if (!this.peek(literal)) return false;
    this.pos += literal.length;
    return true;
  }

  /** The text `pattern` (a sticky module constant: it matches only at lastIndex) matches at the cursor, consumed. */
  match(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.pos;
    const found = pattern.exec(this.text);
    if (!found) return undefined;
    this.pos += found[0].length;
    return found[0];
  }

  fail(what: string): never {
    const near = this.done ? 'end of line' : `"${this.text.slice(this.pos, this.pos + 12)}"`;
    throw new SyntaxFailure(`expected ${what} at column ${this.pos + 1} (found ${near})`);
  }
}

// What the cursor matches: sticky ('y'), so each is tried exactly at the cursor, made once (a RegExp per match cost the
// walk over a venv's ~400 requirement lines most of its parse time).
const NAME = /[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/y;
const VERSION_TEXT = /[A-Za-z0-9_.*+!-]+/y;
const URL_TEXT = /[^\s;]+/y;
const SPACES = /\s+/y;
const IN = /in(?![A-Za-z0-9_])/y;
const NOT_IN = /not\s+in(?![A-Za-z0-9_])/y;
const VARIABLE = /[A-Za-z_][A-Za-z0-9_.]*/y;

/** A requirement or marker longer than any real one is refused before parsing: parsing cost stays bounded. */
function tooLong(text: string): string | undefined {
  return text.length > LIMITS.requirementChars
    ? `is ${text.length} characters long, more than the ${LIMITS.requirementChars} a requirement may have here (real ones are under 300)`
    : undefined;
}

/** Parses one requirement line (PEP 508). Never throws. */
export function parseRequirement(line: string): ParseResult<Requirement> {
  const input = line;
  const long = tooLong(line);
  if (long) return { ok: false, error: long, input };
  try {
    const cursor = new Cursor(line.trim());
    if (cursor.done) cursor.fail('a distribution name');
    const name = cursor.match(NAME) ?? cursor.fail('a distribution name');
    cursor.skipSpace();
    const extras = parseExtras(cursor);
    const requirement: Requirement = { name, key: normalizeName(name), extras, specifier: '' };
    parseUrlOrVersions(cursor, requirement);
    cursor.skipSpace();
    parseMarkerClause(cursor, requirement);
    if (!cursor.done) cursor.fail('end of requirement');
    return { ok: true, value: requirement };
  } catch (error) {
    return { ok: false, error: failureText(error), input };
  }
}

const LEADING_NAME = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/;

/**
 * The normalized name a requirement line starts with: parseRequirement's `key` when the line parses, read without
 * parsing the rest (a caller looking for one distribution among many lines parses only that one's).
 */
export function leadingName(line: string): string | undefined {
  const name = LEADING_NAME.exec(line)?.[1];
  return name === undefined ? undefined : normalizeName(name);
}

/**
 * A release-only clause as parseVersionMany takes it: ordering operators, (in)equality with an optional ".*" prefix,
 * "~=" with two segments at least. Every such clause is a PEP 440 specifier (isSpecifier says so without the library).
 */
const PLAIN_CLAUSE = String.raw`(?:(?:==|!=)\s*\d+(?:\.\d+)*(?:\.\*)?|(?:<=|>=|<|>)\s*\d+(?:\.\d+)*|~=\s*\d+(?:\.\d+)+)`;
const PLAIN_CLAUSES = String.raw`${PLAIN_CLAUSE}(?:\s*,\s*${PLAIN_CLAUSE})*`;
const PLAIN_NAME = String.raw`[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?`;
/**
 * `name[extras] clauses ; extra == "x"`: a line made only of parts every parser step accepts, whose marker is one
 * `extra ==` comparison with a name (never "" once normalised, as " " would be). Anything else (an `and`, a URL, a
 * local version) does not match.
 */
const EXTRA_ONLY = new RegExp(
  String.raw`^\s*${PLAIN_NAME}\s*(?:\[\s*${PLAIN_NAME}(?:\s*,\s*${PLAIN_NAME})*\s*\]\s*)?` +
    String.raw`(?:\(\s*${PLAIN_CLAUSES}\s*\)|${PLAIN_CLAUSES})?\s*;\s*extra\s*==\s*(?:"${PLAIN_NAME}"|'${PLAIN_NAME}')\s*$`,
);

/**
 * Whether a line parses and applies only when its owner is asked for some extra: its marker is exactly
 * `extra == "name"`. Three in four Requires-Dist lines of a PyFlink closure are (287 of 388 in apache-flink 2.3's),
 * and a walk that asked for no extra can drop them without parsing (the cold parser's cost is on a run's critical
 * path). False means only "parse it to know": the line may still be such a line.
 */
export function onlyForAnExtra(line: string): boolean {
  // Parts (extras, clauses, the marker's comparison) number at most the commas + 3: within the parser's limit, it parses.
  return line.length <= LIMITS.requirementChars && commas(line) + 3 <= LIMITS.requirementParts && EXTRA_ONLY.test(line);
}

function commas(text: string): number {
  let count = 0;
  for (let at = text.indexOf(','); at >= 0; at = text.indexOf(',', at + 1)) count += 1;
  return count;
}

/** `[extra, ...]` after the name (normalised names), or none. */
function parseExtras(cursor: Cursor): string[] {
  const extras: string[] = [];
  if (!cursor.take('[')) return extras;
  cursor.skipSpace();
  if (!cursor.take(']')) {
    for (;;) {
      cursor.skipSpace();
      cursor.part();
      extras.push(normalizeName(cursor.match(NAME) ?? cursor.fail('an extra name')));
      cursor.skipSpace();
      if (cursor.take(']')) break;
      if (!cursor.take(',')) cursor.fail('"," or "]" in the extras');
    }
  }
  cursor.skipSpace();
  return extras;
}

/** `@ URL`, `(versions)` or bare versions: what the requirement asks for, if anything. */
function parseUrlOrVersions(cursor: Cursor, requirement: Requirement): void {
  if (cursor.take('@')) {
    cursor.skipSpace();
    requirement.url = cursor.match(URL_TEXT) ?? cursor.fail('a URL after "@"');
    const spaced = cursor.match(SPACES);
    if (!cursor.done && !(spaced && cursor.peek(';'))) cursor.fail('whitespace and ";" after the URL');
  } else if (cursor.take('(')) {
    cursor.skipSpace();
    requirement.specifier = parseVersionMany(cursor);
    cursor.skipSpace();
    if (!cursor.take(')')) cursor.fail('")" closing the version specifier');
  } else if (!cursor.done && !cursor.peek(';')) {
    requirement.specifier = parseVersionMany(cursor);
  }
}

/** `; marker`: parsed, and kept as written. */
function parseMarkerClause(cursor: Cursor, requirement: Requirement): void {
  if (!cursor.take(';')) return;
  cursor.skipSpace();
  const markerStart = cursor.pos;
  requirement.marker = parseMarkerOr(cursor);
  requirement.markerText = cursor.text.slice(markerStart).trim();
  cursor.skipSpace();
}

/** A syntax failure says where; anything else (it should not happen within the limits) says only that it failed. */
function failureText(error: unknown): string {
  return error instanceof SyntaxFailure ? error.message : 'too complex to read';
}

function parseVersionMany(cursor: Cursor): string {
  const clauses: string[] = [];
  for (;;) {
    cursor.skipSpace();
    cursor.part();
    const op = VERSION_OPS.find((candidate) => cursor.take(candidate)) ?? cursor.fail('a version operator (==, >=, <, ~=, …)');
    cursor.skipSpace();
    const version = cursor.match(VERSION_TEXT) ?? cursor.fail(`a version after "${op}"`);
    const clause = `${op}${version}`;
    // "===" takes any string; the others must form a PEP 440 specifier, or satisfies() would misjudge them.
    if (op !== '===' && !isSpecifier(clause)) throw new SyntaxFailure(`"${clause}" is not a valid PEP 440 version specifier`);
    clauses.push(clause);
    const save = cursor.pos;
    cursor.skipSpace();
    if (!cursor.take(',')) {
      cursor.pos = save;
      return clauses.join(',');
    }
  }
}

/** Parses a bare marker expression ("python_version >= '3.8' and extra == 'gcp'"). Never throws. */
export function parseMarker(text: string): ParseResult<MarkerNode> {
  const long = tooLong(text);
  if (long) return { ok: false, error: long, input: text };
  try {
    const cursor = new Cursor(text.trim());
    const node = parseMarkerOr(cursor);
    cursor.skipSpace();
    if (!cursor.done) cursor.fail('"and", "or" or end of marker');
    return { ok: true, value: node };
  } catch (error) {
    return { ok: false, error: failureText(error), input: text };
  }
}

function parseMarkerOr(cursor: Cursor): MarkerNode {
  let node = parseMarkerAnd(cursor);
  while (takeKeyword(cursor, 'or')) node = { kind: 'or', left: node, right: parseMarkerAnd(cursor) };
  return node;
}

function parseMarkerAnd(cursor: Cursor): MarkerNode {
  let node = parseMarkerAtom(cursor);
  while (takeKeyword(cursor, 'and')) node = { kind: 'and', left: node, right: parseMarkerAtom(cursor) };
  return node;
}

function parseMarkerAtom(cursor: Cursor): MarkerNode {
  cursor.skipSpace();
  if (cursor.take('(')) {
    if (++cursor.depth > LIMITS.markerDepth)
      throw new SyntaxFailure(`more than ${LIMITS.markerDepth} nested parentheses at column ${cursor.pos}`);
    const inner = parseMarkerOr(cursor);
    cursor.skipSpace();
    if (!cursor.take(')')) cursor.fail('")" in the marker');
    cursor.depth -= 1;
    return inner;
  }
  cursor.part();
  const left = parseMarkerValue(cursor);
  cursor.skipSpace();
  const op = parseMarkerOp(cursor);
  cursor.skipSpace();
  const right = parseMarkerValue(cursor);
  if (left.kind === 'string' && right.kind === 'string') cursor.fail('a marker variable on one side of the comparison');
  return { kind: 'compare', left, op, right };
}

/** "and" / "or", as a whole word. */
const KEYWORDS = { and: /and(?![A-Za-z0-9_.])/y, or: /or(?![A-Za-z0-9_.])/y };

function takeKeyword(cursor: Cursor, word: keyof typeof KEYWORDS): boolean {
  const save = cursor.pos;
  cursor.skipSpace();
  if (cursor.match(KEYWORDS[word])) return true;
  cursor.pos = save;
  return false;
}

function parseMarkerOp(cursor: Cursor): MarkerOp {
  const symbol = VERSION_OPS.find((candidate) => cursor.take(candidate));
  if (symbol) return symbol;
  if (cursor.match(IN)) return 'in';
  if (cursor.match(NOT_IN)) return 'not in';
  return cursor.fail('a marker operator (==, >=, in, not in, …)');
}

function parseMarkerValue(cursor: Cursor): MarkerValue {
  const quote = cursor.peek('"') ? '"' : cursor.peek("'") ? "'" : undefined;
  if (quote) {
    const end = cursor.text.indexOf(quote, cursor.pos + 1);
    if (end < 0) cursor.fail(`a closing ${quote}`);
    const value = cursor.text.slice(cursor.pos + 1, end);
    cursor.pos = end + 1;
    return { kind: 'string', value };
  }
  const word = cursor.match(VARIABLE);
  if (word) {
    const name = (VARIABLES as readonly string[]).includes(word) ? (word as MarkerVariable) : LEGACY_VARIABLES[word];
    if (name) return { kind: 'variable', name };
    throw new SyntaxFailure(`unknown marker variable "${word}"`);
  }
  return cursor.fail('a marker variable or a quoted string');
}

/** The environment a marker is evaluated in: the interpreter's markers plus the extra being asked about. */
export type MarkerContext = MarkerEnvironment & { extra?: string };

/**
 * True when the marker holds in `env`. Never throws: a comparison PEP 508 leaves undefined (e.g. "~=" between
 * strings that are not versions) is false. `extra` is "" unless set, and compares by normalised name (PEP 685).
 */
export function evaluateMarker(node: MarkerNode, env: MarkerContext): boolean {
  switch (node.kind) {
    case 'and':
    case 'or': {
      // "a and b and c …" nests to the left: walk that spine in a loop rather than recursing once per clause.
      const rights: MarkerNode[] = [];
      let left: MarkerNode = node;
      while (left.kind === node.kind) {
        rights.push(left.right);
        left = left.left;
      }
      let value = evaluateMarker(left, env);
      for (let i = rights.length - 1; i >= 0; i -= 1) {
        const right = rights[i] as MarkerNode;
        value = node.kind === 'and' ? value && evaluateMarker(right, env) : value || evaluateMarker(right, env);
      }
      return value;
    }
    case 'compare': {
      const isExtra = isVariable(node.left, 'extra') || isVariable(node.right, 'extra');
      const resolve = (value: MarkerValue) => {
        const raw = value.kind === 'string' ? value.value : value.name === 'extra' ? (env.extra ?? '') : String(env[value.name] ?? '');
        return isExtra ? normalizeName(raw) : raw;
      };
      return compareMarkerValues(resolve(node.left), node.op, resolve(node.right));
    }
  }
}

function isVariable(value: MarkerValue, name: MarkerVariable): boolean {
  return value.kind === 'variable' && value.name === name;
}

/**
 * Comparisons already made, by (left, op, right): a requirement is evaluated once per extra asked for, and PEP 440
 * parsing is the costly part. Emptied when full, so memory stays bounded.
 */
const compared = new Map<string, boolean>();
const MAX_COMPARED = 10_000;

/** One comparison, as `packaging` does it: PEP 440 when "<op><right>" is a specifier and left a version. */
export function compareMarkerValues(left: string, op: MarkerOp, right: string): boolean {
  const key = `${left}\0${op}\0${right}`;
  const known = compared.get(key);
  if (known !== undefined) return known;
  if (compared.size >= MAX_COMPARED) compared.clear();
  const verdict = compareUncached(left, op, right);
  compared.set(key, verdict);
  return verdict;
}

function compareUncached(left: string, op: MarkerOp, right: string): boolean {
  if (op === 'in') return right.includes(left);
  if (op === 'not in') return !right.includes(left);
  if (op === '===') return left.toLowerCase() === right.toLowerCase();
  if (valid(left) !== null && isSpecifier(`${op}${right}`)) {
    const verdict = clauseHolds(left, `${op}${right}`);
    if (verdict !== undefined) return verdict;
  }
  switch (op) {
    case '==':
      return left === right;
    case '!=':
      return left !== right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    default:
      return false; // "~=" between non-versions is undefined in PEP 508
  }
}

/**
 * Whether a requirement applies when its owner was asked for with `extras`: true with no marker, else when the
 * marker holds with extra "" or with any of the requested extras (pip's rule).
 */
export function requirementApplies(requirement: Requirement, env: MarkerEnvironment, extras: readonly string[] = []): boolean {
  if (!requirement.marker) return true;
  const marker = requirement.marker;
  // A marker that never names `extra` has one answer whatever the extras: evaluate it once.
  const asked = mentionsExtra(marker) ? ['', ...extras] : [''];
  return asked.some((extra) => evaluateMarker(marker, { ...env, extra }));
}

function mentionsExtra(node: MarkerNode): boolean {
  if (node.kind === 'compare') return isVariable(node.left, 'extra') || isVariable(node.right, 'extra');
  return mentionsExtra(node.left) || mentionsExtra(node.right);
}

/** Whether `version` satisfies a specifier like ">=5,<9" (pre-releases count, as in `pip check`). Invalid input → false. */
export function versionSatisfies(version: string, specifier: string): boolean {
  if (specifier.trim() === '') return true;
  const clauses = specifier
    .split(',')
    .map((clause) => clause.trim())
    .filter(Boolean);
  // A release-only version ("2.3.0") is valid PEP 440 on its face; only others go to the library's parser.
  let versionValid: boolean | undefined;
  return clauses.every((clause) => {
    if (clause.startsWith('===')) return version.trim().toLowerCase() === clause.slice(3).trim().toLowerCase();
    versionValid ??= RELEASE.test(version) || valid(version) !== null;
    if (!versionValid || !isSpecifier(clause)) return false;
    return clauseHolds(version, clause) ?? false;
  });
}

/** A release-only version ("3.11", "2.4.2"): no epoch, pre, post, dev or local part. */
const RELEASE = /^\d+(?:\.\d+)*$/;
/** A clause of an ordering or (in)equality operator and a release-only version: "<4", "!=3.0.1". */
const RELEASE_CLAUSE = /^\s*(==|!=|<=|>=|<|>)\s*(\d+(?:\.\d+)*)\s*$/;

/** Specifiers already validated: parsing one with @renovatebot/pep440 costs ~50 µs, and a walk meets the same ones often. */
const specifiers = new Map<string, boolean>();

/**
 * Whether "<op><version>" is a PEP 440 specifier. Release-only versions are valid with every operator (two segments
 * at least for "~="), so those are decided here; anything else goes to the library. Results are kept (bounded).
 */
export function isSpecifier(clause: string): boolean {
  const release = /^\s*(~=|==|!=|<=|>=|<|>)\s*(\d+(?:\.\d+)*)\s*$/.exec(clause);
  if (release) return release[1] !== '~=' || (release[2] ?? '').includes('.');
  const known = specifiers.get(clause);
  if (known !== undefined) return known;
  if (specifiers.size >= MAX_COMPARED) specifiers.clear();
  const verdict = Boolean(validRange(clause));
  specifiers.set(clause, verdict);
  return verdict;
}

/** The release-only case of clauseHolds, which the library answers too but ~50 times slower; undefined otherwise. */
function releaseClauseHolds(version: string, clause: string): boolean | undefined {
  const match = RELEASE_CLAUSE.exec(clause);
  if (!match || !RELEASE.test(version.trim())) return releasePrefixHolds(version.trim(), clause);
  // PEP 440 orders release-only versions segment by segment as numbers, missing segments counting as 0.
  const order = compareReleases(version.trim(), match[2] ?? '');
  switch (match[1]) {
    case '==':
      return order === 0;
    case '!=':
      return order !== 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    default:
      return order >= 0;
  }
}

/** "==1.2.*" and "!=4.0.*" (a prefix of the release), and "~=2.2.1" (">=2.2.1" and "==2.2.*"). */
const PREFIX_CLAUSE = /^\s*(==|!=)\s*(\d+(?:\.\d+)*)\.\*\s*$/;
const COMPATIBLE_CLAUSE = /^\s*~=\s*(\d+(?:\.\d+)+)\s*$/;

/**
 * A prefix or compatible-release clause against a release-only version, decided here: the library's parser costs
 * ~100 µs cold per call, and a venv's requirements hold a dozen of these. Anything else: undefined.
 */
function releasePrefixHolds(version: string, clause: string): boolean | undefined {
  if (!RELEASE.test(version)) return undefined;
  const prefix = PREFIX_CLAUSE.exec(clause);
  if (prefix) return hasReleasePrefix(version, prefix[2] ?? '') === (prefix[1] === '==');
  const compatible = COMPATIBLE_CLAUSE.exec(clause)?.[1];
  if (compatible === undefined) return undefined;
  return compareReleases(version, compatible) >= 0 && hasReleasePrefix(version, compatible.replace(/\.\d+$/, ''));
}

/** Whether the release starts with `prefix`, segment by segment as numbers, the release padded with zeros (PEP 440). */
function hasReleasePrefix(version: string, prefix: string): boolean {
  const segments = version.split('.');
  return prefix.split('.').every((part, i) => Number(segments[i] ?? 0) === Number(part));
}

/**
 * One PEP 440 clause. "<V" and ">V" are done here: @renovatebot/pep440 rejects every version with V's release
 * (so 3.13.0b4 < 3.13.0rc1 is false there), while PEP 440 only excludes pre-releases of V from "<V" when V is
 * not a pre-release itself, and post-releases and local versions of V from ">V" when V is not a post-release.
 * The other operators go to satisfies(); undefined when the library cannot decide (it throws).
 */
function clauseHolds(version: string, clause: string): boolean | undefined {
  const fast = releaseClauseHolds(version, clause);
  if (fast !== undefined) return fast;
  try {
    const exclusive = /^\s*([<>])(?!=)\s*(.+?)\s*$/.exec(clause);
    if (exclusive) {
      const op = exclusive[1];
      const bound = exclusive[2] ?? '';
      const candidate = explain(version);
      const limit = explain(bound);
      if (!candidate || !limit) return undefined;
      const sameBase = compare(candidate.base_version, limit.base_version) === 0;
      if (op === '<') {
        if (compare(version, bound) >= 0) return false;
        return !(sameBase && candidate.is_prerelease && !limit.is_prerelease);
      }
      if (compare(version, bound) <= 0) return false;
      if (sameBase && candidate.is_postrelease && !limit.is_postrelease) return false;
      return !(sameBase && candidate.local !== null);
    }
    return satisfies(version, clause, { prereleases: true });
  } catch {
    return undefined;
  }
}
