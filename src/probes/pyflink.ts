// The apache-flink wheel as installed in the client interpreter: its two distributions (apache-flink and
// apache-flink-libraries), the pyflink/ package directory Python would import (first sys.path entry that has
// one), __version__ from pyflink/version.py (read by regex, never imported) and the JARs under pyflink/lib
// and pyflink/opt, whose names carry the Flink version the client really runs.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage } from '../engine/errors.js';
import { listJarFiles } from './jar-files.js';
import type { ProbeContext } from './context.js';
import type { PyflinkFact } from '../facts/index.js';
import { FLINK_DIST, FLINK_LIBRARIES } from '../knowledge/flink-names.js';
import { LIMITS } from '../engine/limits.js';
import { readTextFile } from '../util/read-file.js';

const VERSION_ASSIGNMENT = /^__version__\s*(?::\s*str\s*)?=\s*(['"])([^'"\r\n]+)\1/m;

/** `__version__ = "1.20.1"` → "1.20.1"; undefined when the file does not assign a plain string. */
export function versionFromVersionPy(text: string): string | undefined {
  return VERSION_ASSIGNMENT.exec(text)?.[2]?.trim() || undefined;
}

export async function probePyflink({ get }: ProbeContext): Promise<PyflinkFact> {
  const [python, packages] = await Promise.all([get('python'), get('packages')]);
  const fact: PyflinkFact = { installed: false, libJars: [], optJars: [], problems: [] };
  const flink = packages.distributions[FLINK_DIST];
  const libraries = packages.distributions[FLINK_LIBRARIES];
  if (flink) {
    fact.installed = true;
    fact.flink = flink;
  }
  if (libraries) fact.libraries = libraries;
  if (!python.runs) return fact;

  const packageDir = await firstPackageDir(python.sysPath);
  if (!packageDir) {
    if (flink)
      fact.problems.push(
        `apache-flink ${flink.version} is registered in ${flink.metadataDir} but no pyflink/ package directory is on sys.path`,
      );
    return fact;
  }
  fact.packageDir = packageDir;
  const versionFile = join(packageDir, 'version.py');
  const [versionText, lib, opt] = await Promise.all([
    readVersionFile(versionFile),
    listJarFiles(join(packageDir, 'lib')),
    listJarFiles(join(packageDir, 'opt')),
  ]);
  if (versionText.text !== undefined) {
    const version = versionFromVersionPy(versionText.text);
    if (version) fact.versionPy = version;
    else fact.problems.push(`${versionFile} does not assign __version__ a version string`);
  } else {
    fact.problems.push(versionText.problem);
  }
  fact.libJars = lib.names;
  fact.optJars = opt.names;
  if (lib.problem && libraries) fact.problems.push(lib.problem);
  if (opt.problem && libraries) fact.problems.push(opt.problem);
  return fact;
}

async function firstPackageDir(sysPath: readonly string[]): Promise<string | undefined> {
  const hits = await Promise.all(
    sysPath.map(async (entry) => {
      try {
        return (await stat(join(entry, 'pyflink'))).isDirectory();
      } catch {
        return false;
      }
    }),
  );
  const index = hits.indexOf(true);
  return index >= 0 ? join(sysPath[index] ?? '', 'pyflink') : undefined;
}

async function readVersionFile(path: string): Promise<{ text: string; problem?: undefined } | { text?: undefined; problem: string }> {
  try {
    return { text: await readTextFile(path, LIMITS.smallTextBytes) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: code === 'ENOENT' ? `${path} is missing` : `cannot read ${path}: ${errorMessage(error)}` };
  }
}
