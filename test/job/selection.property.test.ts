// The shortcuts the job reader takes for speed change nothing it finds:
//  - selection: parsing only the statements that can matter gives the same needs, at the same lines, as parsing
//    the whole file;
//  - the SQL tokenizer and the string decoder, which take runs of ordinary characters in one step, give what a
//    plain one-character-at-a-time reading gives;
//  - the syntax tree read straight from Lezer's trees and buffers (plainTree) holds the nodes a TreeCursor shows.
import fc from 'fast-check';
import { parser } from '@lezer/python';
import { describe, expect, it } from 'vitest';
import type { JobNeeds } from '../../src/facts/index.js';
import { NeedsCollector } from '../../src/job/collect.js';
import { PythonReader } from '../../src/job/python-reader.js';
import { plainTree } from '../../src/job/python-syntax.js';
import { decodeLiteral } from '../../src/job/python-strings.js';
import { readPythonText } from '../../src/job/read-job.js';
import { tokenizeSql } from '../../src/job/sql-tokens.js';
import { HOLE } from '../../src/job/model.js';

function selected(text: string): JobNeeds {
  const collect = new NeedsCollector();
  readPythonText(text, '/job.py', collect);
  return collect.needs;
}

function whole(text: string): JobNeeds {
  const collect = new NeedsCollector();
  const reader = new PythonReader(text, '/job.py', collect);
  reader.read(parser.parse(text));
  return collect.needs;
}

/** Top-level statements in the shapes of test/job/corpus (needs, their false-positive twins, and plain code). */
const STATEMENTS = [
  'import os',
  'from pyflink.datastream.connectors.kafka import KafkaSource',
  'from pyflink.datastream.connectors import jdbc',
  'from pyflink.table import TableDescriptor, FormatDescriptor',
  'LIB = "/opt/flink/lib"',
  'JARS = [f"file://{LIB}/flink-sql-connector-kafka-3.3.0-1.20.jar", "file:///opt/lib/postgresql-42.7.4.jar"]',
  'env.add_jars(*JARS)',
  'env.add_classpaths("file://" + LIB + "/x.jar")',
  "msg = 'it\\'s'",
  't_env.get_config().set("pipeline.jars", ";".join(JARS))',
  "t_env.execute_sql(\"\"\"\n    CREATE TABLE s (a INT) WITH (\n        'connector' = 'jdbc',\n        'url' = 'jdbc:postgresql://db/x'\n    )\n\"\"\")",
  'd = TableDescriptor.for_connector("filesystem").format("parquet")',
  't_env.create_temporary_table("t", TableDescriptor.for_connector("kafka")\n    .format(FormatDescriptor.for_format("json").build())\n    .option("topic", "x")\n    .build())',
  'print("{} done".format(msg))',
  "def main():\n    ddl = \"CREATE TABLE k (a INT) WITH ('connector' = 'kinesis', 'format' = 'json')\"\n    t_env.execute_sql(ddl)",
  'def sink(table):\n    return f"""CREATE TABLE {table} (v STRING) WITH (\'connector\' = \'print\')"""',
  't_env.execute_sql(sink("out"))',
  'if False:\n    env.add_jars("file:///dead.jar")',
  'sink_ddl = jdbc.JdbcSink.sink("insert", type_info, jdbc.JdbcConnectionOptions.JdbcConnectionOptionsBuilder()\n    .with_url("jdbc:mysql://db/x").build())',
  'with open("jobs/ddl.sql") as f:\n    t_env.execute_sql(f.read())',
  '@udf(result_type=DataTypes.STRING())\ndef clean(value):\n    """Strips it; it\'s None for blanks."""\n    if value is None:\n        return None\n    # keep the original when clean\n    return json.dumps({"v": value.strip(), "why": \'it\\\'s "quoted"\'})',
  'class Job:\n    TOPIC = "orders"\n\n    def run(self):\n        self.t_env.execute_sql(self.ddl())\n\n    def ddl(self):\n        return "CREATE TABLE o (a INT) WITH (\'connector\' = \'upsert-kafka\')"',
  'x = [(a, {b: [c]}) for a, b, c in rows]  # deep-ish but plain',
  'total = a == b or c <= d != e',
  'path = os.path.join(LIB, "flink-connector-jdbc-3.2.0-1.19.jar")\nenv.add_jars("file://" + path)',
  'print(f"{x!r:>{width}} {y[\'k\']}")',
];

