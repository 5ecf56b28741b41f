// What a Dockerfile RUN script does that matters to PyFlink, read without running it: pip installs (with the
// interpreter that runs pip), OS packages, a `python` alias, Python built from source or installed by conda/uv,
// and JARs downloaded or copied into a folder. shell-quote does the shell word splitting (quotes, escapes,
// operators, $VAR from the ARG/ENV values known at that line); a line it cannot split is skipped and noted.
import { posix } from 'node:path';
import { parse, type ParseEntry } from 'shell-quote';
import { LIMITS } from '../engine/limits.js';

export interface PipCommand {
  /** The interpreter that runs pip when the command names one ("python3.11 -m pip", "pip3.11"). */
  python?: string;
  specs: string[];
  requirementFiles: string[];
}

export interface PlacedJar {
  /** The JAR's file name ("flink-sql-connector-kafka-3.3.0-1.20.jar"), or a glob ("*.jar"). */
  name: string;
  /** The absolute folder it lands in ("/opt/flink/lib"). */
  dir: string;
  how: 'download' | 'copy';
}

export interface ShellFindings {
  pip: PipCommand[];
  /** OS packages installed (apt-get, apt, apk, yum, dnf, microdnf), without version pins. */
  packages: string[];
  /** Something makes `python` resolve (a symlink, update-alternatives, python-is-python3). */
  pythonAlias: boolean;
  /** Virtual environments created (python3 -m venv DIR, virtualenv DIR, uv venv DIR): DIR/bin/python exists. */
  venvs: string[];
  /** Python versions built or installed by version ("3.11.9" from Python-3.11.9.tgz, conda python=3.11, uv). */
  pythonInstalls: string[];
  /** A Python configured with --enable-shared (a shared libpython, which thread mode needs). */
  sharedLibpython: boolean;
  jars: PlacedJar[];
  /** Lines shell-quote could not split. */
  skipped: number;
}

export type Lookup = (name: string) => string | undefined;

const MAX_LINE = LIMITS.shellLineChars;
const SEPARATORS = new Set(['&&', '||', ';', '|', '&', '(', ')', ';;', '|&']);

export function emptyFindings(): ShellFindings {
  return { pip: [], packages: [], pythonAlias: false, venvs: [], pythonInstalls: [], sharedLibpython: false, jars: [], skipped: 0 };
}

/** Reads `script` (one RUN's text, continuations joined) into `into`; `cwd` is the WORKDIR at that line. */
export function analyseShell(script: string, lookup: Lookup, cwd: string, into: ShellFindings = emptyFindings()): ShellFindings {
  let dir = cwd;
  for (const line of script.split('\n')) {
    if (line.trim() === '') continue;
    const words = splitWords(line, lookup);
    if (!words) {
      into.skipped += 1;
      continue;
    }
    for (const command of commands(words)) dir = readCommand(command, dir, into);
  }
  return into;
}

function splitWords(line: string, lookup: Lookup): ParseEntry[] | undefined {
  if (line.length > MAX_LINE) return undefined;
  try {
    return parse(line, variables(lookup));
  } catch {
    // shell-quote's messages quote the whole input: never shown.
    return undefined;
  }
}

/**
 * $NAME as `lookup` has it, an unknown one as written. An object (a Proxy), not a function: given a function,
 * shell-quote compiles a regular expression for every word it returns (to find objects a function may return),
 * ~0.4 s of CPU for a Dockerfile of long RUN lines at its cap; given an object, it returns the words as they are.
 */
function variables(lookup: Lookup): Record<string, string> {
  return new Proxy({}, { get: (_, key) => (typeof key === 'string' ? (lookup(key) ?? `\${${key}}`) : undefined) });
}

/** Words grouped into simple commands; a comment ends the line, globs keep their pattern. */
function commands(entries: readonly ParseEntry[]): string[][] {
  const out: string[][] = [[]];
  for (const entry of entries) {
    if (typeof entry === 'string') out[out.length - 1]?.push(entry);
    else if ('comment' in entry) break;
    else if ('pattern' in entry) out[out.length - 1]?.push(String(entry.pattern));
    else if (SEPARATORS.has(String(entry.op))) out.push([]);
  }
  return out.filter((words) => words.length > 0);
}

