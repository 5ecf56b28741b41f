// The setups the doctor's verdict is checked against: healthy ones and ones broken the ways users break them.
// Each names the real install (a pinned apache-flink release with the closure pip resolved), the real JARs
// (Maven coordinates) in pipeline.jars, the job's SQL and anything else the user changed (FLINK_HOME,
// JAVA_HOME, python.executable, a later pip install). Nothing here says what the doctor or the job should do:
// the test runs both and compares.
import type { JobSpec } from './support/job.js';

export interface Setup {
  id: string;
  /** What the user has, in their words. */
  title: string;
  /** apache-flink release of the client venv (its pinned closure). */
  flink: string;
  /** A later `pip install` into that venv. */
  pipAfter?: 'pyarrow==21.0.0' | 'apache-flink-libraries==2.3.0';
  /** Maven coordinates put in pipeline.jars; a "missing:" entry is a path that does not exist. */
  jars: string[];
  job: Omit<JobSpec, 'jars'>;
  /** FLINK_HOME set to another release's pyflink directory. */
  flinkHome?: string;
  /** HADOOP_CLASSPATH set to this Maven JAR (group:artifact:version), as `export HADOOP_CLASSPATH=…` does. */
  hadoopClasspath?: string;
  javaHome?: 'temurin-25';
  /** The venv is activated (its bin/ first on PATH, VIRTUAL_ENV set), as after `source .venv/bin/activate`. */
  activated?: boolean;
  /** python.executable: a bare pyenv interpreter or another release's venv, set in the job or the Flink config. */
  workerPython?: { python: { pyenv: string } | { flink: string }; in: 'job' | 'config' };
  /**
   * Another setup on the same install whose job uses what this setup's error is about: when this job runs despite
   * the error, the twin failing with the cause the same check names confirms it (support/agreement.ts).
   */
  twin?: string;
  /**
   * The doctor and the job are known to disagree here, and why; the test then expects the disagreement, so
   * it fails the day it is fixed. Only for causes outside this issue (matrix facts, jars rules, job parsing).
   */
  knownDisagreement?: string;
}

const F = 'org.apache.flink';
/** The pre-bundled Hadoop JAR Paimon's and Flink's docs point to when there is no Hadoop install. */
const HADOOP_UBER = `${F}:flink-shaded-hadoop-2-uber:2.8.3-10.0`;
/** Hadoop 3's shaded client: the public API, and its relocated dependencies (the pair Hadoop's docs say to use together). */
const HADOOP3_CLIENT = ['org.apache.hadoop:hadoop-client-api:3.4.1', 'org.apache.hadoop:hadoop-client-runtime:3.4.1'];
const SRC = "CREATE TABLE src (id BIGINT, name STRING) WITH ('connector' = 'datagen', 'number-of-rows' = '3')";
const INSERT = 'INSERT INTO snk SELECT id, name FROM src';
const UDF_INSERT = 'INSERT INTO snk SELECT plus_one(id), name FROM src';
const sink = (options: string) => `CREATE TABLE snk (id BIGINT, name STRING) WITH (${options})`;
const PRINT = sink("'connector' = 'print'");
const kafka = (format: string, extra = '') =>
  sink(
    `'connector' = 'kafka', 'topic' = 'orders', 'properties.bootstrap.servers' = '127.0.0.1:9', ` +
      `'properties.max.block.ms' = '1000', 'format' = '${format}'${extra}`,
  );
const KAFKA_JSON = kafka('json');
const JDBC = sink("'connector' = 'jdbc', 'url' = 'jdbc:postgresql://127.0.0.1:9/shop', 'table-name' = 'orders'");
const ORACLE_JDBC = sink("'connector' = 'jdbc', 'url' = 'jdbc:oracle:thin:@//127.0.0.1:9/shop', 'table-name' = 'orders'");
/** {dir} is replaced by a fresh directory per run. */
const files = (format: string) => sink(`'connector' = 'filesystem', 'path' = 'file://{dir}/out', 'format' = '${format}'`);
const ES7 = sink("'connector' = 'elasticsearch-7', 'hosts' = 'http://127.0.0.1:9', 'index' = 'orders'");