describe('selection', () => {
  it('finds the same needs, at the same lines, as parsing the whole file', () => {
    const job = fc.array(fc.constantFrom(...STATEMENTS), { minLength: 1, maxLength: 14 });
    fc.assert(
      fc.property(job, (statements) => {
        const text = `${statements.join('\n')}\n`;
        expect(selected(text)).toEqual(whole(text));
      }),
      { numRuns: 300 },
    );
  });
});

type Shown = [string, number, number, Shown[]];

/** The nodes a TreeCursor visits (named ones; repeat nodes see-through), as nested lists. */
function cursorNodes(tree: ReturnType<typeof parser.parse>): Shown {
  const cursor = tree.cursor();
  const visit = (): Shown => {
    const node: Shown = [cursor.name, cursor.from, cursor.to, []];
    if (cursor.firstChild()) {
      do node[3].push(visit());
      while (cursor.nextSibling());
      cursor.parent();
    }
    return node;
  };
  return visit();
}

function plainNodes(node: ReturnType<typeof plainTree>): Shown {
  return [node.name, node.from, node.to, node.children.map(plainNodes)];
}

describe('the syntax tree', () => {
  it('read from the trees and buffers holds the nodes a TreeCursor shows, in order', () => {
    // Buffers of 16 characters: most nodes become Trees, repeat nodes among them (the default makes few).
    const parsers = [parser, parser.configure({ bufferLength: 16 })];
    const pieces = [...STATEMENTS, '(', ')', '"""', ':', 'x y', '\n    '];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 14 }), fc.constantFrom(...parsers), (parts, chosen) => {
        const tree = chosen.parse(parts.join('\n'));
        expect(plainNodes(plainTree(tree))).toEqual(cursorNodes(tree));
      }),
      { numRuns: 300 },
    );
  });
});

/** A plain reading of SQL words: one character at a time, WORD characters, never across `--`. */
function plainWords(text: string): string[] {
  const word = /[\p{L}\p{N}_$.\uFFFC-]/u;
  return tokenizeSql(text)
    .filter((token) => token.kind === 'word')
    .map((token) => {
      let end = token.at;
      while (end < text.length && word.test(text[end] as string) && !(text[end] === '-' && text[end + 1] === '-')) end += 1;
      return text.slice(token.at, end);
    });
}

describe('runs of ordinary characters', () => {
  const sqlPieces = ["'", '"', '`', '--', '-', '/*', '*/', '\n', ' ', '\t', ';', '(', 'CREATE', 'x.y', 'a-b', '$1', 'é', '𝒳', '\uFFFC'];
  it('SQL words are what a character-at-a-time reading takes', () => {
    const text = fc.oneof(
      fc.array(fc.constantFrom(...sqlPieces), { maxLength: 80 }).map((parts) => parts.join('')),
      fc.string({ unit: 'binary', maxLength: 200 }),
    );
    fc.assert(
      fc.property(text, (sql) => {
        const words = tokenizeSql(sql).filter((token) => token.kind === 'word');
        expect(words.map((token) => token.text)).toEqual(plainWords(sql));
        // Blanks are skipped, never tokens.
        expect(tokenizeSql(sql).some((token) => token.kind === 'punct' && /\s/.test(token.text))).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('a string literal decodes to what Python gives (escapes, fields, doubled braces)', () => {
    const cases: [string, string][] = [
      ['"plain text"', 'plain text'],
      ['"tab\\there\\nnext"', 'tab\there\nnext'],
      ["r'raw\\n{x}'", 'raw\\n{x}'],
      ['f"a{{b}}c{d}e"', `a{b}c${HOLE}e`],
      ['"a{b}c"', 'a{b}c'],
      ['"\\x41\\u00e9\\101"', 'Aé' + 'A'],
      ['"""one\ntwo"""', 'one\ntwo'],
      ['"line \\\ncontinued"', 'line continued'],
    ];
    for (const [raw, value] of cases) {
      const fields = raw.startsWith('f') ? [[raw.indexOf('{d}'), raw.indexOf('{d}') + 3] as const] : [];
      expect(decodeLiteral(raw, fields).text, raw).toBe(value);
    }
  });
});
