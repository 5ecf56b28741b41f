// Node's on-disk compile cache (module.enableCompileCache, Node 22.1+): V8 keeps the code it compiled for the
// bundle's chunks in the user's cache folder, so a second run skips compiling them. Where Node lacks it, the
// folder cannot be written, or the user disabled it (NODE_DISABLE_COMPILE_CACHE), the run goes on without it.
import * as nodeModule from 'node:module';
import { join } from 'node:path';
import { cacheDir } from '../util/cache-dir.js';

type EnableCompileCache = (directory?: string) => unknown;

export function enableCompileCache(env: Record<string, string | undefined>): void {
  const enable = (nodeModule as { enableCompileCache?: EnableCompileCache }).enableCompileCache;
  if (typeof enable !== 'function') return;
  try {
    enable(join(cacheDir(env), 'compile-cache'));
  } catch {
    // A cache is an optimisation: never a reason for the doctor not to run.
  }
}
