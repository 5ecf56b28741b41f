// The engine's side of the CLI: the early start (src/cli/early-start.ts), then everything a run does once it has
// started the probes' processes. Loaded by src/cli/bin.ts as chunks of the same bundle, or by src/cli/launch.ts as one
// script with a code cache; there main and what only it needs are initialised when runEngine imports them, after
// the early start has spawned.
import { stopUnadoptedRuns } from './early-start.js';

export { startProbesEarly } from './early-start.js';
export { setModuleImporter } from '../plugins/importer.js';

export async function runEngine(): Promise<void> {
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
}
