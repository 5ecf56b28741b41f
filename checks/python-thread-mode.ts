// python.thread-mode: python.execution-mode: thread runs UDFs inside the JVM through pemja, which needs a
// non-Windows system, pemja installed in the workers' interpreter, and a shared libpython it can load
// ("Failed to find libpython" otherwise; a Python built without --enable-shared has none).
import { defineCheck } from './define.js';
import type { InstalledDistribution, InstalledPackagesFact, PythonFact, WorkerFact } from '../src/facts/index.js';

export default defineCheck({
  id: 'python.thread-mode',
  title: 'Thread mode has what pemja needs',
  group: 'Python',
  description:
    "With `python.execution-mode: thread`: not Windows, pemja installed in the workers' interpreter, and a shared " +
    'libpython (built with --enable-shared, or a libpython*.so in its LIBDIR) that pemja can load.',
  reads: [
    'python.execution-mode in the Flink config',
    "the workers' interpreter (python.worker): pemja, sysconfig Py_ENABLE_SHARED and LIBDIR",
  ],
  needs: ['shipping', 'worker', 'python', 'packages'],
  run({ shipping, worker, python: client, packages }) {
    const mode = shipping.executionMode ?? 'process';
    if (mode !== 'thread')
      return { status: 'skipped', summary: `python.execution-mode is ${mode}${shipping.executionMode ? '' : ' (the default)'}` };
    const looked = workersInterpreter(worker, client, packages);
    if (!looked)
      return {
        status: 'skipped',
        summary: "python.execution-mode is thread, but no workers' interpreter could be run here to look at (see python.worker)",
      };
    const { interpreter, installed, which } = looked;
    const problems = pemjaProblems(looked);
    const facts = {
      interpreter: which,
      pemja: installed.pemja?.version ?? null,
      sharedLibpython: interpreter.libpython?.shared ?? null,
      libpythonFound: interpreter.libpython?.found ?? null,
    };
    if (problems.length === 0)
      return { status: 'ok', summary: `thread mode: pemja ${installed.pemja?.version} and a shared libpython in ${which}`, facts };
    return {
      status: 'error',
      summary: `python.execution-mode is thread, but ${problems[0]}`,
      details: problems.slice(1),
      fix: 'Use python.execution-mode: process, or a Linux/macOS Python built with --enable-shared with apache-flink (which brings pemja) installed',
      facts,
    };
  },
});

interface Looked {
  interpreter: PythonFact;
  installed: Record<string, InstalledDistribution>;
  /** The interpreter as the messages name it. */
  which: string;
}

/** The workers' interpreter when it ran here, else the client's (the closest stand-in), with what is installed in it. */
function workersInterpreter(worker: WorkerFact, client: PythonFact, packages: InstalledPackagesFact): Looked | undefined {
  if (worker.python?.runs) {
    const interpreter = worker.python;
    return { interpreter, installed: worker.packages?.distributions ?? {}, which: interpreter.executable ?? interpreter.requested };
  }
  if (!client.runs) return undefined;
  return {
    interpreter: client,
    installed: packages.distributions,
    which: `${client.executable ?? client.requested} (the client's; the workers' could not be looked at)`,
  };
}

/** What stops pemja from running UDFs in the JVM: Windows, no pemja, no shared libpython. */
function pemjaProblems({ interpreter, installed, which }: Looked): string[] {
  const problems: string[] = [];
  if (interpreter.markers?.sys_platform === 'win32') problems.push('thread mode does not run on Windows: pemja is not installed there');
  if (!installed.pemja) problems.push(`pemja is not installed in ${which}`);
  if (interpreter.libpython && !interpreter.libpython.shared && !interpreter.libpython.found)
    problems.push(`${which} has no shared libpython (built without --enable-shared): "Failed to find libpython"`);
  return problems;
}
