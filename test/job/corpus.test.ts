// The job corpus: every file in test/job/corpus is a job shape real PyFlink jobs use (its first comment
// says which), most with a false-positive twin (commented out, str.format, an escaped quote before the
// DDL, a string that merely contains 'connector', dead code, a docstring). corpus/expected.json holds the
// exact needs of each, one row per file: a new shape is one file and one row.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobNeeds } from '../../src/facts/index.js';
import { readJobFiles } from '../../src/job/read-job.js';
import { loadMatrix } from '../../src/knowledge/load-matrix.js';
import { readTextFile } from '../../src/util/read-file.js';
import { pyenvPython } from '../helpers/python-env.js';

const dir = join(import.meta.dirname, 'corpus');
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, string[]>;
const jobs = readdirSync(dir)
  .filter((name) => /\.(py|sql)$/.test(name))
  .sort();
const classes = loadMatrix().jobClasses();

/** One line per need, in a form a person can check against the file. */
export function describeNeeds(needs: JobNeeds, job: string): string[] {
  const at = (p: { file: string; line: number }) => (p.file === job ? `@${p.line}` : `@${basename(p.file)}:${p.line}`);
  return [
    ...needs.files.filter((f) => f !== job).map((f) => `read:${basename(f)}`),
    ...needs.identifiers.map((n) => `${n.role}:${n.identifier}${at(n)}`),
    // Only PyFlink classes that load a connector's JVM class; StreamExecutionEnvironment and friends need nothing.
    ...needs.apis.filter((a) => classes.entriesFor(a.python).length > 0).map((a) => `class:${a.python}${at(a)}`),
    ...needs.drivers.map((d) => `driver:${d.driverClass ?? `jdbc:${d.scheme}`}${at(d)}`),
    ...needs.jars.map((j) => `jar:${j.kind}:${j.value}${at(j)}`),
    ...needs.settings.map((s) => `set:${s.key}${s.value === undefined ? ':computed' : ''}${at(s)}`),
    ...(needs.config ?? []).map((c) => `config:${c.key}${c.append ? '+=' : '='}${c.value ?? '{computed}'}${at(c)}`),
    ...needs.unresolved.map((u) => `unresolved:${u.what}${at(u)}`),
    ...needs.problems.map((p) => `problem:${p}`),
  ].sort();
}

describe('job corpus', () => {
  it('has at least 40 jobs, each with exactly one row', () => {
    expect(jobs.length).toBeGreaterThanOrEqual(40);
    expect(Object.keys(expected).sort()).toEqual(jobs);
  });

  it.each(jobs)('%s', async (name) => {
    const job = join(dir, name);
    const needs = await readJobFiles({ files: [job], cwd: dir, readText: readTextFile });
    expect(describeNeeds(needs, job)).toEqual([...(expected[name] ?? [])].sort());
  });

  it('every Python job in it is valid Python (Python 3.12 compiles it)', () => {
    const python = jobs.filter((name) => name.endsWith('.py'));
    const script = 'import sys\nfor path in sys.argv[1:]:\n    compile(open(path, encoding="utf8").read(), path, "exec")\n';
    expect(python.length, 'Python jobs in the corpus').toBeGreaterThan(10);
    // pyenv's interpreter itself, not python3 through its shim (a shell script starting a dozen programs); a missing
    // one fails the test with a clear reason: the corpus must be real Python.
    expect(() => execFileSync(pyenvPython('3.12.1'), ['-c', script, ...python.map((name) => join(dir, name))])).not.toThrow();
  });
});
