// How a python.archives archive is named and how much of it was read, in the words python.archives and python.worker
// share: a listing that ended at a cap is judged only on what was read, and says so.
import { basename } from 'node:path';
import type { ArchiveRead } from '../src/facts/index.js';

/** "12,345 entries", "60,000 entries read (listed up to flink-doctor's cap …; the rest was not read)". */
export function entriesRead(read: ArchiveRead): string {
  const count = `${(read.entries ?? 0).toLocaleString('en-US')} entries`;
  if (read.cap) return `${count} read (${read.cap}; the rest was not read)`;
  if (read.enough) return `${count} read (listing stopped once the verdict was known)`;
  return count;
}

/** " in the part read (…)" for a summary about something not found, when a cap ended the listing. */
export function inPartRead(read: ArchiveRead): string {
  return read.cap ? ` in the part read (${read.cap})` : '';
}

/** The archive's file name ("venv.zip"), else the entry as written. */
export function archiveName(read: ArchiveRead): string {
  return basename(read.path ?? read.entry);
}

/** "venv, (top level)": the folders holding a Python environment. */
export function environmentsOf(read: ArchiveRead): string {
  return read.environments.map((e) => e || '(top level)').join(', ');
}
