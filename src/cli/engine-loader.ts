// The engine with a code cache made after a run. Node's own compile cache (src/cli/compile-cache.ts) keeps only what
// V8 compiles when a module is loaded; the functions a run then calls are compiled again on every run, and that was
// about a quarter of a full run's instructions (callgrind, Node 24). V8 can write a cache at any time, with every
// function compiled so far (vm.Script's createCachedData), but only for a script: so the engine is also built as one
// CommonJS script (dist/cli/engine-<hash>.cjs, scripts/build.mjs), run here with the cache the first runs on this Node
// wrote when they exited. Node 20, which has no compile cache at all, gains the most.
//
// The cache file is named after the engine's file (its name holds a hash of its content), this Node, its V8 (a
// distribution may build a Node version with another) and this CPU, so V8 is never handed a cache made for another
// source; V8 itself rejects one made by another V8 or with other flags, and then it is written again. It is written twice: by the first run (which finds every other cache empty, and so
// compiles the functions that fill them) and by the next (which compiles those that read them; V8 keeps in the cache
// what it took from the first, so the second holds both). Later runs only read it. Only the user's own file is read:
// a cache is code. Every failure means no cache.
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** What src/cli/engine.ts exports. */
export interface Engine {
  startProbesEarly(argv: readonly string[], env: Record<string, string | undefined>, cwd: string): void;
  runEngine(): Promise<void>;
  setModuleImporter(importer: (url: string) => Promise<unknown>): void;
}

/** What the engine's text is wrapped in: the wrapper Node gives a CommonJS module, so it sees require, module, __filename. */
export const ENGINE_WRAPPER_START = '(function (exports, require, module, __filename, __dirname) {';

/** Larger than any cache the engine makes (~1.5 MB): a bigger file is not ours. */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

/** Runs the engine script `file`; `cacheFolder` undefined: no code cache. */
export function loadEngine(file: string, cacheFolder: string | undefined): Engine {
  const source = readFileSync(file, 'utf8');
  const name = `${basename(file)}-${process.version}-v8-${process.versions.v8}-${process.arch}`;
  const cache = cacheFolder === undefined ? undefined : findCache(cacheFolder, name);
  const script = new Script(`${ENGINE_WRAPPER_START}${source}\n})`, {
    filename: file,
    ...(cache?.data ? { cachedData: cache.data } : {}),
  });
  const module = { exports: {} as Engine };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  const next = cache === undefined ? undefined : nextWrite(cache, script.cachedDataRejected === true);
  if (next !== undefined) process.once('exit', () => keepCache(next, script));
  return module.exports;
}

/** The cache found for the engine: its data and generation (0: none), and its path per generation. */
interface FoundCache {
  data?: Buffer;
  generation: number;
  pathOf: (generation: number) => string;
}

/** Written by the first run and by the next: the second holds what both compiled. */
const LAST_GENERATION = 2;

function findCache(folder: string, name: string): FoundCache {
  const pathOf = (generation: number) => join(folder, `${name}.${generation}.bin`);
  for (let generation = LAST_GENERATION; generation >= 1; generation -= 1) {
    const data = readOwnCache(pathOf(generation));
    if (data) return { data, generation, pathOf };
  }
  return { generation: 0, pathOf };
}

/** Where this run writes the cache at exit, if it does: the next generation, or the first again when V8 refused it. */
function nextWrite(cache: FoundCache, rejected: boolean): string | undefined {
  if (rejected || cache.generation === 0) return cache.pathOf(1);
  return cache.generation < LAST_GENERATION ? cache.pathOf(cache.generation + 1) : undefined;
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

/** Caches of other engines (earlier builds, other installs sharing the folder) kept besides this one's. */
const MAX_CACHES = 8;

/** Past MAX_CACHES files, the least recently written go. */
function pruneOthers(dir: string): void {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.bin'))
    .map((name) => ({ path: join(dir, name), written: statSync(join(dir, name)).mtimeMs }))
    .sort((a, b) => b.written - a.written);
  for (const { path } of files.slice(MAX_CACHES)) rmSync(path, { force: true });
}

/**
 * At exit: the cache with every function this run compiled (and those it took from the cache), written atomically
 * for the user alone, then the folder kept within MAX_CACHES. Best effort.
 */
function keepCache(path: string, script: Script): void {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
    renameSync(temp, path);
    // The other generation: an earlier one this replaces, or a later one V8 refused.
    rmSync(
      path.replace(/\.(\d)\.bin$/, (_, generation: string) => `.${generation === '1' ? 2 : 1}.bin`),
      { force: true },
    );
    pruneOthers(dirname(path));
  } catch {
    // A cache is an optimisation: a read-only home or a full disk loses it only.
  }
}
