// Big inputs the tests only read (an archive at its caps, JARs of 100,000 entries, 2,000 connector JARs, a zip64 that
// Python's zipfile wrote), built once per machine and kept in .cache/test-fixtures/<name>/<key>/ as the javac class
// files are (test/helpers/jars.ts). Building them cost several seconds of CPU in every run; reading them costs nothing.
// The key covers the recipe's values, the code of its build function and the source of the writers it calls, so a
// changed cap, recipe or writer builds a new folder (and removes the stale one); a fresh clone builds each once.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isAlive } from './processes.js';

const ROOT = join(import.meta.dirname, '..', '..', '.cache', 'test-fixtures');
/** The helpers that write fixtures: an edit to any of them changes every key. */
const WRITERS = ['archives.ts', 'zip.ts', 'hostile-inputs.ts', 'fixture-cache.ts'];
const writersSource = WRITERS.map((file) => readFileSync(join(import.meta.dirname, file), 'utf8')).join('\0');
const building = new Map<string, Promise<string>>();

/**
 * The folder of fixture `name`: `build(dir)` fills it the first time on this machine (per `recipe`, the values the
 * build depends on, e.g. the caps), later runs get the folder as it was left. Callers must not write into it.
 */
export function cachedFixture(name: string, recipe: unknown, build: (dir: string) => Promise<unknown>): Promise<string> {
  const key = createHash('sha256')
    .update(`${JSON.stringify(recipe)}\0${build.toString()}\0${writersSource}`)
    .digest('hex')
    .slice(0, 16);
  const dir = join(ROOT, name, key);
  let pending = building.get(dir);
  if (!pending) {
    pending = existsSync(dir) ? Promise.resolve(dir) : buildOnce(dir, build);
    building.set(dir, pending);
  }
  return pending;
}

async function buildOnce(dir: string, build: (dir: string) => Promise<unknown>): Promise<string> {
  const parent = join(dir, '..');
  // Older keys of this fixture are stale (their recipe or writer changed), and so is a .tmp folder whose builder is
  // gone (a run stopped half-way); a .tmp folder of a live process is another worker's build.
  await mkdir(parent, { recursive: true });
  for (const old of await readdir(parent)) {
    const builder = /\.(\d+)\.\w+\.tmp$/.exec(old)?.[1];
    if (join(parent, old) !== dir && !(builder && isAlive(Number(builder)))) await rm(join(parent, old), { recursive: true, force: true });
  }
  // Built under a unique name, then renamed: a run stopped half-way or a second worker never leaves half a fixture.
  const partial = `${dir}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await mkdir(partial, { recursive: true });
  try {
    await build(partial);
    await rename(partial, dir);
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    // Another worker renamed its identical build into place first.
    if (!existsSync(dir)) throw error;
  }
  return dir;
}
