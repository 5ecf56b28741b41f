// What the job ships to its Python workers, read on this machine from the Flink config: python.archives
// (opened, never extracted; the interpreter python.executable names looked up inside), python.requirements
// (the file and its cache folder), python.files (and the local modules the --job file imports), and
// python.execution-mode. Paths resolve against the working directory, as the Flink client resolves them.
// Never throws: every problem is a field of its entry.
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ArchiveRead, JobImport, PythonFilesRead, RequirementsRead, ShippingFact } from '../facts/index.js';
import { stringValue } from '../flink/config-values.js';
import { listOf, withJobSettings } from '../flink/job-settings.js';
import { ArchiveReadError, readArchive } from '../python/archive.js';
import { importedModules, type ImportedModule } from '../python/imports.js';
import { environmentFacts, environmentReadOptions } from '../python/venv-archive.js';
import { readTextFile } from '../util/read-file.js';
import type { ProbeContext } from './context.js';
import { LIMITS } from '../engine/limits.js';

const MAX_LISTED = LIMITS.shippedNames;

export async function probeShipping({ get, options }: ProbeContext): Promise<ShippingFact> {
  const [config, job] = await Promise.all([get('flinkConfig'), get('job')]);
  // The job's set()/add_python_file()/add_python_archive()/set_python_requirements() over the config file's values.
  const { values, fromJob } = withJobSettings(config.values, job.needs);
  const shippedInJob = Object.fromEntries(
    (['python.files', 'python.archives', 'python.requirements'] as const).filter((k) => fromJob[k]).map((k) => [k, fromJob[k]]),
  );
  const executable = stringValue(values, 'python.executable');
  const archives = await Promise.all(listOf(values['python.archives']).map((entry) => readArchiveEntry(entry, options.cwd, executable)));
  const requirements = stringValue(values, 'python.requirements');
  const executionMode = stringValue(values, 'python.execution-mode');
  return {
    archives,
    ...(requirements ? { requirements: await readRequirements(requirements, options.cwd) } : {}),
    files: await readFiles(listOf(values['python.files']), options.cwd, options.job ?? [], job.needs?.imports),
    ...(executionMode ? { executionMode } : {}),
    ...(config.file ? { file: config.file } : {}),
    ...(Object.keys(shippedInJob).length > 0 ? { fromJob: shippedInJob } : {}),
  };
}

/** A local path, or undefined for a remote URL (hdfs://, s3://, http://). */
function localPath(raw: string, cwd: string): string | undefined {
  if (/^file:/i.test(raw)) return fileURLToPath(raw);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) return undefined;
  return resolve(cwd, raw);
}

async function readArchiveEntry(entry: string, cwd: string, executable: string | undefined): Promise<ArchiveRead> {
  const hash = entry.lastIndexOf('#');
  const raw = hash >= 0 ? entry.slice(0, hash) : entry;
  const extracted = hash >= 0 ? entry.slice(hash + 1) : basename(raw);
  const path = localPath(raw, cwd);
  if (!path) return { entry, status: 'remote', outwardLinks: [], environments: [] };
  try {
    const inside = executable?.startsWith(`${extracted}/`) ? executable.slice(extracted.length + 1) : undefined;
    return { entry, path, status: 'read', ...environmentFacts(await readArchive(path, environmentReadOptions(inside)), inside) };
  } catch (error) {
    const message = error instanceof ArchiveReadError ? error.message : (error as Error).message.split('\n')[0];
    return { entry, path, status: 'unreadable', problem: `${path} ${message}`, outwardLinks: [], environments: [] };
  }
}

