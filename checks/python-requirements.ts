// python.requirements: the requirements file the job ships for its workers (python.requirements, -pyreq,
// set_python_requirements) fits apache-flink: no pin outside its Requires-Dist of the target, none the matrix
// knows breaks the target's patch, apache-flink itself at the target; and a requirements cache folder (for
// clusters without PyPI: pip install --no-index) holds a file for each requirement that installs on the workers.
import { basename } from 'node:path';
import { defineCheck } from './define.js';
import type { RequirementsRead } from '../src/facts/index.js';
import type { KnownBadDependency, Matrix } from '../src/knowledge/matrix.js';
import { normalizeName, parseRequirement, versionSatisfies, type Requirement } from '../src/python/pep508.js';
import { releaseToInstall } from '../src/python/pip.js';

const FLINK_DIST = 'apache-flink';

interface Finding {
  text: string;
  line: number;
  error: boolean;
}

export default defineCheck({
  id: 'python.requirements',
  title: 'Worker requirements fit apache-flink',
  group: 'Python',
  description:
    "The `python.requirements` file pins nothing outside apache-flink's Requires-Dist for the target, nothing the " +
    'matrix knows breaks it, and apache-flink only at the target; its cache folder (offline clusters) holds a file ' +
    "for every requirement that installs on Linux x86_64 workers of the client's Python minor.",
  reads: [
    'python.requirements in the Flink config ("file#cache_dir"), and the job\'s set_python_requirements() (--job)',
    'the requirements file and the cache folder listing',
    'compat-matrix.json requiresDist and knownBadDependencies',
  ],
  needs: ['shipping', 'target', 'python'],
  run({ shipping, target, python }, { matrix }) {
    const read = shipping.requirements;
    if (!read) return { status: 'skipped', summary: 'python.requirements is not set' };
    const location = { path: read.file };
    if (read.problem)
      return {
        status: 'error',
        summary: `python.requirements ${read.entry}: ${read.problem}`,
        fix: `Create ${read.file} or fix python.requirements in ${shipping.fromJob?.['python.requirements'] ?? shipping.file ?? 'the Flink config'}`,
        locations: [location],
      };
    const release = releaseToInstall(target, matrix);
    const minor = python.version?.split('.').slice(0, 2).join('') ?? undefined;
    const findings: Finding[] = [];
    const parsed: { req: Requirement; line: number }[] = [];
    for (const { line, text } of read.requirements) {
      const result = parseRequirement(text);
      if (!result.ok)
        findings.push({ text: `line ${line}: "${text.slice(0, 60)}" is not a requirement pip reads (${result.error})`, line, error: true });
      else parsed.push({ req: result.value, line });
    }
    findings.push(...againstFlink(parsed, release, matrix), ...cacheFindings(read, parsed, minor));
    const facts = { file: read.file, requirements: parsed.length, flink: release, cacheDir: read.cacheDir ?? null };
    const details = [
      `judged against apache-flink ${release}${read.cacheDir ? `; cache folder ${read.cacheDir} (${read.cacheFiles.length} files)` : ''}`,
    ];
    const worst = findings.find((f) => f.error) ?? findings[0];
    if (!worst)
      return {
        status: 'ok',
        summary: `${parsed.length} requirement${parsed.length === 1 ? '' : 's'} in ${basename(read.file)} fit apache-flink ${release}${read.cacheDir ? ', each with a file in the cache folder' : ''}`,
        details,
        facts,
      };
    return {
      status: findings.some((f) => f.error) ? 'error' : 'warning',
      summary: `${basename(read.file)} ${worst.text}`,
      details: [...findings.filter((f) => f !== worst).map((f) => `${basename(read.file)} ${f.text}`), ...details],
      fix: `Change ${read.file} to versions apache-flink ${release} accepts${read.cacheDir ? `, and fill the cache: pip download -d ${read.cacheDir} -r ${read.file} --only-binary=:all: --platform manylinux2014_x86_64 --python-version ${minor ?? '3.11'}` : ''}`,
      facts,
      locations: findings.map((f) => ({ path: read.file, line: f.line })),
    };
  },
});

