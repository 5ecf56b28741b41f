// Properties of the job reader's tokenizers (the Python logical-line scanner, the SQL tokenizer) and of the
// reader built on them: any input gives a result without throwing; time grows linearly with the input
// (adversarial shapes included: issue 14's file of unclosed `add_jars(` took 26 s before); a comment or a
// blank line added between statements never changes the needs found.
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JobNeeds } from '../../src/facts/index.js';
import { NeedsCollector } from '../../src/job/collect.js';
import { logicalLines } from '../../src/job/python-lines.js';
import { readPythonText, readSqlText } from '../../src/job/read-job.js';
import { tokenizeSql } from '../../src/job/sql-tokens.js';

function python(text: string): JobNeeds {
  const collect = new NeedsCollector();
  readPythonText(text, '/job.py', collect);
  return collect.needs;
}

function sql(text: string): JobNeeds {
  const collect = new NeedsCollector();
  readSqlText(text, '/job.sql', collect);
  return collect.needs;
}

/** Pieces that stress the lexers: quotes of every kind, prefixes, escapes, comments, brackets, keywords. */
const PYTHON_PIECES = [
  '"',
  "'",
  '"""',
  "'''",
  'f"',
  "rb'",
  '\\',
  '\n',
  '    ',
  '#',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  '=',
  ':',
  'if False:',
  'def f():',
  'env.add_jars(',
  't_env.execute_sql(',
  "\"CREATE TABLE t WITH ('connector' = 'kafka')\"",
  'import pyflink.table',
  ' + ',
  ';',
];
const SQL_PIECES = [
  "'",
  '"',
  '`',
  "''",
  '--',
  '/*',
  '*/',
  '\n',
  ' ',
  ';',
  '(',
  ')',
  ',',
  '=',
  'CREATE',
  'TABLE',
  'CATALOG',
  'WITH',
  'SET',
  'ADD JAR',
  "'connector'",
  "'kafka'",
  "'format'",
  "'type'",
  'x',
];

const pythonish = fc.array(fc.constantFrom(...PYTHON_PIECES), { maxLength: 200 }).map((parts) => parts.join(''));
const sqlish = fc.array(fc.constantFrom(...SQL_PIECES), { maxLength: 200 }).map((parts) => parts.join(''));

