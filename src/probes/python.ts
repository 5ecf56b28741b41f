// The client interpreter: the Python that `flink run -py` / PyFlink will start to compile the job.
// Resolution order (first that is set wins): --python, PYFLINK_CLIENT_EXECUTABLE, python.client.executable in
// the Flink config of the user's conf dir, an active virtualenv (VIRTUAL_ENV), an active conda env
// (CONDA_PREFIX), then python3 and python on PATH. The winner runs once with a small probe script that reports
// its version, prefixes, sys.path and PEP 508 marker environment. Never throws: every failure is a fact.
import { statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { stringValue } from '../flink/config-file.js';
import { readConfigOnce } from './flink-config.js';
import { errorMessage } from '../engine/errors.js';
import { MARKER_ENVIRONMENT_KEYS } from '../python/pep508.js';
import { runProcess } from './process.js';
import { PROBE_MARKER, PROBE_SCRIPT } from './python-probe-script.js';
import type { ProbeContext } from './context.js';
import type { MarkerEnvironment, Provenance, PythonFact } from '../facts/index.js';
import { findOnPath } from './which.js';
import { clip } from '../util/text.js';

const PYTHON_CONFIG_KEY = 'python.client.executable';

interface Candidate {
  requested: string;
  provenance: Provenance;
}

export async function probePython(ctx: ProbeContext): Promise<PythonFact> {
  const { requested, provenance } = await chooseCandidate(ctx);
  return inspectInterpreter(requested, {
    provenance,
    env: ctx.options.env,
    cwd: ctx.options.cwd,
    timeoutMs: ctx.options.processTimeoutMs,
  });
}

export interface InspectOptions {
  /** Why this interpreter: recorded in the fact as is. */
  provenance: Provenance;
  env: Record<string, string | undefined>;
  cwd: string;
  timeoutMs: number;
}

/**
 * Locates `requested` (a path, relative to cwd, or a bare name on PATH) and runs it once with the probe script.
 * Shared by the client (python) and worker (python.executable) probes. Never throws: every failure is a fact.
 */
export async function inspectInterpreter(requested: string, { provenance, env, cwd, timeoutMs }: InspectOptions): Promise<PythonFact> {
  const located = locateInterpreter(requested, env, cwd);
  if (!located.path) {
    return { provenance, requested, found: false, runs: false, failure: located.failure, sysPath: [] };
  }
  const path = located.path;
  const result = await runProcess(path, ['-c', PROBE_SCRIPT], { timeoutMs, env, cwd });
  const base: PythonFact = { provenance, requested, found: true, runs: false, path, executable: path, sysPath: [] };
  if (result.timedOut) return { ...base, failure: `${path} hung: ${result.failure ?? 'timed out'}` };
  if (result.failure && result.exitCode === null) return { ...base, failure: `${path} could not be run: ${result.failure}` };
  if (result.exitCode !== 0) {
    const reason = lastLine(result.stderr) ?? lastLine(result.stdout);
    return { ...base, failure: `${path} exited with code ${result.exitCode}${reason ? `: ${clip(reason, 120)}` : ''}` };
  }
  const answer = parseProbeOutput(result.stdout);
  if (!answer.ok) return { ...base, failure: `${path} ran but ${answer.error}` };
  const { value } = answer;
  return {
    provenance,
    requested,
    found: true,
    runs: true,
    path,
    executable: value.executable || path,
    version: value.version,
    implementation: value.implementation,
    prefix: value.prefix,
    basePrefix: value.basePrefix,
    inVirtualEnv: value.prefix !== value.basePrefix,
    markers: value.markers,
    sysPath: value.sysPath,
    ...(value.libpython ? { libpython: value.libpython } : {}),
  };
}

/** The first configured source, in the documented order; never looks at the file system beyond the config. */
async function chooseCandidate({ options, get }: ProbeContext): Promise<Candidate> {
  const windows = process.platform === 'win32';
  if (options.python?.trim()) return { requested: options.python.trim(), provenance: { source: '--python' } };
  const fromEnv = options.env.PYFLINK_CLIENT_EXECUTABLE?.trim();
  if (fromEnv) return { requested: fromEnv, provenance: { source: 'PYFLINK_CLIENT_EXECUTABLE', detail: fromEnv } };
  const fromConfig = await configuredExecutable({ options, get });
  if (fromConfig) return fromConfig;
  const venv = options.env.VIRTUAL_ENV?.trim();
  if (venv) {
    const requested = windows ? join(venv, 'Scripts', 'python.exe') : join(venv, 'bin', 'python');
    return { requested, provenance: { source: 'VIRTUAL_ENV', detail: venv } };
  }
  const conda = options.env.CONDA_PREFIX?.trim();
  if (conda) {
    const requested = windows ? join(conda, 'python.exe') : join(conda, 'bin', 'python');
    return { requested, provenance: { source: 'CONDA_PREFIX', detail: conda } };
  }
  for (const name of ['python3', 'python']) {
    const found = findOnPath(name, options.env, options.cwd);
    if (found) return { requested: name, provenance: { source: 'PATH', detail: found } };
  }
  return { requested: 'python3', provenance: { source: 'PATH', detail: 'neither python3 nor python is on PATH' } };
}

async function configuredExecutable({ options, get }: Pick<ProbeContext, 'options' | 'get'>): Promise<Candidate | undefined> {
  let dir: string | undefined;
  try {
    dir = (await get('confDir')).dir;
  } catch {
    return undefined; // the conf-dir probe reports its own trouble
  }
  if (!dir) return undefined;
  const read = await readConfigOnce(options, dir);
  const value = stringValue(read.values, PYTHON_CONFIG_KEY);
  if (!value) return undefined;
  return { requested: value, provenance: { source: PYTHON_CONFIG_KEY, detail: read.file ?? dir } };
}

/** A path (relative to cwd) or a bare name looked up on PATH → an executable file, or a one-line reason. */
// Synchronous like the PATH lookup: one stat costs microseconds, and the interpreter then starts before the
// CLI's other start-up work (matrix validation) takes the thread.
export function locateInterpreter(requested: string, env: Record<string, string | undefined>, cwd: string): { path?: string; failure: string } {
  if (requested.includes('\u0000')) return { failure: `${requested} is not a path: it contains a NUL character, which no file name can` };
  const hasSeparator = requested.includes('/') || (process.platform === 'win32' && requested.includes('\\'));
  if (!hasSeparator) {
    const found = findOnPath(requested, env, cwd);
    return found ? { path: found, failure: '' } : { failure: `${requested} is not on PATH` };
  }
  const path = isAbsolute(requested) ? requested : resolve(cwd, requested);
  try {
    const info = statSync(path);
    if (info.isDirectory()) return { failure: `${path} is a directory, not a Python interpreter` };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { failure: code === 'ENOENT' || code === 'ENOTDIR' ? `${path} does not exist` : `cannot read ${path}: ${errorMessage(error)}` };
  }
  // An existing file that is not executable is still handed to runProcess, which reports it as such.
  return { path, failure: '' };
}

interface ParsedAnswer {
  version: string;
  implementation: string;
  executable: string;
  prefix: string;
  basePrefix: string;
  sysPath: string[];
  markers: MarkerEnvironment;
  libpython?: { shared: boolean; found: boolean };
}

/** Finds the marker line in stdout and checks every field; anything else is a described error. */
export function parseProbeOutput(stdout: string): { ok: true; value: ParsedAnswer } | { ok: false; error: string } {
  const line = stdout.split(/\r?\n/).find((l) => l.startsWith(PROBE_MARKER));
  if (line === undefined) {
    const first = stdout.trim().split(/\r?\n/)[0];
    return { ok: false, error: first ? `did not print the probe's answer (printed "${clip(first, 120)}")` : 'printed nothing' };
  }
  let data: unknown;
  try {
    data = JSON.parse(line.slice(PROBE_MARKER.length));
  } catch {
    return { ok: false, error: 'printed a malformed probe answer' };
  }
  if (!isRecord(data)) return { ok: false, error: 'printed a malformed probe answer' };
  const str = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : undefined);
  const version = str('version');
  const sysPath = data.sys_path;
  const markers = data.markers;
  if (!version || !Array.isArray(sysPath) || !sysPath.every((p) => typeof p === 'string') || !isRecord(markers)) {
    return { ok: false, error: 'printed a probe answer without version, sys.path or markers' };
  }
  const env = {} as MarkerEnvironment;
  for (const key of MARKER_ENVIRONMENT_KEYS) {
    const value = markers[key];
    if (typeof value !== 'string') return { ok: false, error: `printed a probe answer without the "${key}" marker` };
    env[key] = value;
  }
  const prefix = str('prefix') ?? '';
  return {
    ok: true,
    value: {
      version,
      implementation: str('implementation') ?? '',
      executable: str('executable') ?? '',
      prefix,
      basePrefix: str('base_prefix') ?? prefix,
      sysPath: sysPath as string[],
      markers: env,
      ...libpythonOf(data.libpython),
    },
  };
}

function libpythonOf(value: unknown): { libpython?: { shared: boolean; found: boolean } } {
  return isRecord(value) && typeof value.shared === 'boolean' && typeof value.found === 'boolean' ? { libpython: { shared: value.shared, found: value.found } } : {};
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lastLine(text: string): string | undefined {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return lines[lines.length - 1];
}

