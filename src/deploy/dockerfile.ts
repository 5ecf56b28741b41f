// A Dockerfile read for what the image will hold: the base image of the final stage (through FROM <stage>
// chains, with ARG defaults substituted where they are literal), the pip installs, OS packages and Python it
// adds, and the JARs it copies or downloads. One linear pass over the lines (continuations, comment lines
// inside them, the escape directive, heredocs, JSON exec form), then one over the instructions; variables
// live in a Map. dockerfile-ast was measured first and dropped: 58 s for a 400 KB file of ARG and RUN lines.
import { posix } from 'node:path';
import { parseFlinkTag, parseImageRef, isFlinkRepository, pythonOfImage, type FlinkImageTag, type ImageRef } from './image-ref.js';
import { analyseShell, emptyFindings, type PipCommand, type PlacedJar } from './shell.js';
import { LIMITS } from '../engine/limits.js';

export const MAX_DOCKERFILE_BYTES = LIMITS.dockerfileBytes;
const MAX_INSTRUCTIONS = LIMITS.dockerfileInstructions;

export interface DockerInstruction {
  /** 1-based line of the keyword. */
  line: number;
  keyword: string;
  args: string;
  /** Heredoc bodies (RUN <<EOF … EOF). */
  heredocs: string[];
}

export interface DockerfileFacts {
  stages: { line: number; image: string; name?: string }[];
  /** The official Flink image the final stage builds on, through FROM <stage> chains. */
  flinkImage?: { ref: ImageRef; tag?: FlinkImageTag; line: number };
  /** The final stage's root image when it is not a Flink image. */
  otherBase?: { ref: ImageRef; line: number };
  /** Python of an official python:<version> base image. */
  pythonImage?: { version: string; line: number };
  pip: (PipCommand & { line: number })[];
  packages: { name: string; line: number }[];
  pythonAlias: boolean;
  /** Virtual environments the image creates. */
  venvs: { dir: string; line: number }[];
  /** The final stage's PATH (ENV PATH), split. */
  path: string[];
  pythonInstalls: { version: string; line: number }[];
  sharedLibpython: boolean;
  jars: (PlacedJar & { line: number })[];
  /** FROM lines whose image could not be resolved (an ARG without a default). */
  unresolved: { line: number; text: string }[];
  problems: string[];
}