/** One simple command; returns the working directory after it (`cd` changes it). */
function readCommand(raw: string[], cwd: string, into: ShellFindings): string {
  const words = dropPrefixes(raw);
  const [first = '', ...rest] = words;
  const name = posix.basename(first);
  if (name === 'cd') return rest[0] ? posix.resolve(cwd, rest[0]) : cwd;
  noteVersions(words, into);
  const venv = venvDir(name, rest);
  if (venv) into.venvs.push(posix.resolve(cwd, venv));
  const pip = pipCommand(name, rest);
  if (pip) into.pip.push(pip);
  else if (/^(apt-get|apt|apk|yum|dnf|microdnf)$/.test(name)) readPackages(rest, into);
  else if (name === 'ln' && rest.some((w) => /^-[a-zA-Z]*s[a-zA-Z]*$|^--symbolic$/.test(w))) readLink(rest, into);
  else if (name === 'update-alternatives' && rest.includes('--install') && rest.some((w) => posix.basename(w) === 'python'))
    into.pythonAlias = true;
  else if (name === 'wget' || name === 'curl') readDownload(name, rest, cwd, into);
  else if (name === 'cp' || name === 'mv') readCopy(rest, cwd, into);
  return cwd;
}

function dropPrefixes(words: string[]): string[] {
  let i = 0;
  while (
    i < words.length &&
    (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i] ?? '') || ['sudo', 'exec', 'env', 'time', 'command', 'nohup'].includes(words[i] ?? ''))
  )
    i++;
  return words.slice(i);
}

/** pip options that take a value in the next word (everything else starting with '-' is a flag). */
const PIP_VALUE_OPTIONS = new Set([
  '-r',
  '--requirement',
  '-c',
  '--constraint',
  '-i',
  '--index-url',
  '--extra-index-url',
  '-f',
  '--find-links',
  '-t',
  '--target',
  '--prefix',
  '--root',
  '--platform',
  '--python-version',
  '--implementation',
  '--abi',
  '--only-binary',
  '--no-binary',
  '--progress-bar',
  '--cache-dir',
  '--src',
  '-e',
  '--editable',
  '--trusted-host',
  '--proxy',
  '--retries',
  '--timeout',
  '--log',
  '--python',
  '-p',
  '--upgrade-strategy',
  '--report',
  '--global-option',
  '--config-settings',
  '-C',
]);

function pipCommand(name: string, rest: string[]): PipCommand | undefined {
  const invocation = pipInvocation(name, rest);
  if (!invocation) return undefined;
  const { args, python } = invocation;
  const install = args.indexOf('install');
  if (install < 0 || args.slice(0, install).some((w) => !w.startsWith('-'))) return undefined;
  const out: PipCommand = { ...(python ? { python } : {}), specs: [], requirementFiles: [] };
  readInstallArgs(args.slice(install + 1), out);
  return out;
}

/** pip's own arguments when the command runs pip (`pip3.11`, `python3 -m pip`, `uv pip`), and the Python it implies. */
function pipInvocation(name: string, rest: string[]): { args: string[]; python?: string } | undefined {
  const pipName = /^pip(\d(?:\.\d+)?)?$/.exec(name);
  if (pipName) return { args: rest, ...(pipName[1]?.includes('.') ? { python: `python${pipName[1]}` } : {}) };
  if (/^python(\d(\.\d+)?)?$/.test(name) && rest[0] === '-m' && rest[1] === 'pip') return { args: rest.slice(2), python: name };
  if (name === 'uv' && rest[0] === 'pip') return { args: rest.slice(1) };
  return undefined;
}

/** `pip install` words: the requirement specs, the -r files, and a --python that overrides the implied one. */
function readInstallArgs(words: string[], out: PipCommand): void {
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const [option, inline] =
      word.startsWith('--') && word.includes('=')
        ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)]
        : [word, undefined];
    if (PIP_VALUE_OPTIONS.has(option)) {
      const value = inline ?? words[++i];
      if ((option === '-r' || option === '--requirement') && value) out.requirementFiles.push(value);
      if ((option === '--python' || option === '-p') && value) out.python = value;
    } else if (!word.startsWith('-')) {
      out.specs.push(word);
    }
  }
}

/** The folder of `python3 -m venv DIR`, `virtualenv DIR` or `uv venv DIR` (the last operand). */
function venvDir(name: string, rest: string[]): string | undefined {
  let args: string[] | undefined;
  if (/^python(\d(\.\d+)?)?$/.test(name) && rest[0] === '-m' && (rest[1] === 'venv' || rest[1] === 'virtualenv')) args = rest.slice(2);
  else if (name === 'virtualenv') args = rest;
  else if (name === 'uv' && rest[0] === 'venv') args = rest.slice(1);
  const operands = (args ?? []).filter((w, i, all) => !w.startsWith('-') && !['--python', '-p', '--prompt'].includes(all[i - 1] ?? ''));
  return operands[operands.length - 1];
}

