// What is installed in the client interpreter, read from disk the way importlib.metadata finds it: every
// sys.path directory's *.dist-info (METADATA) and *.egg-info (PKG-INFO, requires.txt), plus the EGG-INFO of
// *.egg entries on sys.path. The first distribution of a name on sys.path wins; later ones are duplicates.
// Directories are listed and files read concurrently; unreadable or garbage metadata becomes a problem.
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { errorMessage } from '../engine/errors.js';
import { parseMetadata, parseRequiresTxt } from '../python/metadata.js';
import { normalizeName } from '../python/pep508.js';
import type { ProbeContext } from './registry.js';
import type { InstalledDistribution, InstalledPackagesFact } from './types.js';

type MetadataKind = 'dist-info' | 'egg-info-dir' | 'egg-info-file' | 'egg-dir';

interface Found {
  /** The *.dist-info / *.egg-info path (or the *.egg directory for EGG-INFO). */
  dir: string;
  kind: MetadataKind;
}

type ReadResult = { ok: true; dist: InstalledDistribution } | { ok: false; problem: string };

export async function probeInstalledPackages({ get }: ProbeContext): Promise<InstalledPackagesFact> {
  const python = await get('python');
  if (!python.runs) return { distributions: {}, duplicates: [], problems: [] };
  return scanSysPath(python.sysPath);
}

/** The scan itself, exported so it can be used on any list of directories (tests, other probes). */
export async function scanSysPath(sysPath: readonly string[]): Promise<InstalledPackagesFact> {
  const fact: InstalledPackagesFact = { distributions: {}, duplicates: [], problems: [] };
  const listings = await Promise.all(sysPath.map((entry) => findMetadata(entry)));
  const reads = await Promise.all(listings.map((found) => Promise.all(found.map((f) => readDistribution(f)))));
  for (const results of reads) {
    for (const result of results) {
      if (!result.ok) {
        fact.problems.push(result.problem);
        continue;
      }
      const { dist } = result;
      if (fact.distributions[dist.key]) fact.duplicates.push(dist);
      else fact.distributions[dist.key] = dist;
    }
  }
  return fact;
}

/** Metadata locations in one sys.path entry; an entry that is missing, a file or a zip yields nothing. */
async function findMetadata(entry: string): Promise<Found[]> {
  if (/\.egg$/i.test(entry)) {
    try {
      if ((await stat(join(entry, 'EGG-INFO'))).isDirectory()) return [{ dir: entry, kind: 'egg-dir' }];
    } catch {
      // not an unpacked egg
    }
    return [];
  }
  let names: string[];
  try {
    names = await readdir(entry);
  } catch {
    return []; // importlib.metadata silently skips sys.path entries that are not directories
  }
  const wanted = names.filter((name) => /\.(dist-info|egg-info)$/i.test(name)).sort();
  const found = await Promise.all(
    wanted.map(async (name): Promise<Found | undefined> => {
      const dir = join(entry, name);
      if (/\.dist-info$/i.test(name)) return { dir, kind: 'dist-info' };
      try {
        return { dir, kind: (await stat(dir)).isDirectory() ? 'egg-info-dir' : 'egg-info-file' };
      } catch {
        return undefined;
      }
    }),
  );
  return found.filter((f): f is Found => f !== undefined);
}

async function readDistribution({ dir, kind }: Found): Promise<ReadResult> {
  const metadataFile =
    kind === 'dist-info' ? join(dir, 'METADATA') : kind === 'egg-info-dir' ? join(dir, 'PKG-INFO') : kind === 'egg-dir' ? join(dir, 'EGG-INFO', 'PKG-INFO') : dir;
  const requiresFile = kind === 'egg-info-dir' ? join(dir, 'requires.txt') : kind === 'egg-dir' ? join(dir, 'EGG-INFO', 'requires.txt') : undefined;
  const [text, requiresText] = await Promise.all([readText(metadataFile), requiresFile ? readText(requiresFile) : Promise.resolve(undefined)]);
  if (typeof text !== 'string') {
    return { ok: false, problem: `${dir}: cannot read ${basename(metadataFile)} (${text.error}); reinstall ${guessName(dir)}` };
  }
  const parsed = parseMetadata(text);
  if (!parsed.ok) return { ok: false, problem: `${metadataFile}: unreadable metadata (${parsed.error}); reinstall ${guessName(dir)}` };
  const { name, version, requiresDist } = parsed.metadata;
  // importlib.metadata: Requires-Dist from the metadata file when it has any, else egg-info's requires.txt.
  const requires = requiresDist.length > 0 ? requiresDist : typeof requiresText === 'string' ? parseRequiresTxt(requiresText) : [];
  return { ok: true, dist: { name, key: normalizeName(name), version, metadataDir: dir, requires } };
}

async function readText(path: string): Promise<string | { error: string }> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? 'missing' : errorMessage(error) };
  }
}

/** "numpy-1.26.4.dist-info" → "numpy", for messages about a distribution whose metadata cannot be read. */
function guessName(dir: string): string {
  const base = basename(dir).replace(/\.(dist-info|egg-info|egg)$/i, '');
  return base.split('-')[0] || base;
}
