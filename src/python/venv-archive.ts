// What a shipped Python environment archive (python.archives, -pyarch, add_python_archive) holds, read from its
// listing: does the interpreter python.executable names exist inside, is it a real file or a symlink that stays
// inside (a `python -m venv` bin/python points at the build machine's /usr/bin and will not exist on the
// workers), which Python minor (pyvenv.cfg, else the lib/pythonX.Y layout) and which apache-flink it carries.
import { posix } from 'node:path';
import type { ArchiveInterpreter, ArchiveRead, OutwardLink } from '../facts/index.js';
import type { ArchiveEntry, ArchiveListing, ReadArchiveOptions } from './archive.js';

/** Small entries worth reading: a venv's pyvenv.cfg, at the top or one folder down. */
export function wantedText(name: string): boolean {
  return /^(?:[^/]+\/)?pyvenv\.cfg$/.test(name);
}

/** How to read an environment archive whose interpreter python.executable names at `inside` (if it points into it). */
export function environmentReadOptions(inside: string | undefined): ReadArchiveOptions {
  return { wanted: wantedText, enough: checksHaveEnough(inside) };
}

/** The listing as the shipping fact keeps it. */
export function environmentFacts(listing: ArchiveListing, inside: string | undefined): Omit<ArchiveRead, 'entry' | 'path' | 'status'> {
  return {
    entries: listing.entries.length,
    truncated: listing.truncated,
    ...(listing.cap ? { cap: listing.cap } : {}),
    ...(listing.enough ? { enough: true } : {}),
    outwardLinks: outwardLinks(listing).slice(0, 100),
    environments: environmentsIn(listing).slice(0, 20),
    ...(inside ? { interpreter: inspectInterpreter(listing, inside) } : {}),
  };
}

/**
 * When a listing can stop early: python.archives' verdict is fixed by one symlink out of the archive that is not
 * the interpreter's own (python.worker judges those), and python.worker's by the interpreter resolved (a file
 * inside, a link out, a loop), the Python minor (pyvenv.cfg or lib/pythonX.Y) and the apache-flink dist-info. A
 * healthy archive has no such link, so it is read whole, up to the caps: only then is "no link out" known.
 */
export function checksHaveEnough(inside: string | undefined): (listing: ArchiveListing, entry?: ArchiveEntry) => boolean {
  const path = inside === undefined ? undefined : interpreterPath(inside);
  const root = path === undefined ? undefined : rootOf(path);
  const byName = new Map<string, ArchiveEntry>();
  let outward = false;
  let minor = false;
  let flink = false;
  return (listing, entry) => {
    if (entry) {
      byName.set(entry.name, entry);
      outward ||=
        entry.type === 'symlink' &&
        entry.target !== undefined &&
        leavesArchive(entry.name, entry.target) &&
        !isInterpreterLink(entry.name, root);
      if (root !== undefined) {
        const inLib = entry.name.startsWith(libOf(root)) ? entry.name.slice(libOf(root).length) : undefined;
        minor ||= inLib !== undefined && /^python\d+\.\d+(?:\/|$)/.test(inLib);
        flink ||= inLib !== undefined && FLINK_DIST_INFO.test(inLib);
      }
    }
    if (!outward) return false;
    if (path === undefined || root === undefined) return true;
    minor ||= listing.texts[cfgOf(root)] !== undefined;
    return minor && flink && resolve(byName, path).kind !== 'missing';
  };
}

/** The interpreter's own links (bin/python, python3, python3.11) are python.worker's to judge, not python.archives'. */
export function isInterpreterLink(name: string, root: string | undefined): boolean {
  return root !== undefined && name.startsWith(`${root ? `${root}/` : ''}bin/python`);
}

const FLINK_DIST_INFO = /^python\d+\.\d+\/site-packages\/apache_flink-([^/]+)\.dist-info(?:\/|$)/;

function interpreterPath(inside: string): string {
  return posix.normalize(inside).replace(/^\.\//, '');
}

function rootOf(path: string): string {
  const root = posix.dirname(posix.dirname(path));
  return root === '.' ? '' : root;
}

function libOf(root: string): string {
  return root ? `${root}/lib/` : 'lib/';
}

function cfgOf(root: string): string {
  return root ? `${root}/pyvenv.cfg` : 'pyvenv.cfg';
}

/** Symlinks whose target is absolute or climbs out of the archive. */
export function outwardLinks(listing: ArchiveListing): OutwardLink[] {
  return listing.entries
    .filter((e) => e.type === 'symlink' && e.target !== undefined && leavesArchive(e.name, e.target))
    .map((e) => ({ name: e.name, target: e.target ?? '' }));
}

function leavesArchive(name: string, target: string): boolean {
  if (posix.isAbsolute(target) || /^[A-Za-z]:[\\/]/.test(target)) return true;
  return posix.normalize(posix.join(posix.dirname(name), target)).startsWith('..');
}

/** Follows `inside` through symlinks within the archive. */
export function inspectInterpreter(listing: ArchiveListing, inside: string): ArchiveInterpreter {
  const byName = new Map<string, ArchiveEntry>(listing.entries.map((e) => [e.name, e]));
  const path = interpreterPath(inside);
  const result: ArchiveInterpreter = { inside: path, root: rootOf(path), resolution: resolve(byName, path) };
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
  const cfg = listing.texts[cfgOf(root)];
  // venv writes "version = 3.11.7"; uv and virtualenv write "version_info = 3.11.7" (or "3.11.7.final.0").
  const fromCfg = cfg ? /^\s*version(?:_info)?\s*=\s*(\d+)\.(\d+)/m.exec(cfg) : null;
  if (fromCfg) return { pythonMinor: `${fromCfg[1]}.${fromCfg[2]}`, minorFrom: 'pyvenv.cfg' };
  const prefix = libOf(root);
  const minors = new Set<string>();
  for (const entry of listing.entries) {
    if (!entry.name.startsWith(prefix)) continue;
    const match = /^python(\d+\.\d+)(?:\/|$)/.exec(entry.name.slice(prefix.length));
    if (match?.[1]) minors.add(match[1]);
  }
  return minors.size === 1 ? { pythonMinor: [...minors][0], minorFrom: 'lib/pythonX.Y' } : {};
}

function flinkOf(listing: ArchiveListing, root: string): Pick<ArchiveInterpreter, 'flinkVersion'> {
  const prefix = libOf(root);
  for (const entry of listing.entries) {
    if (!entry.name.startsWith(prefix)) continue;
    const match = FLINK_DIST_INFO.exec(entry.name.slice(prefix.length));
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