async function readRequirements(entry: string, cwd: string): Promise<RequirementsRead> {
  const hash = entry.indexOf('#');
  const file = localPath(hash >= 0 ? entry.slice(0, hash) : entry, cwd) ?? entry;
  const cache = hash >= 0 ? localPath(entry.slice(hash + 1), cwd) : undefined;
  const read: RequirementsRead = { entry, file, ...(cache ? { cacheDir: cache } : {}), requirements: [], cacheFiles: [] };
  try {
    read.requirements = requirementLines(await readTextFile(file, LIMITS.requirementsFileBytes));
  } catch (error) {
    read.problem = (error as NodeJS.ErrnoException).code === 'ENOENT' ? `${file}: no such file` : (error as Error).message.split('\n')[0];
  }
  if (cache) {
    try {
      read.cacheFiles = (await readdir(cache)).slice(0, MAX_LISTED).sort();
    } catch (error) {
      read.cacheProblem = `${cache}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : (error as Error).message.split('\n')[0]}`;
    }
  }
  return read;
}

/** pip requirement lines: continuations joined, comments and options (-r, --index-url, -e …) dropped. */
export function requirementLines(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  const lines = text.split(/\r?\n/).slice(0, LIMITS.requirementsFileLines);
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = lines[i] ?? '';
    while (line.endsWith('\\') && i + 1 < lines.length) line = line.slice(0, -1) + (lines[++i] ?? '');
    const code = line.replace(/(^|\s)#.*$/, '').trim();
    if (code && !code.startsWith('-')) out.push({ line: start + 1, text: code });
  }
  return out;
}

async function readFiles(
  entries: string[],
  cwd: string,
  jobs: readonly string[],
  imports?: readonly JobImport[],
): Promise<PythonFilesRead> {
  const read: PythonFilesRead = { entries: [], localImports: [] };
  for (const entry of entries) {
    const path = localPath(entry, cwd);
    if (!path) {
      read.entries.push({ entry, modules: [] });
      continue;
    }
    read.entries.push({ entry, path, ...(await modulesOf(path)) });
  }
  for (const job of jobs.filter((file) => file.endsWith('.py'))) {
    const modules = imports ? imports.filter((i) => i.file === job) : await modulesImported(job);
    read.localImports.push(...(await localImports(job, modules)));
  }
  return read;
}

/** The top-level modules a python.files entry puts on the workers' PYTHONPATH (as Flink's environment manager adds it). */
async function modulesOf(path: string): Promise<{ kind?: 'py' | 'zip' | 'dir' | 'other'; modules: string[]; problem?: string }> {
  let info;
  try {
    info = await stat(path);
  } catch {
    return { modules: [], problem: `${path}: no such file or folder` };
  }
  if (info.isDirectory()) return { kind: 'dir', modules: moduleNames(await readdir(path).catch(() => [])) };
  if (extname(path) === '.py') return { kind: 'py', modules: [basename(path, '.py')] };
  try {
    const listing = await readArchive(path);
    return {
      kind: extname(path) === '.zip' ? 'zip' : 'other',
      modules: moduleNames(listing.entries.map((e) => e.name.split('/')[0] ?? '')),
    };
  } catch (error) {
    return { kind: 'other', modules: [], problem: `${path} ${(error as Error).message.split('\n')[0]}` };
  }
}

function moduleNames(names: readonly string[]): string[] {
  return [...new Set(names.map((name) => name.replace(/\.py$/, '')).filter((name) => /^[A-Za-z_]\w*$/.test(name)))].slice(0, MAX_LISTED);
}

/** The modules a job imports, read from the file (when the job's facts do not hold them); none when it cannot be read. */
async function modulesImported(job: string): Promise<ImportedModule[]> {
  try {
    return importedModules(await readTextFile(job, LIMITS.jobFileBytes));
  } catch {
    return [];
  }
}

/** Modules the job imports that are a file or a package next to it. */
async function localImports(job: string, modules: readonly ImportedModule[]): Promise<PythonFilesRead['localImports']> {
  const dir = dirname(job);
  const out: PythonFilesRead['localImports'] = [];
  for (const { module, line } of modules) {
    for (const candidate of [join(dir, `${module}.py`), join(dir, module)]) {
      const info = await stat(candidate).catch(() => undefined);
      if (info && candidate !== job && (info.isFile() || info.isDirectory())) {
        out.push({ module, line, path: candidate, job });
        break;
      }
    }
  }
  return out;
}
