// The engine with a code cache made after a run. Node's own compile cache (src/cli/compile-cache.ts) keeps only what
// V8 compiles when a module is loaded; the functions a run then calls are compiled again on every run, and that was
// about a quarter of a full run's instructions (callgrind, Node 24). V8 can write a cache at any time, with every
// function compiled so far (vm.Script's createCachedData), but only for a script: so the engine is also built as one
// CommonJS script (dist/cli/engine-<hash>.cjs, scripts/build.mjs), run here with the cache an earlier run on this Node
// wrote when it exited. Node 20, which has no compile cache at all, gains the most.
//
// The cache file is named after the engine's file (its name holds a hash of its content), this Node, its V8 (a
// distribution may build a Node version with another) and this CPU, so V8 is never handed a cache made for another
// source; V8 itself rejects one made by another V8 or with other flags, and then it is written again. It is written by
// the second run of an engine (see keepCache); later runs only read it. Only the user's own file is read: a cache is
// code. Every failure means no cache.
import {
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { writeAtomicallySync } from '../util/atomic-write.js';

/** What src/cli/engine.ts exports. */
export interface Engine {
  startProbesEarly(argv: readonly string[], env: Record<string, string | undefined>, cwd: string): void;
  runEngine(): Promise<void>;
  setModuleImporter(importer: (url: string) => Promise<unknown>): void;
}

/** What the engine's text is wrapped in: the wrapper Node gives a CommonJS module, so it sees require, module, __filename. */
const ENGINE_WRAPPER_START = '(function (exports, require, module, __filename, __dirname) {';

/** Larger than any cache the engine makes (~1.5 MB): a bigger file is not ours. */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

/** Runs the engine script `file`; `cacheFolder` undefined: no code cache. */
export function loadEngine(file: string, cacheFolder: string | undefined): Engine {
  const source = readFileSync(file, 'utf8');
  const name = `${basename(file)}-${process.version}-v8-${process.versions.v8}-${process.arch}`;
  const cache = cacheFolder === undefined ? undefined : findCache(join(cacheFolder, name));
  const script = new Script(`${ENGINE_WRAPPER_START}${source}\n})`, {
    filename: file,
    ...(cache?.data ? { cachedData: cache.data } : {}),
  });
  const module = { exports: {} as Engine };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  if (cache && (!cache.data || script.cachedDataRejected === true)) process.once('exit', () => keepCache(cache, script));
  return module.exports;
}

/** The engine's cache (`<path>.bin`), and whether a run of this engine has been seen (`<path>.seen`, or a cache not read). */
interface FoundCache {
  path: string;
  data?: Buffer;
  seen: boolean;
}

function findCache(path: string): FoundCache {
  const data = readOwnCache(`${path}.bin`);
  return data ? { path, data, seen: true } : { path, seen: existsSync(`${path}.seen`) || existsSync(`${path}.bin`) };
}

function readOwnCache(path: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const stat = fstatSync(fd);
    if (!ownedByUserAlone(stat) || stat.size > MAX_CACHE_BYTES) return undefined;
    const buffer = Buffer.allocUnsafe(stat.size);
    return readSync(fd, buffer, 0, stat.size, 0) === stat.size ? buffer : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The user's own file that no one else may write (where the platform has owners and modes: not on Windows). */
function ownedByUserAlone(stat: Stats): boolean {
  if (process.platform === 'win32' || !process.getuid) return true;
  return stat.uid === process.getuid() && (stat.mode & 0o022) === 0;
}

/** Files the folder keeps: this engine's cache and those of others (earlier builds, other installs sharing it). */
const MAX_FILES = 8;

/** Past MAX_FILES files (caches, marks, a temp file a killed run left), the least recently written go. */
function pruneOthers(dir: string): void {
  const files = readdirSync(dir)
    .map((name) => ({ path: join(dir, name), written: statSync(join(dir, name)).mtimeMs }))
    .sort((a, b) => b.written - a.written);
  for (const { path } of files.slice(MAX_FILES)) rmSync(path, { force: true });
}

/**
 * At exit. The first run of an engine only marks it seen: writing the cache costs about as much as a tenth of that run
 * (a first run compiles the most: the JAR scan, YAML, every cache written), and a run in a fresh container or CI job
 * is often the only one. The next run writes the cache with every function it compiled (the ones later runs call:
 * they read the other caches), atomically, for the user alone, then keeps the folder within MAX_FILES. Best effort.
 */
function keepCache(cache: FoundCache, script: Script): void {
  try {
    mkdirSync(dirname(cache.path), { recursive: true, mode: 0o700 });
    if (!cache.seen) {
      writeFileSync(`${cache.path}.seen`, '', { mode: 0o600 });
      return;
    }
    writeAtomicallySync(`${cache.path}.bin`, script.createCachedData(), 0o600);
    rmSync(`${cache.path}.seen`, { force: true });
    pruneOthers(dirname(cache.path));
  } catch {
    // A cache is an optimisation: a read-only home or a full disk loses it only.
  }
}
