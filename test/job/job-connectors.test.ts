// job.connectors with a real PyFlink job file: add_jars, set("pipeline.jars"), SQL DDL identifiers.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import jobConnectors from '../../checks/job-connectors.js';
import { NeedsCollector } from '../../src/job/collect.js';
import { readPythonText } from '../../src/job/read-job.js';
import { avroJar, connectorJar, FACTORY, fatKafkaJar, jarDir, thinKafkaJar } from '../helpers/jars.js';
import { runCheck as runRealCheck } from '../helpers/run-check.js';
import { runCli } from '../helpers/cli.js';
import { pyenvPython } from '../helpers/python-env.js';
import { writeFileDeep } from '../helpers/tmp.js';

const url = (path: string) => pathToFileURL(path).href;

function job(kafkaJar: string, avro: string): string {
  return `"""Reads orders from Kafka, writes Avro-encoded totals back."""
import os

from pyflink.datastream import StreamExecutionEnvironment
from pyflink.table import StreamTableEnvironment

env = StreamExecutionEnvironment.get_execution_environment()
env.add_jars("${url(kafkaJar)}")  # the fat SQL JAR
# env.add_jars("file:///commented/out.jar")
t_env = StreamTableEnvironment.create(env)
t_env.get_config().set("pipeline.jars", "${url(avro)}")
extra = os.path.join(os.getcwd(), "udfs.jar")
t_env.get_config().set("pipeline.classpaths", f"file://{extra}")

t_env.execute_sql("""
    CREATE TABLE orders (
        id BIGINT,
        amount DOUBLE
    ) WITH (
        'connector' = 'kafka',
        'topic' = 'orders',
        'properties.bootstrap.servers' = 'kafka:9092',
        'value.format' = 'json'
    )
""")
t_env.execute_sql("""
    CREATE TABLE totals (id BIGINT, total DOUBLE) WITH (
        'connector' = 'upsert-kafka',
        'topic' = 'totals',
        'key.format' = 'avro',
        'value.format' = 'avro'
    )
""")
t_env.execute_sql("CREATE TABLE out_table (id BIGINT) WITH ('connector' = 'print')")
t_env.execute_sql("INSERT INTO totals SELECT id, SUM(amount) FROM orders GROUP BY id").wait()
`;
}

let dir: string;
beforeAll(async () => {
  dir = await jarDir('job-');
});

async function jobFile(name: string, text: string): Promise<string> {
  const path = await writeFileDeep(join(dir, name), text);
  // A real Python file: it must at least compile (pyenv's interpreter itself: its python3 shim starts a dozen programs).
  execFileSync(pyenvPython('3.12.1'), ['-m', 'py_compile', path]);
  return path;
}

function needsOf(source: string) {
  const collect = new NeedsCollector();
  readPythonText(source, '/j/job.py', collect);
  return collect.needs;
}

describe('reading a job', () => {
  it('finds the JARs, settings, identifiers and what it cannot resolve, with lines', () => {
    const needs = needsOf(job('/j/k.jar', '/j/a.jar'));
    expect(needs.jars.map((j) => `${j.kind}:${j.value}@${j.line}`)).toEqual([
      'add_jars:file:///j/k.jar@8',
      'pipeline.jars:file:///j/a.jar@11',
      'pipeline.classpaths:file://{…}/udfs.jar@13',
    ]);
    expect(needs.identifiers.map((i) => `${i.role}:${i.identifier}@${i.line}`)).toEqual([
      'connector:kafka@20',
      'format:json@23',
      'connector:upsert-kafka@28',
      'format:avro@30',
      'format:avro@31',
      'connector:print@34',
    ]);
    expect(needs.unresolved).toEqual([
      { file: '/j/job.py', line: 13, what: 'jar', expression: 't_env.get_config().set("pipeline.classpaths", f"file://{extra}")' },
    ]);
    expect(needs.settings.find((s) => s.key === 'pipeline.classpaths')).toMatchObject({ line: 13, expression: 'f"file://{extra}"' });
  });

  it('reads CREATE CATALOG types and Table API descriptors', () => {
    const needs = needsOf(
      `t.execute_sql("CREATE CATALOG h WITH ('type' = 'hive', 'hive-conf-dir' = '/etc')")\nd = TableDescriptor.for_connector('datagen').format(FormatDescriptor.for_format('csv').build())\n`,
    );
    expect(needs.identifiers.map((i) => `${i.role}:${i.identifier}`)).toEqual(['catalog:hive', 'connector:datagen', 'format:csv']);
  });

  it('reads on past a method named like a JavaScript object member (toString, constructor, valueOf)', () => {
    // Such a name once looked up a helper table's prototype and stopped the reader with a TypeError.
    const needs = needsOf('s = "x"\nenv.set(s.toString(), s.constructor(), s.valueOf())\nenv.add_jars("file:///opt/flink/usrlib/x.jar")\n');
    expect(needs.problems).toEqual([]);
    expect(needs.jars.map((j) => j.value)).toEqual(['file:///opt/flink/usrlib/x.jar']);
  });
});

