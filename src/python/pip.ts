// Small shared pieces of the Python checks: how to name the interpreter, how to write a pip command a user
// can paste, which apache-flink release to suggest, and when two PEP 440 versions are "the same release".
import { explain } from '@renovatebot/pep440';
import type { Matrix } from '../knowledge/matrix.js';
import { isPatchVersion, minorOf, pythonMinorOf } from '../knowledge/versions.js';
import type { PythonFact, TargetFact } from '../facts/index.js';

/** The interpreter as the user should type it: sys.executable when known, else what was asked for. */
export function interpreterOf(python: PythonFact): string {
  return python.executable ?? python.requested;
}

/** POSIX-shell quoting, only when needed: paths with spaces or shell characters get single quotes. */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** `<interpreter> -m pip install "spec" …`; specs are double-quoted so "<" and ">" survive the shell. */
export function pipInstall(python: PythonFact, specs: readonly string[], flags: readonly string[] = []): string {
  const quoted = specs.map((spec) => `"${spec}"`);
  return [shellQuote(interpreterOf(python)), '-m', 'pip', 'install', ...flags, ...quoted].join(' ');
}

/** A release without its post-release and local parts: "1.20.0.post1" → "1.20.0". */
export function releaseOf(version: string): string {
  return version
    .trim()
    .replace(/\+.*$/, '')
    .replace(/[._-]?(?:post|rev|r)[._-]?\d*$/i, '');
}

/**
 * Same release for PEP 440, ignoring post-releases and local labels (and trailing ".0"s): 1.20.0 ≡ 1.20.0.post1 ≡
 * 1.20, but not 1.20.0rc1 or 1.20.1. Versions PEP 440 cannot read (JAR names like "1.20-SNAPSHOT") compare as text.
 */
export function sameRelease(a: string, b: string): boolean {
  const left = explain(a.trim());
  const right = explain(b.trim());
  if (!left || !right) return releaseOf(a).toLowerCase() === releaseOf(b).toLowerCase();
  const trim = (release: number[]) => {
    const copy = [...release];
    while (copy.length > 1 && copy[copy.length - 1] === 0) copy.pop();
    return copy.join('.');
  };
  return (
    left.epoch === right.epoch &&
    trim(left.release) === trim(right.release) &&
    segment(left.pre) === segment(right.pre) &&
    segment(left.dev) === segment(right.dev)
  );
}

/** explain() returns null for an absent segment and a bare number for dev, although its typings promise arrays. */
function segment(value: unknown): string {
  if (Array.isArray(value)) return value.join('');
  return typeof value === 'number' || typeof value === 'string' ? String(value) : '';
}

/** The Flink release a check should suggest installing: the target patch, else the newest patch of its line. */
export function releaseToInstall(target: TargetFact, matrix: Matrix): string {
  const version = target.flinkVersion;
  if (version && isPatchVersion(version)) return version;
  const line = matrix.line(version ?? matrix.newestMinor());
  return line?.newestPatch ?? version ?? '';
}

/** Does an installed apache-flink match the target? "1.20" accepts any 1.20.x; "1.20.1" wants that release. */
export function matchesTarget(installed: string, target: string): boolean {
  if (isPatchVersion(target)) return sameRelease(installed, target);
  return minorOf(installed) === minorOf(target);
}

/** The venv the fixes create when the client interpreter is a Python the target does not support. */
const FRESH_VENV = '.venv-pyflink';

/**
 * The Python minors the judged Flink line supports, when the interpreter's minor is not one of them (Python 2.7,
 * or 3.13 on a line that stops at 3.12): python.client rejects it, so installing into it fixes nothing.
 */
export function unsupportedPython(
  python: PythonFact,
  target: TargetFact,
  matrix: Matrix,
): { minor: string; flink: string; supported: string[] } | undefined {
  if (!python.version) return undefined;
  const { minor: flink, skip } = matrix.judgedLine(target);
  if (skip) return undefined;
  const supported = matrix.line(flink)?.python.supported ?? [];
  const minor = pythonMinorOf(python.version);
  return supported.length > 0 && !supported.includes(minor) ? { minor, flink, supported } : undefined;
}

/**
 * Installing `specs` where it can work: into the interpreter when the target supports it, else one command
 * sequence that creates a venv from the newest supported Python and installs there (`freshSpecs`: a fresh venv
 * needs the whole release, not the repair of a broken one).
 */
export function installFix(
  python: PythonFact,
  target: TargetFact,
  matrix: Matrix,
  specs: readonly string[],
  flags: readonly string[] = [],
  freshSpecs: readonly string[] = specs,
): string {
  const unsupported = unsupportedPython(python, target, matrix);
  if (!unsupported) return pipInstall(python, specs, flags);
  const newest = unsupported.supported[unsupported.supported.length - 1] ?? '3';
  const quoted = freshSpecs.map((spec) => `"${spec}"`).join(' ');
  return [
    `Python ${unsupported.minor} is not supported by Flink ${unsupported.flink} (supported: ${unsupported.supported.join(', ')}): create a venv from one of those and install there, then use ${FRESH_VENV}/bin/python as the client (--python or PYFLINK_CLIENT_EXECUTABLE):`,
    `python${newest} -m venv ${FRESH_VENV} && ${FRESH_VENV}/bin/python -m pip install ${quoted}`,
  ].join('\n');
}
