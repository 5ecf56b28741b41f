// What a shipped Python environment archive (python.archives, -pyarch, add_python_archive) holds, read from its
// listing: does the interpreter python.executable names exist inside, is it a real file or a symlink that stays
// inside (a `python -m venv` bin/python points at the build machine's /usr/bin and will not exist on the
// workers), which Python minor (pyvenv.cfg, else the lib/pythonX.Y layout) and which apache-flink it carries.
import { posix } from 'node:path';
import type { ArchiveInterpreter, OutwardLink } from '../facts/index.js';
import type { ArchiveEntry, ArchiveListing } from './archive.js';

/** Small entries worth reading: a venv's pyvenv.cfg, at the top or one folder down. */
export function wantedText(name: string): boolean {
  return /^(?:[^/]+\/)?pyvenv\.cfg$/.test(name);
}

/** Symlinks whose target is absolute or climbs out of the archive. */
export function outwardLinks(listing: ArchiveListing): OutwardLink[] {
  return listing.entries.filter((e) => e.type === 'symlink' && e.target !== undefined && leavesArchive(e.name, e.target)).map((e) => ({ name: e.name, target: e.target ?? '' }));
}

function leavesArchive(name: string, target: string): boolean {
  if (posix.isAbsolute(target) || /^[A-Za-z]:[\\/]/.test(target)) return true;
  return posix.normalize(posix.join(posix.dirname(name), target)).startsWith('..');
}

/** Follows `inside` through symlinks within the archive. */
export function inspectInterpreter(listing: ArchiveListing, inside: string): ArchiveInterpreter {
  const byName = new Map<string, ArchiveEntry>(listing.entries.map((e) => [e.name, e]));
  const path = posix.normalize(inside).replace(/^\.\//, '');
  const root = posix.dirname(posix.dirname(path));
  const result: ArchiveInterpreter = { inside: path, root: root === '.' ? '' : root, resolution: resolve(byName, path) };
  Object.assign(result, pythonMinorOf(listing, result.root), flinkOf(listing, result.root));
  return result;
}

function resolve(byName: ReadonlyMap<string, ArchiveEntry>, start: string): ArchiveInterpreter['resolution'] {
  let current = start;
  for (let hops = 0; hops < 16; hops++) {
    const entry = byName.get(current);
    if (!entry) return { kind: 'missing' };
    if (entry.type !== 'symlink') return entry.type === 'dir' ? { kind: 'missing' } : { kind: 'file', path: current };
    const target = entry.target ?? '';
    if (leavesArchive(current, target)) return { kind: 'outside', link: current, target };
    current = posix.normalize(posix.join(posix.dirname(current), target));
  }
  return { kind: 'loop' };
}

function pythonMinorOf(listing: ArchiveListing, root: string): Pick<ArchiveInterpreter, 'pythonMinor' | 'minorFrom'> {
  const cfg = listing.texts[root ? `${root}/pyvenv.cfg` : 'pyvenv.cfg'];
  // venv writes "version = 3.11.7"; uv and virtualenv write "version_info = 3.11.7" (or "3.11.7.final.0").
  const fromCfg = cfg ? /^\s*version(?:_info)?\s*=\s*(\d+)\.(\d+)/m.exec(cfg) : null;
  if (fromCfg) return { pythonMinor: `${fromCfg[1]}.${fromCfg[2]}`, minorFrom: 'pyvenv.cfg' };
  const prefix = root ? `${root}/lib/` : 'lib/';
  const minors = new Set<string>();
  for (const entry of listing.entries) {
    if (!entry.name.startsWith(prefix)) continue;
    const match = /^python(\d+\.\d+)(?:\/|$)/.exec(entry.name.slice(prefix.length));
    if (match?.[1]) minors.add(match[1]);
  }
  return minors.size === 1 ? { pythonMinor: [...minors][0] as string, minorFrom: 'lib/pythonX.Y' } : {};
}

function flinkOf(listing: ArchiveListing, root: string): Pick<ArchiveInterpreter, 'flinkVersion'> {
  const prefix = root ? `${root}/lib/` : 'lib/';
  for (const entry of listing.entries) {
    if (!entry.name.startsWith(prefix)) continue;
    const match = /^python\d+\.\d+\/site-packages\/apache_flink-([^/]+)\.dist-info(?:\/|$)/.exec(entry.name.slice(prefix.length));
    if (match?.[1]) return { flinkVersion: match[1] };
  }
  return {};
}

/** Folders that look like Python environments (hold bin/python*), for an archive no python.executable points into. */
export function environmentsIn(listing: ArchiveListing): string[] {
  const roots = new Set<string>();
  for (const entry of listing.entries) {
    const match = /^(?:(.*)\/)?bin\/python(?:\d+(?:\.\d+)?)?$/.exec(entry.name);
    if (match) roots.add(match[1] ?? '');
  }
  return [...roots];
}
