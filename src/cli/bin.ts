// Entry point of the bundled CLI (dist/cli/flink-doctor.mjs and dist/flink-doctor.mjs). It turns on Node's
// compile cache, starts the Java and Python probes' processes (src/cli/early-start.ts), then loads the engine
// while they run. Each step is a dynamic import so the code-split build reads nothing before it needs it.
import { enableCompileCache } from './compile-cache.js';

enableCompileCache(process.env);
const { startProbesEarly, stopUnadoptedRuns } = await import('./early-start.js');
startProbesEarly(process.argv.slice(2), process.env, process.cwd());
const [{ main }, { pluginsWereLoaded }] = await Promise.all([import('./main.js'), import('./plugins.js')]);

// A reader that stops early (`flink-doctor | head`) closes the pipe: that is not the doctor's failure, so the
// write error is dropped and the run still ends with its own exit code, without a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') process.exit(2);
  });
}

const code = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });
process.exitCode = code;
// An early start no probe adopted (a flag or config chose another binary) must not keep the run waiting.
stopUnadoptedRuns();
// A plugin may leave work running (a fact gatherer past its time limit, a timer its module started): once the
// report is written out, nothing of the run is left to wait for.
if (pluginsWereLoaded()) process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
