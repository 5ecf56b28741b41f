// The client interpreter: the Python that `flink run -py` / PyFlink will start to compile the job.
// Resolution order (first that is set wins): --python, PYFLINK_CLIENT_EXECUTABLE, python.client.executable in
// the Flink config of the user's conf dir, an active virtualenv (VIRTUAL_ENV), an active conda env
// (CONDA_PREFIX), then python3 and python on PATH. The winner runs once with a small probe script that reports
// its version, prefixes, sys.path and PEP 508 marker environment. Never throws: every failure is a fact.
import { stringValue } from '../flink/config-file.js';
import { readConfigOnce } from './flink-config.js';
import { MARKER_ENVIRONMENT_KEYS } from '../python/pep508.js';
import { runProcess } from './process.js';
import { PROBE_MARKER } from './python-probe-script.js';
import { pythonCommand, pythonFromEnvironment, pythonFromVariable, type PythonCandidate } from './commands.js';
import type { ProbeContext } from './context.js';
import type { MarkerEnvironment, Provenance, PythonFact } from '../facts/index.js';
import { locateInterpreter } from './which.js';
import { clip } from '../util/text.js';

const PYTHON_CONFIG_KEY = 'python.client.executable';

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
  const { file, args, options } = pythonCommand(path, env, cwd, timeoutMs);
  const result = await runProcess(file, args, options);
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
async function chooseCandidate({ options, get }: ProbeContext): Promise<PythonCandidate> {
  if (options.python?.trim()) return { requested: options.python.trim(), provenance: { source: '--python' } };
  return (
    pythonFromVariable(options.env) ?? (await configuredExecutable({ options, get })) ?? pythonFromEnvironment(options.env, options.cwd)
  );
}

async function configuredExecutable({ options, get }: Pick<ProbeContext, 'options' | 'get'>): Promise<PythonCandidate | undefined> {
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
  const str = (key: string) => (typeof data[key] === 'string' ? data[key] : undefined);
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
      sysPath: sysPath,
      markers: env,
      ...libpythonOf(data.libpython),
    },
  };
}

function libpythonOf(value: unknown): { libpython?: { shared: boolean; found: boolean } } {
  return isRecord(value) && typeof value.shared === 'boolean' && typeof value.found === 'boolean'
    ? { libpython: { shared: value.shared, found: value.found } }
    : {};
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lastLine(text: string): string | undefined {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  return lines[lines.length - 1];
}