/** Exact pins outside apache-flink's Requires-Dist, known-bad versions, apache-flink at another release. */
function againstFlink(parsed: readonly { req: Requirement; line: number }[], release: string, matrix: Matrix): Finding[] {
  const requires = requiresDist(release, matrix);
  const bad = matrix.line(release)?.knownBadDependencies ?? [];
  const out: Finding[] = [];
  for (const { req, line } of parsed) {
    const pinned = /^==\s*([^,*]+)$/.exec(req.specifier)?.[1];
    if (req.key === FLINK_DIST) {
      if (req.specifier && !versionSatisfies(release, req.specifier))
        out.push({
          text: `line ${line}: ${req.name}${req.specifier} does not allow ${release}, the client's release: the workers get another Flink`,
          line,
          error: true,
        });
      continue;
    }
    const needed = requires.get(req.key);
    if (pinned && needed && !versionSatisfies(pinned, needed))
      out.push({
        text: `line ${line}: ${req.name}==${pinned}, but apache-flink ${release} requires ${req.key}${needed}: pip cannot install both`,
        line,
        error: true,
      });
    if (pinned) out.push(...knownBadPins(req, pinned, line, release, bad));
  }
  return out;
}

/** apache-flink's unconditional Requires-Dist for this release: project key → specifier. */
function requiresDist(release: string, matrix: Matrix): Map<string, string> {
  const requires = new Map<string, string>();
  for (const raw of matrix.requiresDistFor(release)?.requires ?? []) {
    const r = parseRequirement(raw);
    if (r.ok && !r.value.marker) requires.set(r.value.key, r.value.specifier);
  }
  return requires;
}

/** A pin on a version the matrix knows breaks this release (unless the release has the fix). */
function knownBadPins(req: Requirement, pinned: string, line: number, release: string, bad: readonly KnownBadDependency[]): Finding[] {
  return bad
    .filter((b) => normalizeName(b.package) === req.key && !b.marker)
    .filter((known) => versionSatisfies(pinned, known.versions) && (!known.fixedIn || !versionSatisfies(release, `>=${known.fixedIn}`)))
    .map((known) => ({ text: `line ${line}: ${req.name}==${pinned}: ${known.reason}`, line, error: false }));
}

/** Each requirement needs a file in the cache folder: a wheel for Linux x86_64 and the client's minor, or an sdist. */
function cacheFindings(
  read: RequirementsRead,
  parsed: readonly { req: Requirement; line: number }[],
  minor: string | undefined,
): Finding[] {
  if (!read.cacheDir) return [];
  if (read.cacheProblem) return [{ text: `cache folder: ${read.cacheProblem}`, line: 1, error: true }];
  const out: Finding[] = [];
  for (const { req, line } of parsed) {
    const files = read.cacheFiles.filter((name) => projectOf(name) === req.key);
    const wheels = files.filter((name) => name.endsWith('.whl'));
    if (wheels.some((name) => wheelFits(name, minor))) continue;
    if (files.some((name) => /\.(tar\.gz|zip|tar\.bz2)$/.test(name)))
      out.push({
        text: `line ${line}: the cache holds only a source archive of ${req.name}: the workers must build it (compiler, headers)`,
        line,
        error: false,
      });
    else if (wheels.length > 0)
      out.push({
        text: `line ${line}: the cache's ${req.name} wheels (${wheels.slice(0, 2).join(', ')}) do not install on Linux x86_64 workers with Python ${minor ? `${minor[0]}.${minor.slice(1)}` : 'of the client'}`,
        line,
        error: true,
      });
    else
      out.push({
        text: `line ${line}: no file for ${req.name} in the cache folder: pip install --no-index fails on the workers`,
        line,
        error: true,
      });
  }
  return out;
}

/** "apache_flink-1.20.1-cp311-cp311-manylinux….whl" / "pyarrow-20.0.0.tar.gz" → normalised project name. */
function projectOf(file: string): string {
  const stem = file.replace(/\.(whl|tar\.gz|zip|tar\.bz2)$/, '');
  const match = /^(.+?)-\d/.exec(stem);
  return normalizeName(match?.[1] ?? stem);
}

/** py3/pyXY/cpXY(abi3) tags and any/manylinux/linux_x86_64 platforms fit Linux x86_64 CPython of `minor` ("311"). */
function wheelFits(file: string, minor: string | undefined): boolean {
  const parts = file.replace(/\.whl$/, '').split('-');
  if (parts.length < 5) return false;
  const [pythons = '', abis = '', platforms = ''] = parts.slice(-3);
  const platformOk = platforms.split('.').some((p) => p === 'any' || (/linux/.test(p) && /x86_64/.test(p)));
  const pythonOk = pythons.split('.').some((tag) => {
    if (tag === 'py3') return true;
    const py = /^py(\d+)$/.exec(tag);
    if (py) return !minor || py[1] === minor;
    const cp = /^cp(\d+)$/.exec(tag);
    if (!cp) return false;
    if (!minor) return true;
    // 39 < 310 < 311 as numbers, as 3.9 < 3.10 < 3.11: an abi3 wheel installs on its minor and every later one.
    return abis.split('.').includes('abi3') ? Number(cp[1]) <= Number(minor) : cp[1] === minor;
  });
  return platformOk && pythonOk;
}
