// --job end to end through the CLI: real job files and real JAR files on disk, the real probes and scan.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { fatKafkaJar, jarDir } from '../helpers/jars.js';
import { runCli } from '../helpers/cli.js';
import { writeFileDeep } from '../helpers/tmp.js';
import { writeZip } from '../helpers/zip.js';

let dir: string;
beforeAll(async () => {
  dir = await jarDir('cli-job-');
});

const BASE = ['--flink-version', '1.20.1', '--offline', '--no-color', '--only', 'job.connectors,config.pipeline-jars,jars.readable'];

interface JsonCheck {
  id: string;
  status: string;
  summary: string;
  details: string[];
  fix?: string;
}

async function jsonRun(args: string[]): Promise<Record<string, JsonCheck>> {
  const run = await runCli([...BASE, '--json', ...args]);
  const report = JSON.parse(run.stdout) as { checks: JsonCheck[] };
  return Object.fromEntries(report.checks.map((c) => [c.id, c]));
}

describe('--job', () => {
  it('a DataStream KafkaSource job: error without the JAR, ok once a JAR holding the class is added', async () => {
    const source =
      'from pyflink.datastream.connectors.kafka import KafkaSource\n\nsource = KafkaSource.builder().set_topics("t").build()\n';
    const bare = await writeFileDeep(join(dir, 'ds_bare.py'), source);
    const missing = await jsonRun(['--job', bare]);
    expect(missing['job.connectors']?.status).toBe('error');
    expect(missing['job.connectors']?.summary).toContain(
      'loads org.apache.flink.connector.kafka.source.KafkaSource, which no JAR the job sees contains',
    );
    expect(missing['job.connectors']?.fix).toContain('org.apache.flink:flink-sql-connector-kafka:3.4.0-1.20');

    const kafka = await fatKafkaJar(join(dir, 'flink-sql-connector-kafka-3.4.0-1.20.jar'), '3.4.0-1.20');
    const withJar = await writeFileDeep(
      join(dir, 'ds_jar.py'),
      `${source}import os\nfrom pyflink.datastream import StreamExecutionEnvironment\nStreamExecutionEnvironment.get_execution_environment().add_jars("${pathToFileURL(kafka).href}")\n`,
    );
    const ok = await jsonRun(['--job', withJar]);
    expect(ok['job.connectors']?.status).toBe('ok');
    expect(ok['job.connectors']?.details).toContain(
      `KafkaSource (ds_jar.py:1) loads org.apache.flink.connector.kafka.source.KafkaSource: provided by ${kafka}`,
    );
  });

  it('is repeatable and reads Flink SQL scripts; a JDBC driver JAR registering the driver is a provider', async () => {
    const driver = await writeZip(join(dir, 'pg-driver.jar'), [
      { name: 'META-INF/services/java.sql.Driver', data: 'org.postgresql.Driver\n' },
      { name: 'org/postgresql/Driver.class', data: Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 52]) },
    ]);
    const script = await writeFileDeep(
      join(dir, 'sink.sql'),
      `-- the sink\nADD JAR '${driver}';\nCREATE TABLE t (a INT) WITH (\n  'connector' = 'print' -- 'connector' = 'kafka'\n);\nCREATE CATALOG pg WITH ('type' = 'generic_in_memory');\n`,
    );
    const job = await writeFileDeep(
      join(dir, 'uses_pg.py'),
      "t_env.execute_sql(\"CREATE TABLE s (a INT) WITH ('connector' = 'datagen', 'url' = 'jdbc:postgresql://db/x')\")\nJdbcCatalog('c', 'd', 'u', 'p', 'jdbc:postgresql://db:5432')\n",
    );
    const checks = await jsonRun(['--job', job, '--job', script]);
    expect(checks['job.connectors']?.status).toBe('ok');
    expect(checks['job.connectors']?.details).toContain(`the JDBC driver for jdbc:postgresql: (uses_pg.py:2): provided by ${driver}`);
    expect(checks['job.connectors']?.details).toContain("connector 'print' (sink.sql:4): built into Flink");
    // ADD JAR takes a plain path: not a pipeline.jars syntax error.
    expect(checks['config.pipeline-jars']?.status).toBe('ok');
  });

  it('a JAR the job names in an image path is judged by its name once, not also reported unreadable; missing here, it is an error for a run here', async () => {
    const job = await writeFileDeep(
      join(dir, 'image_job.py'),
      "env.add_jars(\"file:///opt/flink/lib/flink-sql-connector-kafka-3.1.0-1.18.jar\")\nt_env.execute_sql(\"CREATE TABLE s (a INT) WITH ('connector' = 'kafka', 'format' = 'json')\")\n",
    );
    const run = await runCli([
      ...BASE.slice(0, -1),
      'job.connectors,config.pipeline-jars,jars.readable',
      '--flink-version',
      '2.2.1',
      '--job',
      job,
    ]);
    expect(run.stdout).toMatch(
      /✗ job\.connectors {2}flink-sql-connector-kafka-3\.1\.0-1\.18\.jar \(add_jars in image_job\.py:1, judged by its file name\): built for Flink 1\.18, target is 2\.2/,
    );
    expect(run.stdout).toContain(
      '→ fix: Replace flink-sql-connector-kafka-3.1.0-1.18.jar (image_job.py:1) with org.apache.flink:flink-sql-connector-kafka:5.0.0-2.2',
    );
    expect(run.stdout).toMatch(
      /✗ config\.pipeline-jars {2}add_jars\(\) in .*image_job\.py:1: file:\/\/\/opt\/flink\/lib\/flink-sql-connector-kafka-3\.1\.0-1\.18\.jar points at .* which does not exist or is not a file: run here, the job fails with FileNotFoundException/,
    );
    expect(run.stdout).not.toMatch(/✗ jars\.readable/);
    expect(run.code).toBe(1);
  });

  it('references computed at run time are warnings in the default output, with line and expression', async () => {
    const job = await writeFileDeep(
      join(dir, 'dynamic.py'),
      'import os\nJARS = ["file:///a/x.jar"]\nt_env.get_config().set("pipeline.jars", os.environ["JARS"])\nt_env.execute_sql(load_ddl())\n',
    );
    const run = await runCli([...BASE, '--job', job]);
    expect(run.stdout).toMatch(
      /! config\.pipeline-jars {2}set\("pipeline\.jars"\) in .*dynamic\.py:3: os\.environ\["JARS"\] is computed at run time; not checked here/,
    );
    expect(run.stdout).toContain(
      '! job.connectors  dynamic.py:4: t_env.execute_sql(load_ddl()): SQL computed at run time; its connectors were not read',
    );
  });
});
