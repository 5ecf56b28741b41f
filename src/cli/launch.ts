// What bin/flink-doctor.js runs (dist/cli/launch.mjs): the engine as one script with a code cache made after a run
// (src/cli/engine-loader.ts); its early start spawns the probes' processes, then the rest of it loads while they run.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir } from '../util/cache-dir.js';
import { enableCompileCache } from './compile-cache.js';
import { loadEngine } from './engine-loader.js';

/** The engine script's file name in dist/cli, with its content hash (set by scripts/build.mjs). */
declare const FLINK_DOCTOR_ENGINE: string;

// Node's compile cache (22.1+) for what the engine requires from node_modules (YAML, the job parser, the HTTP client).
enableCompileCache(process.env);
// NODE_DISABLE_COMPILE_CACHE turns off Node's compile cache; it turns off the engine's too.
const folder = process.env.NODE_DISABLE_COMPILE_CACHE ? undefined : join(cacheDir(process.env), 'code-cache');
const file = fileURLToPath(new URL(FLINK_DOCTOR_ENGINE, import.meta.url));
if (!existsSync(file)) {
  process.stderr.write(`flink-doctor: ${file} is missing; run \`npm run build\` first\n`);
  process.exit(2);
}
const engine = loadEngine(file, folder);
engine.startProbesEarly(process.argv.slice(2), process.env, process.cwd());
engine.setModuleImporter((url) => import(url));
await engine.runEngine();