/** Lines → instructions; never throws. */
export function readInstructions(text: string): { instructions: DockerInstruction[]; problems: string[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const escape = escapeDirective(lines);
  const instructions: DockerInstruction[] = [];
  const problems: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const first = (lines[i] ?? '').trim();
    if (first === '' || first.startsWith('#')) continue;
    const start = i;
    let joined = '';
    let line = lines[i] ?? '';
    while (line.trimEnd().endsWith(escape) && i + 1 < lines.length) {
      joined += line.trimEnd().slice(0, -1);
      i += 1;
      // Comment lines inside a continuation are dropped by Docker, and so are empty ones.
      while (i + 1 < lines.length && /^\s*(#.*)?$/.test(lines[i] ?? '')) i += 1;
      line = lines[i] ?? '';
    }
    joined += line;
    const match = /^\s*([A-Za-z]+)\s*(.*)$/s.exec(joined);
    if (!match) continue;
    const instruction: DockerInstruction = {
      line: start + 1,
      keyword: (match[1] ?? '').toUpperCase(),
      args: (match[2] ?? '').trim(),
      heredocs: [],
    };
    i = readHeredocs(instruction, lines, i);
    instructions.push(instruction);
    if (instructions.length >= MAX_INSTRUCTIONS) {
      problems.push(`more than ${MAX_INSTRUCTIONS} instructions: the rest was not read`);
      break;
    }
  }
  return { instructions, problems };
}

function escapeDirective(lines: readonly string[]): string {
  for (const line of lines) {
    const directive = /^#\s*([a-zA-Z]+)\s*=\s*(\S+)\s*$/.exec(line);
    if (!directive) break;
    if (directive[1]?.toLowerCase() === 'escape' && (directive[2] === '`' || directive[2] === '\\')) return directive[2];
  }
  return '\\';
}

/** RUN/COPY/ADD <<EOF: the lines up to each delimiter belong to the instruction. Returns the last line read. */
function readHeredocs(instruction: DockerInstruction, lines: readonly string[], at: number): number {
  if (!/^(RUN|COPY|ADD)$/.test(instruction.keyword)) return at;
  let i = at;
  for (const match of instruction.args.matchAll(/<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g)) {
    const [, dash, , word] = match;
    const body: string[] = [];
    while (i + 1 < lines.length) {
      i += 1;
      const text = lines[i] ?? '';
      if ((dash ? text.trim() : text) === word) break;
      body.push(text);
    }
    instruction.heredocs.push(body.join('\n'));
  }
  return i;
}

/** $NAME, ${NAME}, ${NAME:-word}, ${NAME:+word}; unknown names stay as written (and mark the text unresolved). */
export function expandVariables(text: string, vars: ReadonlyMap<string, string>): { text: string; unresolved: boolean } {
  let unresolved = false;
  const out = text.replace(
    /\\\$|\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::([-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (whole, braced, op, word, bare) => {
      if (whole === '\\$') return '$';
      const name = (braced ?? bare) as string;
      const value = vars.get(name);
      if (op === '-') return value ? value : (word as string);
      if (op === '+') return value ? (word as string) : '';
      if (value === undefined) {
        unresolved = true;
        return whole;
      }
      return value;
    },
  );
  return { text: out, unresolved };
}

interface Stage {
  line: number;
  image: string;
  name?: string;
  parent?: Stage;
  vars: Map<string, string>;
  /** ARG defaults declared before the first FROM: an ARG without a default inside the stage takes them. */
  globals: ReadonlyMap<string, string>;
  workdir: string;
  instructions: DockerInstruction[];
}

export function analyseDockerfile(text: string): DockerfileFacts {
  const { instructions, problems } = readInstructions(text);
  const facts: DockerfileFacts = {
    stages: [],
    pip: [],
    packages: [],
    pythonAlias: false,
    venvs: [],
    path: [],
    pythonInstalls: [],
    sharedLibpython: false,
    jars: [],
    unresolved: [],
    problems,
  };
  const stages = buildStages(instructions, facts);
  const final = stages[stages.length - 1];
  if (!final) {
    facts.problems.push('no FROM instruction: not a Dockerfile');
    return facts;
  }
  facts.stages = stages.map((s) => ({ line: s.line, image: s.image, ...(s.name ? { name: s.name } : {}) }));
  const chain = finalChain(final);
  describeBase(chain[0] as Stage, facts);
  for (const stage of chain) readStage(stage, facts);
  facts.path = (final.vars.get('PATH') ?? '').split(':').filter(Boolean);
  // A venv whose bin/ is on PATH provides `python` (python -m venv always makes bin/python).
  if (facts.venvs.some((v) => facts.path.includes(`${v.dir}/bin`))) facts.pythonAlias = true;
  return facts;
}

function buildStages(instructions: readonly DockerInstruction[], facts: DockerfileFacts): Stage[] {
  const globals = new Map<string, string>();
  const stages: Stage[] = [];
  // The first stage of each name: a FROM names an earlier stage (a Map, not a search of every stage per FROM).
  const named = new Map<string, Stage>();
  for (const instruction of instructions) {
    const current = stages[stages.length - 1];
    if (instruction.keyword === 'FROM') {
      const stage = startStage(instruction, named, globals, facts);
      stages.push(stage);
      if (stage.name !== undefined && !named.has(stage.name)) named.set(stage.name, stage);
    } else if (!current) {
      if (instruction.keyword === 'ARG') declareArg(instruction.args, globals, globals);
    } else {
      current.instructions.push(instruction);
    }
  }
  return stages;
}

/** A FROM: its image (global ARGs expanded), its name, and what it inherits from an earlier stage or an official Flink image. */
function startStage(
  instruction: DockerInstruction,
  named: ReadonlyMap<string, Stage>,
  globals: Map<string, string>,
  facts: DockerfileFacts,
): Stage {
  const words = instruction.args.split(/\s+/).filter((w) => !w.startsWith('--'));
  const expanded = expandVariables(words[0] ?? '', globals);
  if (expanded.unresolved) facts.unresolved.push({ line: instruction.line, text: words[0] ?? '' });
  const name = words[1]?.toUpperCase() === 'AS' ? words[2]?.toLowerCase() : undefined;
  const parent = named.get(expanded.text.toLowerCase());
  const official = parseImageRef(expanded.text);
  const vars = new Map(parent?.vars ?? []);
  // The official Flink images set FLINK_HOME=/opt/flink and WORKDIR $FLINK_HOME (apache/flink-docker Dockerfiles).
  if (!parent && official && isFlinkRepository(official.repository)) vars.set('FLINK_HOME', '/opt/flink');
  const workdir = parent?.workdir ?? (vars.has('FLINK_HOME') ? '/opt/flink' : '/');
  return {
    line: instruction.line,
    image: expanded.text,
    ...(name ? { name } : {}),
    ...(parent ? { parent } : {}),
    vars,
    globals,
    workdir,
    instructions: [],
  };
}

/** The final stage and the stages it builds FROM, root first (a Set: a chain of 25,000 stages is linear). */
function finalChain(final: Stage): Stage[] {
  const chain = new Set<Stage>();
  for (let stage: Stage | undefined = final; stage && !chain.has(stage); stage = stage.parent) chain.add(stage);
  return [...chain].reverse();
}

function declareArg(args: string, into: Map<string, string>, globals: ReadonlyMap<string, string>): void {
  for (const word of args.split(/\s+/).filter(Boolean)) {
    const eq = word.indexOf('=');
    const name = eq >= 0 ? word.slice(0, eq) : word;
    const value = eq >= 0 ? unquote(expandVariables(word.slice(eq + 1), into).text) : globals.get(name);
    if (value !== undefined) into.set(name, value);
  }
}

function describeBase(root: Stage, facts: DockerfileFacts): void {
  const ref = parseImageRef(root.image);
  if (!ref) return;
  if (isFlinkRepository(ref.repository)) {
    const tag = parseFlinkTag(ref.tag);
    facts.flinkImage = { ref, ...(tag ? { tag } : {}), line: root.line };
    return;
  }
  facts.otherBase = { ref, line: root.line };
  const python = pythonOfImage(ref);
  if (python) facts.pythonImage = { version: python, line: root.line };
}

function readStage(stage: Stage, facts: DockerfileFacts): void {
  for (const instruction of stage.instructions) {
    const { keyword, args, line } = instruction;
    if (keyword === 'ARG') declareArg(args, stage.vars, stage.globals);
    else if (keyword === 'ENV') readEnv(args, stage.vars);
    else if (keyword === 'WORKDIR') stage.workdir = posix.resolve(stage.workdir, unquote(expandVariables(args, stage.vars).text));
    else if (keyword === 'RUN') readRun(instruction, stage, facts);
    else if (keyword === 'COPY' || keyword === 'ADD') readCopy(args, line, stage, facts);
  }
}

function readEnv(args: string, vars: Map<string, string>): void {
  const legacy = /^([A-Za-z_][A-Za-z0-9_]*)\s+([^=].*)$/.exec(args);
  if (legacy?.[1] && !args.includes('=')) {
    vars.set(legacy[1], unquote(expandVariables(legacy[2] ?? '', vars).text));
    return;
  }
  for (const match of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g)) {
    vars.set(match[1] as string, unquote(expandVariables(match[2] ?? '', vars).text));
  }
}

function readRun(instruction: DockerInstruction, stage: Stage, facts: DockerfileFacts): void {
  const exec = execForm(instruction.args);
  const script = exec
    ? exec[1] === '-c' && /(^|\/)(ba)?sh$/.test(exec[0] ?? '')
      ? (exec[2] ?? '')
      : exec.join(' ')
    : instruction.args.replace(/<<-?(["']?)[A-Za-z_][A-Za-z0-9_]*\1/g, '');
  const lookup = (name: string) => stage.vars.get(name);
  const found = analyseShell([script, ...instruction.heredocs].join('\n'), lookup, stage.workdir, emptyFindings());
  const line = instruction.line;
  facts.pip.push(...found.pip.map((pip) => ({ ...pip, line })));
  facts.packages.push(...found.packages.map((name) => ({ name, line })));
  facts.pythonInstalls.push(...found.pythonInstalls.map((version) => ({ version, line })));
  facts.jars.push(...found.jars.map((jar) => ({ ...jar, line })));
  facts.venvs.push(...found.venvs.map((dir) => ({ dir, line })));
  facts.pythonAlias ||= found.pythonAlias;
  facts.sharedLibpython ||= found.sharedLibpython;
  if (found.skipped > 0) facts.problems.push(`line ${line}: ${found.skipped} shell line(s) could not be read`);
}

function readCopy(args: string, line: number, stage: Stage, facts: DockerfileFacts): void {
  const words = execForm(args) ?? args.split(/\s+/).filter(Boolean);
  const operands = words.filter((w) => !w.startsWith('--')).map((w) => unquote(expandVariables(w, stage.vars).text));
  if (operands.length < 2) return;
  const dest = posix.resolve(stage.workdir, operands[operands.length - 1] ?? '.');
  for (const source of operands.slice(0, -1)) {
    const name = posix.basename(source.split(/[?#]/)[0] ?? source);
    if (!/\.jar$/i.test(name)) continue;
    const toFile = dest.endsWith('.jar');
    facts.jars.push({
      name: toFile ? posix.basename(dest) : name,
      dir: toFile ? posix.dirname(dest) : dest,
      how: /^https?:/i.test(source) ? 'download' : 'copy',
      line,
    });
  }
}

/** ["a", "b"] exec form, or undefined for shell form. */
function execForm(args: string): string[] | undefined {
  if (!args.trimStart().startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(args);
    return Array.isArray(parsed) && parsed.every((w) => typeof w === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function unquote(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length >= 2 && (trimmed[0] === '"' || trimmed[0] === "'") && trimmed.endsWith(trimmed[0])) return trimmed.slice(1, -1);
  return trimmed;
}
