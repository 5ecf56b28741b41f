// What every cache folder of flink-doctor's needs (the JAR contents, config, packages, job and Java answer caches): the
// build an entry was written by, a bound on how many files the folder keeps, and the one way an entry file is read
// (the user's own files only) and written (atomically, for the user alone, best effort).
import { readdir, stat, unlink } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pkg from '../../package.json' with { type: 'json' };
import { writeAtomically } from './atomic-write.js';
import { ensureDir } from './ensure-dir.js';
import { readTextFileSync } from './read-file.js';

/** When scripts/build.mjs built the bundles: undefined when this code runs from its sources (the tests). */
declare const FLINK_DOCTOR_BUILD: string | undefined;

/**
 * The version, and when this build was made: a rebuild (or a reinstall) starts from an empty cache. One value for the
 * CLI's early start and its engine, which are two bundles (src/cli/launch.ts); from the sources, the file's time.
 */
export function thisBuild(): string {
  if (typeof FLINK_DOCTOR_BUILD === 'string') return `${pkg.version}@${FLINK_DOCTOR_BUILD}`;
  try {
    return `${pkg.version}@${statSync(fileURLToPath(import.meta.url)).mtimeMs}`;
  } catch {
    return pkg.version;
  }
}

/** Past `maxFiles`, removes the least recently written files down to 80% of it (temp files a killed run left too). */
export async function pruneOldest(dir: string, maxFiles: number): Promise<void> {
  const names = await readdir(dir);
  if (names.length <= maxFiles) return;
  const dated = await Promise.all(
    names.map(async (name) => ({
      name,
      mtime: await stat(join(dir, name)).then(
        (s) => s.mtimeMs,
        () => 0,
      ),
    })),
  );
  dated.sort((a, b) => b.mtime - a.mtime);
  await Promise.all(dated.slice(Math.floor(maxFiles * 0.8)).map(({ name }) => unlink(join(dir, name)).catch(() => undefined)));
}

/**
 * An entry file's text, or undefined when it is missing, unreadable, larger than `maxBytes`, or not the user's own: a
 * cache folder others can write to (a shared CI runner) must not feed a run answers.
 */
export function readOwnEntry(path: string, maxBytes: number): string | undefined {
  try {
    if (process.getuid && statSync(path).uid !== process.getuid()) return undefined;
    return readTextFileSync(path, maxBytes);
  } catch {
    return undefined;
  }
}

/**
 * Writes an entry atomically, readable by the user alone (0600), then keeps the folder within `maxFiles`. Best effort:
 * a read-only home or a full disk loses the cache only.
 */
export async function keepEntry(dir: string, path: string, text: string, maxFiles: number): Promise<void> {
  try {
    await ensureDir(dir);
    await writeAtomically(path, text, 0o600);
    await pruneOldest(dir, maxFiles);
  } catch {
    // Best effort.
  }
}
