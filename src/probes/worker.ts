// The Python worker interpreter: what PyFlink's Python UDF workers run. Flink starts them with `python.executable`
// (default "python"; the job's set("python.executable") / set_python_executable() over the config file's; -pyexec
// on the CLI is not seen).
// Read from the Flink config fact; run once with the client's probe script (inspectInterpreter), or not at all
// when it is the client's own interpreter (then the client's facts are reused). When python.executable is unset,
// `python` from PATH is what `flink run` and workers on this machine start: that one is inspected. A path
// inside a python.archives entry is looked up in the archive the shipping fact opened. Never throws.
import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute } from 'node:path';
import { stringValue } from '../flink/config-values.js';
import { listOf, withJobSettings } from '../flink/job-settings.js';
import { packagesCache, scanSysPath } from './packages.js';
import { inspectInterpreter } from './python.js';
import { locateInterpreter } from './which.js';
import type { ProbeContext } from './context.js';
import type { PathPython, PythonFact, WorkerFact } from '../facts/index.js';

const WORKER_CONFIG_KEY = 'python.executable';
const ARCHIVES_CONFIG_KEY = 'python.archives';

export async function probeWorker(ctx: ProbeContext): Promise<WorkerFact> {
  const { get } = ctx;
  const [config, job] = await Promise.all([get('flinkConfig'), get('job')]);
  const { values, fromJob, computed } = withJobSettings(config.values, job.needs);
  const inJob = fromJob[WORKER_CONFIG_KEY];
  const file = inJob ?? config.file ?? config.dir;
  const archives = listOf(values[ARCHIVES_CONFIG_KEY]);
  const raw = values[WORKER_CONFIG_KEY];
  const configured = stringValue(values, WORKER_CONFIG_KEY);
  const base = { file, archives, sameAsClient: false, ...(inJob ? { inJob: true } : {}) };
  const expression = computed[WORKER_CONFIG_KEY];
  if (expression !== undefined) return { ...base, status: 'computed', configured: expression };
  if (raw === undefined || raw === null || (typeof raw === 'string' && !raw.trim()))
    return { ...base, status: 'unset', fromPath: true, ...(await pathPython(ctx)) };
  if (!configured) return { ...base, status: 'invalid', configured: JSON.stringify(raw) };

  const local = !inJob && job.needs?.dataStream && !job.needs.tableApi ? { pathPython: await pathPython(ctx) } : {};
  const relative = await relativeWorker(ctx, configured, base);
  if (relative) return { ...relative, ...local };

  const provenance = { source: inJob ? `${WORKER_CONFIG_KEY} in the job` : WORKER_CONFIG_KEY, ...(file ? { detail: file } : {}) };
  return { ...base, status: 'inspected', configured, ...(await inspectWorker(ctx, configured, provenance)), ...local };
}

/**
 * A relative path with a directory: inside an extracted python.archives entry (its first segment names the
 * archive, looked up in what the shipping fact opened), else relative to the workers' directory. Undefined for a
 * bare name or an absolute path, which are inspected here.
 */
async function relativeWorker(
  { get }: ProbeContext,
  configured: string,
  base: Omit<WorkerFact, 'status'>,
): Promise<WorkerFact | undefined> {
  const windows = process.platform === 'win32';
  const hasSeparator = configured.includes('/') || (windows && configured.includes('\\'));
  if (!hasSeparator || isAbsolute(configured)) return undefined;
  const first = configured.split(windows ? /[\\/]/ : '/')[0] ?? '';
  const archive = base.archives.find((entry) => extractedName(entry) === first) ?? (ARCHIVE_NAME.test(first) ? first : undefined);
  if (archive === undefined) return { ...base, status: 'relative', configured };
  const archiveRead = (await get('shipping')).archives.find((a) => a.entry === archive);
  return { ...base, status: 'archive', configured, archive, ...(archiveRead ? { archiveRead } : {}) };
}

/**
 * `python` from PATH: what `flink run` and workers on this machine start when python.executable is unset, and what a
 * DataStream job run here starts when only the config file sets it. Look at that one.
 */
function pathPython(ctx: ProbeContext): Promise<PathPython> {
  return inspectWorker(ctx, 'python', { source: 'PATH', detail: 'the workers started on this machine run `python`' });
}

/** Inspects `requested` (a path or a name on PATH), reusing the client's answer when it is the same interpreter. */
async function inspectWorker(
  { get, options }: ProbeContext,
  requested: string,
  provenance: { source: string; detail?: string },
): Promise<Pick<WorkerFact, 'python' | 'packages' | 'sameAsClient'>> {
  const client = await get('python');
  const located = locateInterpreter(requested, options.env, options.cwd);
  if (located.path && client.runs && (await sameInterpreter(located.path, client))) {
    return { sameAsClient: true, python: { ...client, provenance, requested }, packages: await get('packages') };
  }
  const python = await inspectInterpreter(located.path ?? requested, {
    provenance,
    env: options.env,
    cwd: options.cwd,
    timeoutMs: options.processTimeoutMs,
  });
  return {
    sameAsClient: false,
    python: { ...python, requested },
    ...(python.runs ? { packages: await scanSysPath(python.sysPath, packagesCache(options)) } : {}),
  };
}

/** Archive names Flink extracts (zip, tar, tar.gz/tgz); the extracted directory keeps the file name. */
const ARCHIVE_NAME = /\.(zip|jar|tar|tar\.gz|tgz)$/i;

/** The directory an archive is extracted to on the workers: the name after '#', else the archive's file name. */
function extractedName(entry: string): string {
  const hash = entry.lastIndexOf('#');
  return hash >= 0 ? entry.slice(hash + 1) : basename(entry);
}

/**
 * The same interpreter *and environment*: the same file after symlinks, started from the same directory. The file
 * alone is not enough: a venv's bin/python is a symlink to its base interpreter, yet has its own sys.path
 * (pyvenv.cfg sits next to the path it was started as). Compared with what the client started and its sys.executable.
 */
async function sameInterpreter(path: string, client: PythonFact): Promise<boolean> {
  const key = await identity(path);
  if (!key) return false;
  for (const other of [client.path, client.executable]) {
    if (other && (await identity(other)) === key) return true;
  }
  return false;
}

async function identity(path: string): Promise<string | undefined> {
  try {
    const [dir, file] = await Promise.all([realpath(dirname(path)), realpath(path)]);
    return `${dir}\n${file}`;
  } catch {
    return undefined;
  }
}
