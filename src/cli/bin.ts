// Entry point of the one-file bundle (dist/flink-doctor.mjs) and of the code-split build's dist/cli/flink-doctor.mjs.
// It turns on Node's compile cache, starts the Java and Python probes' processes (src/cli/early-start.ts), then
// loads the engine while they run. What bin/flink-doctor.js runs is src/cli/launch.ts: the same steps, with the engine
// in one script with a code cache of its own.
import { enableCompileCache } from './compile-cache.js';

enableCompileCache(process.env);
// The engine module holds only the early start until runEngine imports the rest, as in launch.ts.
const engine = await import('./engine.js');
engine.startProbesEarly(process.argv.slice(2), process.env, process.cwd());
await engine.runEngine();
