// What bin/flink-doctor.js runs (dist/cli/launch.mjs): src/cli/bin.ts's steps, with the engine loaded as a script
// with a code cache made after a run (src/cli/engine-loader.ts) instead of as modules.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir } from '../util/cache-dir.js';
import { enableCompileCache } from './compile-cache.js';
import { loadEngine } from './engine-loader.js';

/** The engine script's file name in dist/cli, with its content hash (set by scripts/build.mjs). */
declare const FLINK_DOCTOR_ENGINE: string;

enableCompileCache(process.env);
const { startProbesEarly } = await import('./early-start.js');
startProbesEarly(process.argv.slice(2), process.env, process.cwd());
// NODE_DISABLE_COMPILE_CACHE turns off Node's compile cache; it turns off this one too.
const folder = process.env.NODE_DISABLE_COMPILE_CACHE ? undefined : join(cacheDir(process.env), 'code-cache');
const engine = loadEngine(fileURLToPath(new URL(FLINK_DOCTOR_ENGINE, import.meta.url)), folder);
engine.setModuleImporter((url) => import(url));
await engine.runEngine();
