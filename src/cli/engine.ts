// The engine's side of the CLI: everything a run does once the early start has started the probes' processes.
// Loaded by src/cli/bin.ts as a chunk of the same bundle, or by src/cli/launch.ts as a script with a code cache.
import { stopUnadoptedRuns } from './early-start.js';
import { main } from './main.js';
import { pluginsWereLoaded } from './plugins.js';

export { setModuleImporter } from '../plugins/importer.js';

export async function runEngine(): Promise<void> {
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
