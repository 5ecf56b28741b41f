// python.archives: every environment archive the job ships (python.archives) can be read, and holds no symlink
// that points outside it: such a link is extracted as a dangling link on the workers. The interpreter
// python.executable names inside an archive is judged by python.worker.
import { archiveName, entriesRead, environmentsOf } from './archive-shared.js';
import { defineCheck } from './define.js';
import type { ArchiveRead } from '../src/facts/index.js';

export default defineCheck({
  id: 'python.archives',
  title: 'Shipped Python archives are self-contained',
  group: 'Python',
  description:
    'Each `python.archives` entry on this machine opens as a zip or tar(.gz) (never extracted) and holds no ' +
    'symlink pointing outside itself; remote archives (hdfs://, s3://) are listed, not downloaded.',
  reads: [
    'python.archives in the Flink config, and the job\'s set("python.archives") / add_python_archive() (--job)',
    "each local archive's listing (zip central directory, tar headers)",
  ],
  needs: ['shipping'],
  run({ shipping }) {
    if (shipping.archives.length === 0) return { status: 'skipped', summary: 'python.archives is not set' };
    const errors: string[] = [];
    const details: string[] = [];
    for (const archive of shipping.archives) {
      if (archive.status === 'remote') details.push(`${archive.entry}: remote, not downloaded`);
      else if (archive.status === 'unreadable') errors.push(`${archive.entry}: ${archive.problem}`);
      else judgeLinks(archive, errors, details);
    }
    const facts = { archives: shipping.archives.length, problems: errors.length };
    if (errors.length === 0) return { status: 'ok', summary: selfContainedSummary(shipping.archives, details), details, facts };
    return {
      status: 'error',
      summary: errors[0] ?? '',
      details: [...errors.slice(1), ...details],
      fix: 'Rebuild the archive from an environment that holds real files: `python -m venv --copies` or conda-pack (`conda create --copy`), then zip or tar it without following links out of it',
      facts,
      ...locationOf(shipping.fromJob?.['python.archives'] ?? shipping.file),
    };
  },
});

/** An archive that was read: its links out of it are errors, except the interpreter's own (python.worker's finding). */
function judgeLinks(archive: ArchiveRead, errors: string[], details: string[]): void {
  const name = archiveName(archive);
  const own = archive.interpreter ? `${archive.interpreter.root ? `${archive.interpreter.root}/` : ''}bin/python` : undefined;
  const links = archive.outwardLinks.filter((l) => !own || !l.name.startsWith(own));
  const interpreterLinks = archive.outwardLinks.length - links.length;
  if (interpreterLinks > 0)
    details.push(
      `${name}: ${interpreterLinks} interpreter link${interpreterLinks === 1 ? '' : 's'} (${own}*) point${interpreterLinks === 1 ? 's' : ''} outside the archive: see python.worker`,
    );
  const more = archive.truncated ? ' or more' : '';
  if (links.length > 0)
    errors.push(
      `${name}: ${links.length}${more} symlink${links.length === 1 && !more ? ' points' : 's point'} outside the archive (${links
        .slice(0, 3)
        .map((l) => `${l.name} → ${l.target}`)
        .join(', ')}${links.length > 3 ? ', …' : ''}): missing on the workers`,
    );
  details.push(
    `${name}: ${entriesRead(archive)}${archive.environments.length > 0 ? `; Python environments: ${environmentsOf(archive)}` : ''}`,
  );
}

/** "2 archives: no symlink out of the archive", naming what it does not cover (the interpreter's links, a capped listing). */
function selfContainedSummary(archives: ArchiveRead[], details: string[]): string {
  const count = `${archives.length} archive${archives.length === 1 ? '' : 's'}`;
  const besides = details.some((d) => d.includes('see python.worker')) ? " besides the interpreter's (see python.worker)" : '';
  const capped = archives.filter((a) => a.cap).map(archiveName);
  const partly = capped.length > 0 ? ` in the part read of ${capped.join(', ')} (see details)` : '';
  return `${count}: no symlink out of the archive${besides}${partly}`;
}

/** "job.py:12" or a config file → a report location. */
function locationOf(where: string | undefined): { locations?: { path: string; line?: number }[] } {
  if (!where) return {};
  const match = /^(.*):(\d+)$/.exec(where);
  return { locations: [match ? { path: match[1] as string, line: Number(match[2]) } : { path: where }] };
}