function readPackages(rest: string[], into: ShellFindings): void {
  const verb = rest.findIndex((w) => w === 'install' || w === 'add');
  if (verb < 0) return;
  for (const word of rest.slice(verb + 1)) {
    if (word.startsWith('-')) continue;
    const name = word.replace(/[=<>].*$/, '');
    into.packages.push(name);
    if (name === 'python-is-python3') into.pythonAlias = true;
  }
}

function readLink(rest: string[], into: ShellFindings): void {
  const operands = rest.filter((w) => !w.startsWith('-'));
  const link = operands[operands.length - 1];
  if (operands.length >= 2 && link && posix.basename(link) === 'python') into.pythonAlias = true;
}

/** The options of wget and curl that name the file a download is saved as, or the folder it is saved in. */
const SAVED_TO = new Map<string, { options: Map<string, 'file' | 'dir'>; inline: boolean }>([
  [
    'wget',
    {
      options: new Map([
        ['-O', 'file'],
        ['--output-document', 'file'],
        ['-P', 'dir'],
        ['--directory-prefix', 'dir'],
      ]),
      inline: true,
    },
  ],
  [
    'curl',
    {
      options: new Map([
        ['-o', 'file'],
        ['--output', 'file'],
        ['--output-dir', 'dir'],
      ]),
      inline: false,
    },
  ],
]);

function readDownload(name: string, rest: string[], cwd: string, into: ShellFindings): void {
  const { file, dir, urls } = downloadArgs(name, rest);
  for (const url of urls) {
    const target = file
      ? posix.resolve(cwd, file)
      : posix.join(posix.resolve(cwd, dir ?? '.'), posix.basename(url.split(/[?#]/)[0] ?? url));
    if (target.endsWith('.jar')) into.jars.push({ name: posix.basename(target), dir: posix.dirname(target), how: 'download' });
  }
}

/** The URLs a wget / curl command fetches, and the file or folder it saves them to (wget also takes --option=value). */
function downloadArgs(name: string, rest: string[]): { file?: string; dir?: string; urls: string[] } {
  const saved = SAVED_TO.get(name);
  const found: { file?: string; dir?: string; urls: string[] } = { urls: [] };
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i] ?? '';
    const eq = saved?.inline && word.startsWith('--') ? word.indexOf('=') : -1;
    const inlineTo = eq >= 0 ? saved?.options.get(word.slice(0, eq)) : undefined;
    const to = saved?.options.get(word);
    if (inlineTo) found[inlineTo] = word.slice(eq + 1);
    else if (to) found[to] = rest[++i];
    else if (/^https?:\/\//i.test(word)) found.urls.push(word);
  }
  return found;
}

function readCopy(rest: string[], cwd: string, into: ShellFindings): void {
  const operands = rest.filter((w) => !w.startsWith('-'));
  if (operands.length < 2) return;
  const dest = posix.resolve(cwd, operands[operands.length - 1] ?? '.');
  for (const source of operands.slice(0, -1)) {
    if (!/\.jar$/i.test(source)) continue;
    const intoFile = dest.endsWith('.jar');
    into.jars.push({
      name: intoFile ? posix.basename(dest) : posix.basename(source),
      dir: intoFile ? posix.dirname(dest) : dest,
      how: 'copy',
    });
  }
}

/** Python versions named by a source build, pyenv, conda/mamba or uv; --enable-shared for libpython. */
function noteVersions(words: string[], into: ShellFindings): void {
  const name = posix.basename(words[0] ?? '');
  for (const word of words) {
    const source = /Python-(\d+\.\d+\.\d+)/.exec(word);
    if (source?.[1]) addOnce(into.pythonInstalls, source[1]);
    if (word === '--enable-shared') into.sharedLibpython = true;
  }
  const rest = words.slice(1);
  if (/^(conda|mamba|micromamba)$/.test(name)) {
    for (const word of rest) {
      const pin = /^python[=]{1,2}(\d+\.\d+(?:\.\d+)?)/.exec(word);
      if (pin?.[1]) addOnce(into.pythonInstalls, pin[1]);
    }
  }
  if (name === 'pyenv' && rest[0] === 'install' && rest[1] && /^\d+\.\d+/.test(rest[1])) addOnce(into.pythonInstalls, rest[1]);
  if (name === 'uv' && rest[0] === 'python' && rest[1] === 'install' && rest[2] && /^\d+\.\d+/.test(rest[2]))
    addOnce(into.pythonInstalls, rest[2]);
}

function addOnce(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}