describe('never throws', () => {
  it('on any string, as Python', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), pythonish), (text) => {
        expect(() => python(text)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('on any string, as SQL', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), sqlish), (text) => {
        expect(() => sql(text)).not.toThrow();
        expect(() => tokenizeSql(text)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('on nesting far deeper than any job (the parser recursed on it and crashed before)', () => {
    const needs = python(`env.add_jars("file:///a.jar")\nx = ${'('.repeat(100_000)}`);
    expect(needs.jars.map((j) => j.value)).toEqual(['file:///a.jar']);
    expect(needs.problems.join('\n')).toMatch(/nested 100000 brackets deep was not read/);
  });
});

// One full collection before the first sample, so garbage other tests left in this worker is not billed to it, and a
// young-generation one before each sample, so a sample does not pay for the previous one's. A full collection before
// every sample (90 in all) cost 4-11 s of this file's CPU in a full run, where the worker's heap holds every module
// and fixture the earlier files loaded; a young-generation one costs a few milliseconds.
v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as (options?: { type: 'major' | 'minor' }) => void;

/** Milliseconds to read `text`: the best of three, so one noisy sample on a shared machine does not decide. */
function timed(read: (text: string) => unknown, text: string): number {
  let best = Infinity;
  for (let i = 0; i < 3; i += 1) {
    gc({ type: 'minor' });
    const started = performance.now();
    read(text);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

describe('linear time', () => {
  beforeAll(() => gc());
  // 8 times the input must cost well under 64 times (quadratic): 40x leaves room for the garbage collector
  // and a shared machine's noise (measured 8x-20x here under load).
  /** About n characters of one unit repeated. */
  const times = (unit: string) => (n: number) => unit.repeat(Math.ceil(n / unit.length));
  const shapes: [string, (n: number) => string, (text: string) => unknown, number?][] = [
    ['unclosed add_jars( (issue 14)', times('env.add_jars(\n'), python],
    ['unclosed brackets', times('('), python],
    ['unclosed triple quotes', times('"""'), python],
    ['f-string fields left open', times("f'{"), python],
    ['backslashes', times('\\'), python],
    // 8 KB already takes ~40 ms to read (the reader's work per DDL), well above the 5 ms floor: 32 KB only costs time.
    ['many DDL statements', times("t.execute_sql(\"CREATE TABLE t WITH ('connector' = 'kafka')\")\n"), python, 8_000],
    [
      'many assignments feeding each other',
      (n) => Array.from({ length: Math.ceil(n / 16) }, (_, i) => `v${i + 1} = v${i} + "x"`).join('\n'),
      python,
    ],
    ['unclosed SQL string', times("CREATE TABLE t WITH ('connector' = '"), sql],
    ['unclosed SQL comment', times('/* x '), sql],
    ['SQL WITH lists', times("CREATE TABLE t (a INT) WITH ('connector' = 'kafka', 'format' = 'json');\n"), sql, 8_000],
  ];
  // Inputs large enough that the small one takes milliseconds, not microseconds (timer and GC noise).
  it.each(shapes)('%s', (_, make, read, size = 32_000) => {
    const small = make(size);
    const large = make(size * 8);
    timed(read, small); // compile once
    // Up to three tries: a busy machine can spoil one (quadratic code never gets under the line, linear code
    // does unless every try is spoiled).
    const ratios: number[] = [];
    for (let attempt = 0; attempt < 3 && !(ratios.at(-1)! < 40); attempt += 1) {
      ratios.push(timed(read, large) / Math.max(timed(read, small), 5));
    }
    expect(Math.min(...ratios), `8x the input took ${ratios.map((r) => r.toFixed(1)).join('x, ')}x the time`).toBeLessThan(40);
  });
});

/** Statements a job is made of; comments and blank lines go between them (inside a function too). */
const STATEMENTS = [
  'import os',
  'from pyflink.datastream.connectors.kafka import KafkaSource',
  'JARS = ["file:///opt/lib/flink-sql-connector-kafka-3.3.0-1.20.jar"]',
  'env.add_jars(*JARS)',
  "msg = 'it\\'s'",
  't_env.get_config().set("pipeline.jars", ";".join(JARS))',
  "t_env.execute_sql(\"\"\"\n    CREATE TABLE s (a INT) WITH (\n        'connector' = 'jdbc',\n        'url' = 'jdbc:postgresql://db/x'\n    )\n\"\"\")",
  'd = TableDescriptor.for_connector("filesystem").format("parquet")',
  'print("{} done".format(msg))',
  "def main():\n    ddl = \"CREATE TABLE k (a INT) WITH ('connector' = 'kinesis', 'format' = 'json')\"\n    t_env.execute_sql(ddl)",
];
const COMMENTS = [
  '',
  '# env.add_jars("file:///evil.jar")',
  "# t_env.execute_sql(\"CREATE TABLE x WITH ('connector' = 'evil')\")",
  "# it's ((( [ {",
  '    # indented comment',
  '   ',
];

/** Needs without line numbers: inserted lines shift lines, never what is needed. */
function withoutLines(needs: JobNeeds): string[] {
  return [
    ...needs.identifiers.map((n) => `${n.role}:${n.identifier}`),
    ...needs.apis.map((a) => `api:${a.python}`),
    ...needs.drivers.map((d) => `driver:${d.driverClass ?? d.scheme}`),
    ...needs.jars.map((j) => `jar:${j.kind}:${j.value}`),
    ...needs.unresolved.map((u) => `unresolved:${u.what}:${u.expression}`),
  ].sort();
}

describe('comments and blank lines change nothing', () => {
  it('between any statements of a generated job', () => {
    const job = fc.array(fc.constantFrom(...STATEMENTS), { minLength: 1, maxLength: 12 });
    const inserts = fc.array(fc.tuple(fc.nat(), fc.constantFrom(...COMMENTS)), { maxLength: 8 });
    fc.assert(
      fc.property(job, inserts, (statements, extra) => {
        const plain = statements.join('\n');
        const lines = statements.flatMap((s) => s.split('\n').map((text, k) => ({ text, boundary: k === 0 || s.startsWith('def ') })));
        for (const [at, comment] of extra) {
          // Only where a new statement may start: not inside a triple-quoted string.
          const spots = lines.map((l, i) => (l.boundary ? i : -1)).filter((i) => i >= 0);
          const spot = spots[at % spots.length] ?? 0;
          lines.splice(spot, 0, { text: comment, boundary: true });
        }
        const commented = lines.map((l) => l.text).join('\n');
        expect(withoutLines(python(commented))).toEqual(withoutLines(python(plain)));
      }),
      { numRuns: 200 },
    );
  });

  it('in SQL scripts, between statements and inside a WITH list', () => {
    const base = "SET 'pipeline.jars' = 'file:///a.jar';\nCREATE TABLE t (a INT) WITH (\n'connector' = 'kafka',\n'format' = 'json'\n);\n";
    fc.assert(
      fc.property(
        fc.nat({ max: 5 }),
        fc.constantFrom('', '-- x', "-- 'connector' = 'evil'", "/* 'format' = 'evil' */", '   '),
        (line, comment) => {
          const lines = base.split('\n');
          lines.splice(line, 0, comment);
          expect(withoutLines(sql(lines.join('\n')))).toEqual(withoutLines(sql(base)));
        },
      ),
    );
  });

  it('the logical lines of a job keep their statements when blank lines and comments are added', () => {
    const text = STATEMENTS.join('\n');
    const spaced = STATEMENTS.join("\n\n# comment with a quote ' and a bracket (\n");
    const code = (t: string) => logicalLines(t).map((l) => t.slice(l.start, l.end).trim());
    expect(code(spaced)).toEqual(code(text));
  });
});
