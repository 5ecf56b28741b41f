// Spawn first: the JVM and the interpreter are what a run waits for longest, so the entry starts the ones the
// probes will most likely run before it loads the engine, and the engine loads while they run. The guess uses
// only the environment (JAVA_HOME or PATH; PYFLINK_CLIENT_EXECUTABLE, the active venv or conda env, or PATH) and
// the probes' own commands; a probe adopts an early run only when it would run exactly that command
// (src/probes/process.ts), so the facts are the same as without it. What no probe adopts is stopped at the end.
import { LIMITS } from '../engine/limits.js';
import {
  javaCommand,
  javaFromEnvironment,
  pythonCommand,
  pythonFromEnvironment,
  pythonFromVariable,
  type Command,
} from '../probes/commands.js';
import { startEarly } from '../probes/process.js';
import { javaAnswers, startEarlyUnlessKept } from '../probes/reused-run.js';
import { isExecutableFile, locateInterpreter } from '../probes/which.js';
import { parseFlags } from './flags.js';

export { stopUnadoptedRuns } from '../probes/process.js';

/** Flags after which the guess would be wrong (--python, --java-home) or the run may need neither java nor python. */
const NO_EARLY_START = ['help', 'version', 'list-checks', 'python', 'java-home', 'only', 'skip'];

export function startProbesEarly(argv: readonly string[], env: Record<string, string | undefined>, cwd: string): void {
  let parsed;
  try {
    parsed = parseFlags(argv);
  } catch {
    return; // a usage error: main reports it
  }
  if (parsed.positionals.length > 0 || NO_EARLY_START.some((name) => parsed.flags[name] !== undefined)) return;
  const timeoutMs = LIMITS.processTimeoutMs;
  // Python first: a next run reuses the JVM's answer (src/probes/java-answers.ts), and looking that up takes a few ms.
  const python = locateInterpreter((pythonFromVariable(env) ?? pythonFromEnvironment(env, cwd)).requested, env, cwd);
  if (python.path) start(pythonCommand(python.path, env, cwd, timeoutMs));
  const java = javaFromEnvironment(env, cwd)[0];
  if (java && isExecutableFile(java.binary))
    startEarlyUnlessKept(javaCommand(java.binary, env, cwd, timeoutMs), javaAnswers(env, parsed.flags['no-cache'] !== true));
}

const start = ({ file, args, options }: Command) => startEarly(file, args, options);
