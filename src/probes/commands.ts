// The two processes every run starts, in one small module: the Java and Python probes run them, the CLI's entry
// starts its best guess of them before it loads anything else (src/cli/early-start.ts), and scripts/bench.mjs
// times its floor with the same commands. Kept light on purpose: it is loaded before the engine.
import { join } from 'node:path';
import type { Provenance } from '../facts/index.js';
import { PROBE_SCRIPT } from './python-probe-script.js';
import type { RunOptions } from './process.js';
import { findOnPath } from './which.js';

export { PROBE_SCRIPT };

// Printing settings runs no Java code, so the JVM needs no JIT threads, no parallel GC and no perf-data
// file: with them off it starts ~25% faster on a busy 2-core machine (measured with scripts/bench.mjs).
// IgnoreUnrecognizedVMOptions keeps JVMs that lack one of these flags (OpenJ9) from refusing to start.
export const JAVA_PROBE_ARGS: readonly string[] = [
  '-XX:+IgnoreUnrecognizedVMOptions',
  '-Xint',
  '-XX:+UseSerialGC',
  '-XX:-UsePerfData',
  '-XshowSettings:properties',
  '-version',
];

/** The JVM reads JAVA_TOOL_OPTIONS / _JAVA_OPTIONS and prints "Picked up …"; that is fine, but keep its locale stable. */
export function javaProbeEnv(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return { ...env, LC_ALL: 'C' };
}

export interface Command {
  file: string;
  args: readonly string[];
  options: RunOptions;
}

/** What the Java probe runs for `binary`; in the run's working directory (the JVM reports it as user.dir), not the process's. */
export function javaCommand(binary: string, env: Record<string, string | undefined>, cwd: string, timeoutMs: number): Command {
  return { file: binary, args: JAVA_PROBE_ARGS, options: { timeoutMs, env: javaProbeEnv(env), cwd } };
}

/** What the Python probes run for the interpreter at `path`. */
export function pythonCommand(path: string, env: Record<string, string | undefined>, cwd: string, timeoutMs: number): Command {
  return { file: path, args: ['-c', PROBE_SCRIPT], options: { timeoutMs, env, cwd } };
}

export const JAVA_EXE = process.platform === 'win32' ? 'java.exe' : 'java';

export interface JavaCandidate {
  provenance: Provenance;
  home?: string;
  binary: string;
}

/** JAVA_HOME's java, then java on PATH: what PyFlink falls back to when no Flink config sets env.java.home. */
export function javaFromEnvironment(env: Record<string, string | undefined>, cwd: string): JavaCandidate[] {
  const candidates: JavaCandidate[] = [];
  const javaHome = env.JAVA_HOME?.trim();
  if (javaHome)
    candidates.push({ provenance: { source: 'JAVA_HOME', detail: javaHome }, home: javaHome, binary: join(javaHome, 'bin', JAVA_EXE) });
  const onPath = findOnPath(JAVA_EXE, env, cwd);
  if (onPath) candidates.push({ provenance: { source: 'PATH', detail: onPath }, binary: onPath });
  return candidates;
}

export interface PythonCandidate {
  requested: string;
  provenance: Provenance;
}

/** PYFLINK_CLIENT_EXECUTABLE: the client interpreter's first source after --python (ahead of the Flink config). */
export function pythonFromVariable(env: Record<string, string | undefined>): PythonCandidate | undefined {
  const fromEnv = env.PYFLINK_CLIENT_EXECUTABLE?.trim();
  return fromEnv ? { requested: fromEnv, provenance: { source: 'PYFLINK_CLIENT_EXECUTABLE', detail: fromEnv } } : undefined;
}

/** After the Flink config: an active virtualenv (VIRTUAL_ENV), an active conda env (CONDA_PREFIX), python3 and python on PATH. */
export function pythonFromEnvironment(env: Record<string, string | undefined>, cwd: string): PythonCandidate {
  const windows = process.platform === 'win32';
  const venv = env.VIRTUAL_ENV?.trim();
  if (venv) {
    const requested = windows ? join(venv, 'Scripts', 'python.exe') : join(venv, 'bin', 'python');
    return { requested, provenance: { source: 'VIRTUAL_ENV', detail: venv } };
  }
  const conda = env.CONDA_PREFIX?.trim();
  if (conda) {
    const requested = windows ? join(conda, 'python.exe') : join(conda, 'bin', 'python');
    return { requested, provenance: { source: 'CONDA_PREFIX', detail: conda } };
  }
  for (const name of ['python3', 'python']) {
    const found = findOnPath(name, env, cwd);
    if (found) return { requested: name, provenance: { source: 'PATH', detail: found } };
  }
  return { requested: 'python3', provenance: { source: 'PATH', detail: 'neither python3 nor python is on PATH' } };
}