const kafkaJob = { ddl: [SRC, KAFKA_JSON], insert: INSERT };
const udfJob = { ddl: [SRC, PRINT], insert: UDF_INSERT, udf: 'python' as const };
const CDC_SRC =
  "CREATE TABLE src (id BIGINT, name STRING, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'mysql-cdc', " +
  "'hostname' = '127.0.0.1', 'port' = '9', 'username' = 'flink', 'password' = 'secret', 'database-name' = 'shop', 'table-name' = 'orders')";
const dataStreamJob = { api: 'datastream' as const, ddl: [], insert: '' };
const dataStreamKafkaJob = { api: 'datastream-kafka' as const, ddl: [], insert: '' };
/** An Iceberg catalog on a local warehouse (catalog-type hadoop: a file system, no metastore); the sink is in it. */
const icebergJob = {
  ddl: [
    SRC,
    "CREATE CATALOG ice WITH ('type' = 'iceberg', 'catalog-type' = 'hadoop', 'warehouse' = 'file://{dir}/warehouse')",
    'CREATE DATABASE ice.db',
    'CREATE TABLE ice.db.snk (id BIGINT, name STRING)',
  ],
  insert: 'INSERT INTO ice.db.snk SELECT id, name FROM src',
};
const cdcJob = { ddl: [CDC_SRC, sink("'connector' = 'blackhole'")], insert: INSERT, streaming: true };
const jdbcJob = { ddl: [SRC, JDBC], insert: INSERT };
const PG = 'org.postgresql:postgresql:42.7.5';
const ORACLE = 'com.oracle.database.jdbc:ojdbc11:23.5.0.24.07';
/** A Paimon catalog on a local warehouse; the sink is a Paimon table in it, the source stays in the default catalog. */
const paimonJob = {
  ddl: [
    SRC,
    "CREATE CATALOG lake WITH ('type' = 'paimon', 'warehouse' = 'file://{dir}/warehouse')",
    'CREATE TABLE lake.`default`.snk (id BIGINT, name STRING)',
  ],
  insert: 'INSERT INTO lake.`default`.snk SELECT id, name FROM src',
};
const oracleJob = { ddl: [SRC, ORACLE_JDBC], insert: INSERT };

