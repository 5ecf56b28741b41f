// python.files: what the job ships onto the workers' PYTHONPATH (python.files, -pyfs, add_python_file) exists,
// and the modules the --job file imports from next to itself are among it. `flink run -py job.py` does not ship
// the job's folder: a helper module imported by a UDF fails on the workers with ModuleNotFoundError.
import { basename } from 'node:path';
import { defineCheck } from './define.js';

export default defineCheck({
  id: 'python.files',
  title: 'Local modules the job imports are shipped',
  group: 'Python',
  description:
    'Every `python.files` entry exists (a .py file, a folder, a zip), and every module the `--job` file imports from ' +
    'its own folder is shipped by one of them (else the workers raise ModuleNotFoundError in the UDFs that use it).',
  reads: [
    'python.files in the Flink config, and the job\'s set("python.files") / add_python_file() (--job)',
    'each entry (a .py file, a folder listing, a zip listing)',
    '--job: its import statements and the files next to it',
  ],
  needs: ['shipping', 'job'],
  run({ shipping, job }) {
    const { entries, localImports } = shipping.files;
    if (entries.length === 0 && localImports.length === 0)
      return {
        status: 'skipped',
        summary:
          job.files.length > 0
            ? 'python.files is not set and the job imports no module from its own folder'
            : 'python.files is not set and no --job was given',
      };
    const missing = entries.filter((e) => e.problem);
    const shipped = new Set(entries.flatMap((e) => e.modules));
    const unshipped = localImports.filter((i) => !shipped.has(i.module));
    const details = [
      ...entries.map(
        (e) =>
          `${e.entry}: ${e.problem ?? (e.path === undefined ? 'remote, not read' : `ships ${e.modules.join(', ') || 'no importable module'}`)}`,
      ),
      ...localImports.filter((i) => shipped.has(i.module)).map((i) => `the job imports ${i.module} (line ${i.line}): shipped`),
    ];
    const facts = { entries: entries.length, localImports: localImports.length, unshipped: unshipped.length };
    if (missing.length > 0) {
      return {
        status: 'error',
        summary: `python.files ${missing[0]?.problem}`,
        details: [...missing.slice(1).map((e) => e.problem ?? ''), ...details],
        fix: `Fix python.files in ${shipping.fromJob?.['python.files'] ?? shipping.file ?? 'the Flink config'}: every entry must exist when the job is submitted`,
        facts,
      };
    }
    if (unshipped.length > 0) {
      const first = unshipped[0];
      const list = unshipped.map((i) => basename(i.path)).join(',');
      return {
        status: 'warning',
        summary: `${first ? basename(first.job) : 'the job'} imports ${unshipped.map((i) => i.module).join(', ')} from its own folder, and nothing ships ${unshipped.length === 1 ? 'it' : 'them'}: Python UDFs that use ${unshipped.length === 1 ? 'it' : 'them'} fail on the workers with ModuleNotFoundError`,
        details: [...unshipped.map((i) => `${i.module} (line ${i.line}): ${i.path}`), ...details],
        fix: `Ship ${unshipped.length === 1 ? 'it' : 'them'}: python.files: ${list} (or flink run -pyfs ${list}, or add_python_file() in the job)`,
        facts,
        locations: unshipped.map((i) => ({ path: i.job, line: i.line })),
      };
    }
    return {
      status: 'ok',
      summary: `${entries.length} python.files entr${entries.length === 1 ? 'y exists' : 'ies exist'}${localImports.length > 0 ? `, shipping the ${localImports.length} local module${localImports.length === 1 ? '' : 's'} the job imports` : ''}`,
      details,
      facts,
    };
  },
});
