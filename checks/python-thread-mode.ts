// python.thread-mode: python.execution-mode: thread runs UDFs inside the JVM through pemja, which needs a
// non-Windows system, pemja installed in the workers' interpreter, and a shared libpython it can load
// ("Failed to find libpython" otherwise; a Python built without --enable-shared has none).
import { defineCheck } from './define.js';

export default defineCheck({
  id: 'python.thread-mode',
  title: 'Thread mode has what pemja needs',
  group: 'Python',
  description:
    'With `python.execution-mode: thread`: not Windows, pemja installed in the workers\' interpreter, and a shared ' +
    'libpython (built with --enable-shared, or a libpython*.so in its LIBDIR) that pemja can load.',
  reads: ['python.execution-mode in the Flink config', 'the workers\' interpreter (python.worker): pemja, sysconfig Py_ENABLE_SHARED and LIBDIR'],
  needs: ['shipping', 'worker', 'python', 'packages'],
  run({ shipping, worker, python: client, packages }) {
    const mode = shipping.executionMode ?? 'process';
    if (mode !== 'thread') return { status: 'skipped', summary: `python.execution-mode is ${mode}${shipping.executionMode ? '' : ' (the default)'}` };
    const interpreter = worker.python?.runs ? worker.python : client.runs ? client : undefined;
    if (!interpreter) return { status: 'skipped', summary: 'python.execution-mode is thread, but no workers\' interpreter could be run here to look at (see python.worker)' };
    const installed = (worker.python?.runs ? worker.packages : packages)?.distributions ?? {};
    const which = `${interpreter.executable ?? interpreter.requested}${worker.python?.runs ? '' : ' (the client\'s; the workers\' could not be looked at)'}`;
    const problems: string[] = [];
    if (interpreter.markers?.sys_platform === 'win32') problems.push('thread mode does not run on Windows: pemja is not installed there');
    if (!installed.pemja) problems.push(`pemja is not installed in ${which}`);
    if (interpreter.libpython && !interpreter.libpython.shared && !interpreter.libpython.found) problems.push(`${which} has no shared libpython (built without --enable-shared): "Failed to find libpython"`);
    const facts = {
      interpreter: which,
      pemja: installed.pemja?.version ?? null,
      sharedLibpython: interpreter.libpython?.shared ?? null,
      libpythonFound: interpreter.libpython?.found ?? null,
    };
    if (problems.length === 0) return { status: 'ok', summary: `thread mode: pemja ${installed.pemja?.version} and a shared libpython in ${which}`, facts };
    return {
      status: 'error',
      summary: `python.execution-mode is thread, but ${problems[0]}`,
      details: problems.slice(1),
      fix: 'Use python.execution-mode: process, or a Linux/macOS Python built with --enable-shared with apache-flink (which brings pemja) installed',
      facts,
    };
  },
});