const SETUP_LIST: Setup[] = [
  // Healthy, the way the docs say to set them up.
  { id: 'builtin-print', title: 'datagen → print, no JARs', flink: '1.20.5', jars: [], job: { ddl: [SRC, PRINT], insert: INSERT } },
  { id: 'python-udf', title: 'a Python UDF, worker = the client interpreter', flink: '1.20.5', jars: [], job: udfJob },
  {
    id: 'datastream',
    title: 'a DataStream job with a Python map, venv activated (1.20.5)',
    flink: '1.20.5',
    activated: true,
    jars: [],
    job: dataStreamJob,
  },
  { id: 'python-udf-2.2', title: 'a Python UDF on 2.2.1', flink: '2.2.1', jars: [], job: udfJob },
  {
    id: 'kafka-fat-1.17',
    title: 'Kafka fat JAR 3.0.0-1.17 on 1.17.2',
    flink: '1.17.2',
    jars: [`${F}:flink-sql-connector-kafka:3.0.0-1.17`],
    job: kafkaJob,
  },
  {
    id: 'kafka-in-tree-1.17',
    title: 'in-tree Kafka fat JAR 1.17.1 on 1.17.2',
    flink: '1.17.2',
    jars: [`${F}:flink-sql-connector-kafka:1.17.1`],
    job: kafkaJob,
  },
  {
    id: 'es7-1.17',
    title: 'Elasticsearch 7 fat JAR 3.0.1-1.17 on 1.17.2',
    flink: '1.17.2',
    jars: [`${F}:flink-sql-connector-elasticsearch7:3.0.1-1.17`],
    job: { ddl: [SRC, ES7], insert: INSERT },
  },
  {
    id: 'kafka-fat-1.19',
    title: 'Kafka fat JAR 3.2.0-1.19 on 1.19.3',
    flink: '1.19.3',
    jars: [`${F}:flink-sql-connector-kafka:3.2.0-1.19`],
    job: kafkaJob,
  },
  {
    id: 'kafka-thin-plus-clients',
    title: 'Kafka thin JAR 3.3.0-1.20 + kafka-clients 3.4.0 on 1.20.5',
    flink: '1.20.5',
    jars: [`${F}:flink-connector-kafka:3.3.0-1.20`, 'org.apache.kafka:kafka-clients:3.4.0'],
    job: kafkaJob,
  },
  {
    id: 'jdbc3-shaded',
    title: 'JDBC 3.3.0-1.20 (shaded) + PostgreSQL driver on 1.20.5',
    flink: '1.20.5',
    jars: [`${F}:flink-connector-jdbc:3.3.0-1.20`, PG],
    job: jdbcJob,
  },
  {
    id: 'jdbc3-core-dialect',
    title: 'JDBC 3.3.0-1.20 core + postgres dialect + driver on 1.20.5',
    flink: '1.20.5',
    jars: [`${F}:flink-connector-jdbc-core:3.3.0-1.20`, `${F}:flink-connector-jdbc-postgres:3.3.0-1.20`, PG],
    job: jdbcJob,
  },
  {
    id: 'jdbc3-oracle-no-dialect',
    title: 'JDBC 3.3.0-1.20 core + Oracle driver, no oracle dialect module, on 1.20.5',
    flink: '1.20.5',
    jars: [`${F}:flink-connector-jdbc-core:3.3.0-1.20`, ORACLE],
    job: oracleJob,
  },
  {
    id: 'jdbc3-oracle-dialect',
    title: 'JDBC 3.3.0-1.20 core + oracle dialect + Oracle driver on 1.20.5',
    flink: '1.20.5',
    jars: [`${F}:flink-connector-jdbc-core:3.3.0-1.20`, `${F}:flink-connector-jdbc-oracle:3.3.0-1.20`, ORACLE],
    job: oracleJob,
  },
  {
    id: 'avro-files-1.20',
    title: 'filesystem + flink-sql-avro 1.20.0 on 1.20.5',
    flink: '1.20.5',
    jars: [`${F}:flink-sql-avro:1.20.0`],
    job: { ddl: [SRC, files('avro')], insert: INSERT },
  },
  {
    id: 'kafka-fat-2.0',
    title: 'Kafka fat JAR 4.0.1-2.0 on 2.0.2',
    flink: '2.0.2',
    jars: [`${F}:flink-sql-connector-kafka:4.0.1-2.0`],
    job: kafkaJob,
  },
  {
    id: 'jdbc4-core-dialect',
    title: 'JDBC 4.0.0-2.0 core + postgres dialect + driver on 2.0.2',
    flink: '2.0.2',
    jars: [`${F}:flink-connector-jdbc-core:4.0.0-2.0`, `${F}:flink-connector-jdbc-postgres:4.0.0-2.0`, PG],
    job: jdbcJob,
  },
  {
    id: 'kafka-fat-2.2',
    title: 'Kafka fat JAR 5.0.0-2.2 on 2.2.1',
    flink: '2.2.1',
    jars: [`${F}:flink-sql-connector-kafka:5.0.0-2.2`],
    job: kafkaJob,
  },
  {
    id: 'mysql-cdc-with-driver',
    title: 'MySQL CDC 3.5.0 + mysql-connector-j 8.4.0 on 1.20.5',
    flink: '1.20.5',
    jars: [`${F}:flink-sql-connector-mysql-cdc:3.5.0`, 'com.mysql:mysql-connector-j:8.4.0'],
    job: cdcJob,
  },
  {
    id: 'avro-files-2.3',
    title: 'filesystem + flink-sql-avro 2.3.0 on 2.3.0',
    flink: '2.3.0',
    jars: [`${F}:flink-sql-avro:2.3.0`],
    job: { ddl: [SRC, files('avro')], insert: INSERT },
  },

  // Broken the ways users break them.
  { id: 'no-connector', title: 'Kafka table, no Kafka JAR (1.20.5)', flink: '1.20.5', jars: [], job: kafkaJob },
  {
    id: 'no-format',
    title: 'Kafka fat JAR, format avro, no Avro JAR (2.2.1)',
    flink: '2.2.1',
    jars: [`${F}:flink-sql-connector-kafka:5.0.0-2.2`],
    job: { ddl: [SRC, kafka('avro')], insert: INSERT },
  },
  {
    id: 'no-format-files',
    title: 'filesystem avro, no Avro JAR (1.20.5)',
    flink: '1.20.5',
    jars: [],
    job: { ddl: [SRC, files('avro')], insert: INSERT },
  },
  {
    id: 'thin-not-fat',
    title: 'Kafka thin JAR 3.3.0-1.20 alone (no kafka-clients) on 1.20.5',
    flink: '1.20.5',
    jars: [`${F}:flink-connector-kafka:3.3.0-1.20`],
    job: kafkaJob,
  },
  {
    id: 'kafka-1.x-on-2.2',
    title: 'Kafka fat JAR 3.2.0-1.19 on 2.2.1',
    flink: '2.2.1',
    jars: [`${F}:flink-sql-connector-kafka:3.2.0-1.19`],
    job: kafkaJob,
  },
  {
    id: 'kafka-2.0-on-1.20',
    title: 'Kafka fat JAR 4.0.1-2.0 on 1.20.5',
    flink: '1.20.5',
    jars: [`${F}:flink-sql-connector-kafka:4.0.1-2.0`],
    job: kafkaJob,
  },
  {
    id: 'kafka-1.19-on-1.20',
    title: 'Kafka fat JAR 3.2.0-1.19 on 1.20.5 (the minor before)',
    flink: '1.20.5',
    jars: [`${F}:flink-sql-connector-kafka:3.2.0-1.19`],
    job: kafkaJob,
  },
  {
    id: 'kafka-2.0-on-2.2',
    title: 'Kafka fat JAR 4.0.1-2.0 on 2.2.1 (an older 2.x line)',
    flink: '2.2.1',
    jars: [`${F}:flink-sql-connector-kafka:4.0.1-2.0`],
    job: kafkaJob,
  },
  {
    id: 'two-kafka',
    title: 'two Kafka fat JARs, 3.2.0-1.19 and 3.0.1-1.18, on 1.19.3',
    flink: '1.19.3',
    jars: [`${F}:flink-sql-connector-kafka:3.2.0-1.19`, `${F}:flink-sql-connector-kafka:3.0.1-1.18`],
    job: kafkaJob,
  },
  {
    id: 'no-jdbc-driver',
    title: 'JDBC 3.3.0-1.20 (shaded) without the PostgreSQL driver',
    flink: '1.20.5',
    jars: [`${F}:flink-connector-jdbc:3.3.0-1.20`],
    job: jdbcJob,
  },
  {
    id: 'jdbc4-no-dialect',
    title: 'JDBC 4.0.0-2.0 core + driver, no postgres dialect module',
    flink: '2.0.2',
    jars: [`${F}:flink-connector-jdbc-core:4.0.0-2.0`, PG],
    job: jdbcJob,
  },
  {
    id: 'mysql-cdc-no-driver',
    title: 'MySQL CDC 3.5.0 without the MySQL driver (no longer bundled since 3.1)',
    flink: '1.20.5',
    jars: [`${F}:flink-sql-connector-mysql-cdc:3.5.0`],
    job: cdcJob,
  },
  {
    id: 'missing-jar-file',
    title: 'pipeline.jars names a JAR that is not there',
    flink: '1.20.5',
    jars: ['missing:/opt/jobs/lib/flink-sql-connector-kafka-3.3.0-1.20.jar'],
    job: { ddl: [SRC, PRINT], insert: INSERT },
  },
  {
    id: 'worker-3.13-in-job',
    title: 'set("python.executable", <bare Python 3.13>) in a UDF job on 1.20.5',
    flink: '1.20.5',
    jars: [],
    workerPython: { python: { pyenv: '3.13' }, in: 'job' },
    job: udfJob,
  },
  {
    id: 'worker-3.13-in-config',
    title: 'python.executable: <bare Python 3.13> in the Flink config, UDF job run locally',
    flink: '1.20.5',
    jars: [],
    workerPython: { python: { pyenv: '3.13' }, in: 'config' },
    job: udfJob,
  },
  {
    id: 'worker-other-release',
    title: 'set("python.executable", <the 2.2.1 venv, Python 3.12>) for a 1.20.5 client',
    flink: '1.20.5',
    jars: [],
    workerPython: { python: { flink: '2.2.1' }, in: 'job' },
    job: udfJob,
    twin: 'worker-other-release-calls',
  },
  {
    id: 'worker-other-release-calls',
    title: 'the same workers, a UDF whose body calls a function (bytecode differs between 3.11 and 3.12)',
    flink: '1.20.5',
    jars: [],
    workerPython: { python: { flink: '2.2.1' }, in: 'job' },
    job: { ...udfJob, udf: 'python-calls' as const },
  },
  {
    id: 'libraries-mismatch',
    title: '`pip install apache-flink-libraries==2.3.0` into a 1.20.5 venv, Table API + Python UDF job',
    flink: '1.20.5',
    pipAfter: 'apache-flink-libraries==2.3.0',
    jars: [],
    job: udfJob,
    twin: 'libraries-mismatch-datastream',
  },
  {
    id: 'libraries-mismatch-datastream',
    title: 'the same venv, a DataStream job (venv activated)',
    flink: '1.20.5',
    pipAfter: 'apache-flink-libraries==2.3.0',
    activated: true,
    jars: [],
    job: dataStreamJob,
  },
  {
    id: 'flink-home-2.2-for-1.20',
    title: 'FLINK_HOME = the 2.2.1 wheel, client apache-flink 1.20.5, DataStream job',
    flink: '1.20.5',
    flinkHome: '2.2.1',
    activated: true,
    jars: [],
    job: dataStreamJob,
  },
  {
    id: 'flink-home-1.19-for-1.20',
    title: 'FLINK_HOME = the 1.19.3 wheel, client apache-flink 1.20.5, DataStream job',
    flink: '1.20.5',
    flinkHome: '1.19.3',
    activated: true,
    jars: [],
    job: dataStreamJob,
  },
  {
    id: 'datastream-no-python-on-path',
    title: "a DataStream job run with the venv's python, venv not activated (no `python` on PATH)",
    flink: '1.20.5',
    jars: [],
    job: dataStreamJob,
  },
  {
    id: 'datastream-python-in-job',
    title: 'the same DataStream job, venv not activated, env.set_python_executable(<the venv python>) in the job',
    flink: '1.20.5',
    workerPython: { python: { flink: '1.20.5' }, in: 'job' },
    jars: [],
    job: dataStreamJob,
  },
  {
    id: 'datastream-python-in-config',
    title: 'the same DataStream job, venv not activated, python.executable: <the venv python> in config.yaml',
    flink: '1.20.5',
    workerPython: { python: { flink: '1.20.5' }, in: 'config' },
    jars: [],
    job: dataStreamJob,
  },
  {
    id: 'paimon-catalog',
    title: "CREATE CATALOG ... ('type' = 'paimon') + paimon-flink-1.20 1.3.1 on 1.20.5, a Paimon table as the sink, no Hadoop",
    flink: '1.20.5',
    jars: ['org.apache.paimon:paimon-flink-1.20:1.3.1'],
    job: paimonJob,
  },
  {
    id: 'paimon-catalog-hadoop',
    title: 'the same Paimon job with the pre-bundled Hadoop JAR (flink-shaded-hadoop-2-uber 2.8.3-10.0) next to it',
    flink: '1.20.5',
    jars: ['org.apache.paimon:paimon-flink-1.20:1.3.1', HADOOP_UBER],
    job: paimonJob,
  },
  {
    id: 'paimon-catalog-hadoop3-jar',
    title: 'the same Paimon job with Hadoop 3 client JARs (hadoop-client-api + hadoop-client-runtime 3.4.1) next to it',
    flink: '1.20.5',
    jars: ['org.apache.paimon:paimon-flink-1.20:1.3.1', ...HADOOP3_CLIENT],
    job: paimonJob,
  },
  // hadoop-client-api alone, as for ORC/Parquet (orc-hadoop3-api-only): the need jars.thin derives from the API JAR.
  {
    id: 'paimon-catalog-hadoop3-api-only',
    title: 'the same Paimon job with hadoop-client-api 3.4.1 alone (without hadoop-client-runtime) next to it',
    flink: '1.20.5',
    jars: ['org.apache.paimon:paimon-flink-1.20:1.3.1', HADOOP3_CLIENT[0] as string],
    job: paimonJob,
  },
  {
    id: 'paimon-catalog-hadoop-classpath',
    title: 'the same Paimon job, the pre-bundled Hadoop JAR in HADOOP_CLASSPATH instead',
    flink: '1.20.5',
    jars: ['org.apache.paimon:paimon-flink-1.20:1.3.1'],
    hadoopClasspath: HADOOP_UBER,
    job: paimonJob,
  },
  {
    id: 'paimon-catalog-no-jar',
    title: 'the same Paimon job without the Paimon JAR',
    flink: '1.20.5',
    jars: [],
    job: paimonJob,
  },
  {
    id: 'datastream-kafka',
    title: 'a DataStream job with KafkaSource (pyflink.datastream.connectors.kafka) + the Kafka fat JAR 5.0.0-2.2 on 2.2.1',
    flink: '2.2.1',
    jars: [`${F}:flink-sql-connector-kafka:5.0.0-2.2`],
    job: dataStreamKafkaJob,
  },
  {
    id: 'datastream-kafka-no-jar',
    title: 'the same KafkaSource job without any Kafka JAR',
    flink: '2.2.1',
    jars: [],
    job: dataStreamKafkaJob,
  },
  {
    id: 'iceberg-catalog',
    title: "CREATE CATALOG ... ('type' = 'iceberg', 'catalog-type' = 'hadoop') + iceberg-flink-runtime-1.20 1.11.0 on 1.20.5, no Hadoop",
    flink: '1.20.5',
    jars: ['org.apache.iceberg:iceberg-flink-runtime-1.20:1.11.0'],
    job: icebergJob,
  },
  {
    id: 'iceberg-catalog-hadoop',
    title: 'the same Iceberg job with the pre-bundled Hadoop JAR (flink-shaded-hadoop-2-uber 2.8.3-10.0) next to it',
    flink: '1.20.5',
    jars: ['org.apache.iceberg:iceberg-flink-runtime-1.20:1.11.0', HADOOP_UBER],
    job: icebergJob,
  },
  {
    id: 'iceberg-catalog-hadoop-classpath',
    title: 'the same Iceberg job, the pre-bundled Hadoop JAR in HADOOP_CLASSPATH instead',
    flink: '1.20.5',
    jars: ['org.apache.iceberg:iceberg-flink-runtime-1.20:1.11.0'],
    hadoopClasspath: HADOOP_UBER,
    job: icebergJob,
  },
  {
    id: 'java-17-on-1.17',
    title: 'Java 17 for 1.17.2 (before Java 17 support), datagen → print, no JARs',
    flink: '1.17.2',
    jars: [],
    job: { ddl: [SRC, PRINT], insert: INSERT },
  },
  {
    id: 'java-25-on-1.20',
    title: 'JAVA_HOME = Temurin 25 for 1.20.5',
    flink: '1.20.5',
    javaHome: 'temurin-25',
    jars: [],
    job: { ddl: [SRC, PRINT], insert: INSERT },
  },
  {
    id: 'java-25-on-2.2',
    title: 'JAVA_HOME = Temurin 25 for 2.2.1, UDF job',
    flink: '2.2.1',
    javaHome: 'temurin-25',
    jars: [],
    job: udfJob,
  },
  {
    id: 'pyarrow-21-pandas-udf',
    title: '`pip install pyarrow==21.0.0` into 1.20.5, a pandas UDF job',
    flink: '1.20.5',
    pipAfter: 'pyarrow==21.0.0',
    jars: [],
    job: { ddl: [SRC, PRINT], insert: UDF_INSERT, udf: 'pandas' },
  },
  {
    id: 'parquet-no-hadoop',
    title: 'filesystem + flink-sql-parquet 2.3.0, no Hadoop, on 2.3.0',
    flink: '2.3.0',
    jars: [`${F}:flink-sql-parquet:2.3.0`],
    job: { ddl: [SRC, files('parquet')], insert: INSERT },
  },
  {
    id: 'orc-no-hadoop',
    title: 'filesystem + flink-sql-orc 2.3.0, no Hadoop, on 2.3.0',
    flink: '2.3.0',
    jars: [`${F}:flink-sql-orc:2.3.0`],
    job: { ddl: [SRC, files('orc')], insert: INSERT },
  },
  // The fix jars.thin gives for the two above, followed: Hadoop on the JVM's classpath, or Hadoop JARs in pipeline.jars.
  {
    id: 'orc-hadoop-classpath',
    title: 'the same ORC job, HADOOP_CLASSPATH = a Hadoop JAR (flink-shaded-hadoop-2-uber 2.8.3-10.0)',
    flink: '2.3.0',
    jars: [`${F}:flink-sql-orc:2.3.0`],
    hadoopClasspath: HADOOP_UBER,
    job: { ddl: [SRC, files('orc')], insert: INSERT },
  },
  {
    id: 'parquet-hadoop-classpath',
    title: 'the same Parquet job, HADOOP_CLASSPATH = a Hadoop JAR (flink-shaded-hadoop-2-uber 2.8.3-10.0)',
    flink: '2.3.0',
    jars: [`${F}:flink-sql-parquet:2.3.0`],
    hadoopClasspath: HADOOP_UBER,
    job: { ddl: [SRC, files('parquet')], insert: INSERT },
  },
  {
    id: 'orc-hadoop-jar',
    title: 'the same ORC job, the Hadoop JAR (flink-shaded-hadoop-2-uber 2.8.3-10.0) in pipeline.jars instead',
    flink: '2.3.0',
    jars: [`${F}:flink-sql-orc:2.3.0`, HADOOP_UBER],
    job: { ddl: [SRC, files('orc')], insert: INSERT },
  },
  {
    id: 'parquet-hadoop-jar',
    title: 'the same Parquet job, the Hadoop JAR (flink-shaded-hadoop-2-uber 2.8.3-10.0) in pipeline.jars instead',
    flink: '2.3.0',
    jars: [`${F}:flink-sql-parquet:2.3.0`, HADOOP_UBER],
    job: { ddl: [SRC, files('parquet')], insert: INSERT },
  },
  // Hadoop 3's client JARs in place of the Hadoop 2 one: whether the modern answer works is measured, not assumed.
  {
    id: 'orc-hadoop3-jar',
    title: 'the same ORC job, Hadoop 3 client JARs (hadoop-client-api + hadoop-client-runtime 3.4.1) in pipeline.jars',
    flink: '2.3.0',
    jars: [`${F}:flink-sql-orc:2.3.0`, ...HADOOP3_CLIENT],
    job: { ddl: [SRC, files('orc')], insert: INSERT },
  },
  {
    id: 'parquet-hadoop3-jar',
    title: 'the same Parquet job, Hadoop 3 client JARs (hadoop-client-api + hadoop-client-runtime 3.4.1) in pipeline.jars',
    flink: '2.3.0',
    jars: [`${F}:flink-sql-parquet:2.3.0`, ...HADOOP3_CLIENT],
    job: { ddl: [SRC, files('parquet')], insert: INSERT },
  },
  // Half of that pair: Hadoop's API classes without the relocated libraries they call.
  {
    id: 'orc-hadoop3-api-only',
    title: 'the same ORC job, hadoop-client-api 3.4.1 alone (without hadoop-client-runtime) in pipeline.jars',
    flink: '2.3.0',
    jars: [`${F}:flink-sql-orc:2.3.0`, HADOOP3_CLIENT[0] as string],
    job: { ddl: [SRC, files('orc')], insert: INSERT },
  },
  // hadoop-common is Hadoop's own module: it holds org.apache.hadoop.conf.Configuration, but not the libraries it needs.
  {
    id: 'orc-hadoop-common-only',
    title: "the same ORC job, hadoop-common 3.4.1 alone (Hadoop's module, without its dependencies) in pipeline.jars",
    flink: '2.3.0',
    jars: [`${F}:flink-sql-orc:2.3.0`, 'org.apache.hadoop:hadoop-common:3.4.1'],
    job: { ddl: [SRC, files('orc')], insert: INSERT },
  },
  {
    id: 'parquet-hadoop-common-only',
    title: "the same Parquet job, hadoop-common 3.4.1 alone (Hadoop's module, without its dependencies) in pipeline.jars",
    flink: '2.3.0',
    jars: [`${F}:flink-sql-parquet:2.3.0`, 'org.apache.hadoop:hadoop-common:3.4.1'],
    job: { ddl: [SRC, files('parquet')], insert: INSERT },
  },
  {
    id: 'parquet-hadoop3-api-only',
    title: 'the same Parquet job, hadoop-client-api 3.4.1 alone (without hadoop-client-runtime) in pipeline.jars',
    flink: '2.3.0',
    jars: [`${F}:flink-sql-parquet:2.3.0`, HADOOP3_CLIENT[0] as string],
    job: { ddl: [SRC, files('parquet')], insert: INSERT },
  },
];

/**
 * Where the doctor and the real job disagree today, and why (measured 2026-12-01). Each names the part of the work
 * its fix belongs to; the test expects the disagreement, so it fails (and this entry must go) once it is fixed.
 */
export const KNOWN: Record<string, string> = {};

export const SETUPS: Setup[] = SETUP_LIST.map((setup) => (KNOWN[setup.id] ? { ...setup, knownDisagreement: KNOWN[setup.id] } : setup));