describe('job.connectors', () => {
  // Offline: the fixes name versions from the shipped Maven snapshot, as a run with no network does; these tests asked
  // Maven Central (the hermetic suite must pass with no registry, and must not wait on one).
  const runCheck = (check: typeof jobConnectors, options: Parameters<typeof runRealCheck>[1] = {}) =>
    runRealCheck(check, { offline: true, ...options });

  it('is ok when every identifier is provided by a JAR the job adds or built in', async () => {
    const kafka = await fatKafkaJar(join(dir, 'flink-sql-connector-kafka-3.3.0-1.20.jar'));
    const avro = await avroJar(join(dir, 'flink-sql-avro-1.20.1.jar'));
    const file = await jobFile('ok_job.py', job(kafka, avro));
    const result = await runCheck(jobConnectors, { job: [file], flinkVersion: '1.20.1' });
    expect(result.status).toBe('ok');
    expect(result.summary).toBe('all 5 needs of the job are available');
    expect(result.details).toContain(`connector 'kafka' (ok_job.py:20): provided by ${kafka}`);
    expect(result.details).toContain("format 'json' (ok_job.py:23): built into Flink");
  });

  it('is an error naming the identifier and the JAR to add', async () => {
    const kafka = await fatKafkaJar(join(dir, 'k2', 'x.jar').replace('k2/', 'k2-'));
    const file = await jobFile('missing_avro.py', job(kafka, join(dir, 'not-downloaded.jar')));
    const result = await runCheck(jobConnectors, { job: [file], flinkVersion: '1.20.1' });
    expect(result.status).toBe('error');
    expect(result.summary).toBe(
      `format 'avro' (missing_avro.py:30, CREATE TABLE totals): not built in and no JAR the job sees registers it ("Could not find any factory for identifier 'avro'")`,
    );
    expect(result.fix).toContain('org.apache.flink:flink-sql-avro:1.20.1');
    expect(result.locations).toEqual([{ path: file, line: 30 }]);
  });

  it('does not count a thin JAR as missing: it registers the factory (jars.thin reports the rest)', async () => {
    const thin = await thinKafkaJar(join(dir, 'thin.jar'));
    const avro = await avroJar(join(dir, 'avro2.jar'));
    const result = await runCheck(jobConnectors, { job: [await jobFile('thin_job.py', job(thin, avro))], flinkVersion: '1.20' });
    expect(result.status).toBe('ok');
  });

  it('is an error for kafka when no JAR is added at all, naming the fat JAR for the target', async () => {
    const file = await jobFile(
      'bare.py',
      "t_env.execute_sql(\"CREATE TABLE s (a INT) WITH ('connector' = 'kafka', 'format' = 'json')\")\n",
    );
    const result = await runCheck(jobConnectors, { job: [file], flinkVersion: '2.2' });
    expect(result.status).toBe('error');
    expect(result.fix).toContain('org.apache.flink:flink-sql-connector-kafka:5.0.0-2.2');
  });

  it('finds identifiers of families other than Kafka in renamed JARs: jdbc, kinesis, postgres-cdc', async () => {
    const jdbc = await connectorJar(join(dir, 'db-connector.jar'), {
      version: '3.3.0-1.20',
      factories: [FACTORY.jdbcCore, FACTORY.jdbcCoreCatalog],
    });
    const kinesis = await connectorJar(join(dir, 'streams.jar'), {
      notice: 'flink-sql-connector-aws-kinesis-streams',
      version: '5.0.0-1.20',
      factories: [FACTORY.kinesisStreams5],
    });
    const pg = await connectorJar(join(dir, 'cdc.jar'), {
      notice: 'flink-sql-connector-postgres-cdc',
      version: '3.2.1',
      factories: [FACTORY.postgresCdc],
    });
    const source = `env.add_jars("${url(jdbc)}", "${url(kinesis)}", "${url(pg)}")
t_env.execute_sql("CREATE CATALOG pg WITH ('type' = 'jdbc', 'base-url' = 'jdbc:postgresql://db:5432')")
t_env.execute_sql("CREATE TABLE s (a INT) WITH ('connector' = 'postgres-cdc', 'hostname' = 'db')")
t_env.execute_sql("CREATE TABLE k (a INT) WITH ('connector' = 'kinesis', 'format' = 'json')")
`;
    const result = await runCheck(jobConnectors, { job: [await jobFile('multi_job.py', source)], flinkVersion: '1.20.1' });
    // Every identifier is registered; the JDBC catalog still needs the PostgreSQL driver, which no JAR holds.
    expect(result.status).toBe('error');
    expect(result.summary).toMatch(
      /^the JDBC driver for jdbc:postgresql: \(multi_job.py:2, CREATE CATALOG pg\): no JAR the job sees registers org.postgresql.Driver/,
    );
    expect(result.fix).toContain('org.postgresql:postgresql:42.7.4');
    expect(result.details).toContain(`catalog 'jdbc' (multi_job.py:2): provided by ${jdbc}`);
    expect(result.details).toContain(`connector 'postgres-cdc' (multi_job.py:3): provided by ${pg}`);
    expect(result.details).toContain(`connector 'kinesis' (multi_job.py:4): provided by ${kinesis}`);
  });

  it('names the OpenSearch fat JAR for opensearch, and the legacy Kinesis JAR for kinesis-legacy only where a release registers it', async () => {
    const file = await jobFile(
      'os_job.py',
      "t_env.execute_sql(\"CREATE TABLE s (a INT) WITH ('connector' = 'opensearch')\")\nt_env.execute_sql(\"CREATE TABLE k (a INT) WITH ('connector' = 'kinesis-legacy')\")\n",
    );
    const on118 = await runCheck(jobConnectors, { job: [file], flinkVersion: '1.18.1' });
    expect(on118.status).toBe('error');
    expect(on118.fix).toContain('org.apache.flink:flink-sql-connector-opensearch:1.2.0-1.18');
    // AWS 4.3.0 (the newest for 1.18) still calls the legacy factory 'kinesis': no artifact to name.
    expect(on118.fix).not.toContain('flink-sql-connector-kinesis:');
    const on120 = await runCheck(jobConnectors, { job: [file], flinkVersion: '1.20.1' });
    expect(on120.fix).toContain('org.apache.flink:flink-sql-connector-kinesis:5.1.0-1.20');
  });

  it('is skipped without --job', async () => {
    expect((await runCheck(jobConnectors)).status).toBe('skipped');
  });

  it('--job naming a missing file is a usage error (exit 2); a missing JAR is a finding', async () => {
    const missing = await runCli(['--job', join(dir, 'nope.py'), '--only', 'job.connectors']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--job .*nope.py: no such file/);
    const run = await runCli(['--jars', join(dir, 'nope.jar'), '--only', 'jars.readable', '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).checks[0].summary).toBe('nope.jar does not exist');
  });
});
