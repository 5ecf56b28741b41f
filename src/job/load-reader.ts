// Loads the job reader (read-job.ts, with @lezer/python) for a job whose needs are not cached. V8 compiles a function
// when it is first called, and Node's compile cache (turned on by the CLI, Node 22.1+) keeps only the code compiled
// with the module: the parser's and the walk's functions, compiled during the read, were compiled again by every run
// that read a new job (~7 ms of its ~45 ms CPU). With the compile cache on, this module is compiled whole (V8's
// --no-lazy for its import alone) so the cache keeps all of it. Without the cache (Node 20, NODE_DISABLE_COMPILE_CACHE)
// compiling functions the read never calls would only cost more (3-6 ms), so it is not done. V8's code cache carries
// the flags it was made with: the reader's entry is always made and read with --no-lazy, the other modules' without.
// In the single-file build (dist/flink-doctor.mjs) the reader is part of the one file: there this only compiles its
// functions when it is set up rather than when first called (no measurable change, Node 22 and 24). In the engine script
// bin/flink-doctor.js runs (src/cli/engine-loader.ts) the reader is part of the script, in the engine's own code cache
// when the run that wrote it read a job; what this compiles whole there is @lezer, required from node_modules.
import * as nodeModule from 'node:module';
import { setFlagsFromString } from 'node:v8';

export type Reader = typeof import('./read-job.js');

/** Whether the module compile cache is on in this process (getCompileCacheDir: Node 22.8+; older, taken as off). */
function compileCacheIsOn(): boolean {
  const dir = (nodeModule as { getCompileCacheDir?: () => string | undefined }).getCompileCacheDir;
  return typeof dir === 'function' && dir() !== undefined;
}

/** Whether the user set V8's laziness (node --lazy / --no-lazy): then it is theirs, left as it is. */
function lazinessIsSet(): boolean {
  return [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((arg) => /lazy/.test(arg));
}

export async function loadReader(): Promise<Reader> {
  const eager = compileCacheIsOn() && !lazinessIsSet();
  if (!eager) return import('./read-job.js');
  setFlagsFromString('--no-lazy');
  try {
    return await import('./read-job.js');
  } finally {
    setFlagsFromString('--lazy');
  }
}
