// jars.thin: its decision table on built facts. Telling a thin JAR from the fat one by what is inside it:
// test/jars/identify.test.ts; the check on real JARs: test/jars/checks.test.ts.
import { describe, expect, it } from 'vitest';
import jarsThin from '../../checks/jars-thin.js';
import type { JobFact, ScannedJar } from '../../src/facts/index.js';
import { emptyNeeds } from '../../src/job/model.js';
import { buildFacts, decide, fatKafka, kafkaClients, scannedJar, targetOf, thinAvro, thinKafkaJar } from '../helpers/facts.js';

const CENTRAL = 'https://repo1.maven.org/maven2';
const thinKafka = thinKafkaJar();
const judge = (
  jars: ScannedJar[],
  target = targetOf('1.20'),
  repository = CENTRAL,
  extra: { job?: JobFact; env?: Record<string, string> } = {},
) =>
  decide(
    jarsThin,
    buildFacts({
      jars: { jars, overlaps: [], durationMs: 0, ...(extra.env ? { classpathEnv: extra.env } : {}) },
      target,
      repository: { url: repository, source: 'Maven Central', problems: [] },
      ...(extra.job ? { job: extra.job } : {}),
    }),
  );

// Modelled on the real JARs the real tier runs (test-real/corpus.ts), their packages as the jars probe lists them.
const G = 'org.apache.flink';
/** flink-sql-connector-mysql-cdc (org.apache.flink) at `version`: since 3.1 without com/mysql/ classes. */
const mysqlCdc = (version: string) =>
  scannedJar(
    `flink-sql-connector-mysql-cdc-${version}.jar`,
    { groupId: G, artifactId: 'flink-sql-connector-mysql-cdc', version, kind: 'fat', identifiers: ['mysql-cdc'] },
    { family: 'mysql-cdc', role: 'fat', packages: ['org/apache/flink/cdc/connectors/mysql/table'] },
  );
const mysqlDriver = scannedJar(
  'mysql-connector-j-8.4.0.jar',
  { groupId: 'com.mysql', artifactId: 'mysql-connector-j', version: '8.4.0' },
  { packages: ['com/mysql/cj/jdbc', 'com/mysql/cj/protocol'], jdbcDrivers: ['com.mysql.cj.jdbc.Driver'] },
);
const jdbcCore = scannedJar(
  'flink-connector-jdbc-core-4.0.0-2.0.jar',
  { groupId: G, artifactId: 'flink-connector-jdbc-core', version: '4.0.0-2.0', flinkLine: '2.0', kind: 'thin', identifiers: ['jdbc'] },
  {
    family: 'jdbc',
    role: 'thin',
    packages: ['org/apache/flink/connector/jdbc/core/table', 'org/apache/flink/connector/jdbc/derby/database'],
  },
);
const postgresDialect = scannedJar(
  'flink-connector-jdbc-postgres-4.0.0-2.0.jar',
  { groupId: G, artifactId: 'flink-connector-jdbc-postgres', version: '4.0.0-2.0', flinkLine: '2.0', kind: 'thin' },
  { family: 'jdbc', role: 'thin', packages: ['org/apache/flink/connector/jdbc/postgres/database/dialect'] },
);
// Modelled on the real flink-connector-jdbc-oracle / -cratedb 3.3.0-1.20 JARs: classes only under their own package.
const oracleDialect = scannedJar(
  'flink-connector-jdbc-oracle-4.0.0-2.0.jar',
  { groupId: G, artifactId: 'flink-connector-jdbc-oracle', version: '4.0.0-2.0', flinkLine: '2.0', kind: 'thin' },
  { family: 'jdbc', role: 'thin', packages: ['org/apache/flink/connector/jdbc/oracle/database/dialect'] },
);
const crateDialect = scannedJar(
  'flink-connector-jdbc-cratedb-4.0.0-2.0.jar',
  { groupId: G, artifactId: 'flink-connector-jdbc-cratedb', version: '4.0.0-2.0', flinkLine: '2.0', kind: 'thin' },
  { family: 'jdbc', role: 'thin', packages: ['org/apache/flink/connector/jdbc/cratedb/database/dialect'] },
);
const parquet = scannedJar(
  'flink-sql-parquet-2.3.0.jar',
  { groupId: G, artifactId: 'flink-sql-parquet', version: '2.3.0', flinkLine: '2.3', kind: 'format', identifiers: ['parquet'] },
  { family: 'parquet', role: 'fat', packages: ['org/apache/flink/formats/parquet', 'org/apache/parquet/hadoop'] },
);
const hadoopCommon = scannedJar(
  'hadoop-common-3.3.6.jar',
  { groupId: 'org.apache.hadoop', artifactId: 'hadoop-common', version: '3.3.6' },
  { packages: ['org/apache/hadoop/conf', 'org/apache/hadoop/fs'] },
);
// Hadoop 3's shaded client as the real 3.4.1 JARs are laid out: the API unshaded, its dependencies relocated under
// org/apache/hadoop/shaded/ in the runtime (read from the JARs the real tier downloads).
const hadoopClientApi = scannedJar(
  'hadoop-client-api-3.4.1.jar',
  { groupId: 'org.apache.hadoop', artifactId: 'hadoop-client-api', version: '3.4.1' },
  { packages: ['org/apache/hadoop/conf', 'org/apache/hadoop/fs', 'org/apache/hadoop/io'] },
);
const hadoopClientRuntime = scannedJar(
  'hadoop-client-runtime-3.4.1.jar',
  { groupId: 'org.apache.hadoop', artifactId: 'hadoop-client-runtime', version: '3.4.1' },
  { packages: ['org/apache/hadoop/shaded/com/ctc/wstx/io', 'org/apache/hadoop/thirdparty/com/google/common/base'] },
);
/** A job whose JDBC table's URL is jdbc:<scheme>:… */
const jdbcJob = (scheme: string): JobFact => {
  const needs = { ...emptyNeeds(), files: ['/work/job.py'] };
  needs.drivers.push({ file: '/work/job.py', line: 20, scheme, via: `'url' = 'jdbc:${scheme}://127.0.0.1:9/shop'` });
  return { files: ['/work/job.py'], needs };
};

describe('jars.thin decisions (built facts)', () => {
  it('error: the thin Kafka connector and no JAR with kafka-clients: NoClassDefFoundError; the fix names the fat JAR and its URL', () => {
    const outcome = judge([thinKafka]);
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(
      'flink-connector-kafka-3.3.0-1.20.jar from --jars is the thin Apache Kafka connector and no JAR provides org.apache.kafka:kafka-clients (org/apache/kafka/clients/): NoClassDefFoundError at runtime',
    );
    expect(outcome.fix).toBe(
      `Replace flink-connector-kafka-3.3.0-1.20.jar from --jars with org.apache.flink:flink-sql-connector-kafka:3.4.0-1.20 (${CENTRAL}/org/apache/flink/flink-sql-connector-kafka/3.4.0-1.20/flink-sql-connector-kafka-3.4.0-1.20.jar)`,
    );
    expect(outcome.locations).toEqual([{ path: thinKafka.ref.path }]);
    // One finding is the summary: an "error: …" detail repeating it read as a second cause in the human output.
    expect(outcome.details ?? []).toEqual([]);
  });

  it('ok: the thin JAR shipped with its kafka-clients, or the fat JAR alone', () => {
    expect(judge([thinKafka, kafkaClients]).status).toBe('ok');
    expect(judge([fatKafka()]).summary).toBe('no thin connector JARs');
  });

  it('warning: a thin artifact with no known dependency to look for (flink-avro): PyFlink wants the flink-sql- one', () => {
    const outcome = judge([thinAvro]);
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toBe(
      'flink-avro-1.20.1.jar from --jars is the thin Avro artifact: it needs its dependencies on the classpath; PyFlink wants flink-sql-avro',
    );
  });

  it("a minor-only target names the newest known patch; the URL follows the run's repository", () => {
    const outcome = judge([thinAvro], targetOf('1.15'), 'https://nexus.example.com/repository/central');
    expect(outcome.fix).toBe(
      'Replace flink-avro-1.20.1.jar from --jars with org.apache.flink:flink-sql-avro:1.15.4 (https://nexus.example.com/repository/central/org/apache/flink/flink-sql-avro/1.15.4/flink-sql-avro-1.15.4.jar)',
    );
  });

  it('several thin JARs: counted, errors first in status', () => {
    const outcome = judge([thinKafka, thinAvro]);
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe('2 JARs without classes they need from elsewhere');
    expect(outcome.details?.map((d) => d.split(':')[0])).toEqual(['error', 'warning']);
  });

  it('error: MySQL CDC 3.1+ without a MySQL driver (mysql-cdc-no-driver); 3.0.x bundled it; the driver next to it is ok', () => {
    const outcome = judge([mysqlCdc('3.5.0')], targetOf('1.20'));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(
      'flink-sql-connector-mysql-cdc-3.5.0.jar from --jars needs a MySQL JDBC driver, which it does not bundle, and no JAR provides it (com/mysql/cj/jdbc/, com/mysql/jdbc/): NoClassDefFoundError: com/mysql/cj/jdbc/Driver while planning',
    );
    expect(outcome.fix).toBe(
      `Add com.mysql:mysql-connector-j:8.4.0 (${CENTRAL}/com/mysql/mysql-connector-j/8.4.0/mysql-connector-j-8.4.0.jar) next to flink-sql-connector-mysql-cdc-3.5.0.jar from --jars (pipeline.jars or --jars)`,
    );
    expect(outcome.sources?.join(' ')).toContain('flink-cdc');
    expect(judge([mysqlCdc('3.0.1')]).status).toBe('ok');
    const withDriver = judge([mysqlCdc('3.5.0'), mysqlDriver]);
    expect(withDriver.status).toBe('ok');
    expect(withDriver.details).toEqual([
      'flink-sql-connector-mysql-cdc-3.5.0.jar from --jars needs a MySQL JDBC driver: provided by mysql-connector-j-8.4.0.jar from --jars',
    ]);
  });

  it("error: flink-connector-jdbc-core (3.3+, 4.x) without the dialect module of the job's database (jdbc4-no-dialect); the fix is the module of the same release", () => {
    const outcome = judge([jdbcCore], targetOf('2.0'), CENTRAL, { job: jdbcJob('postgresql') });
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(
      "flink-connector-jdbc-core-4.0.0-2.0.jar from --jars needs the JDBC dialect module for jdbc:postgresql: URLs, which it does not bundle, and no JAR provides it (org/apache/flink/connector/jdbc/postgres/): planning fails: no JDBC dialect for 'jdbc:postgresql:…' (flink-connector-jdbc-core bundles only Derby's)",
    );
    expect(outcome.fix).toBe(
      `Add org.apache.flink:flink-connector-jdbc-postgres:4.0.0-2.0 (${CENTRAL}/org/apache/flink/flink-connector-jdbc-postgres/4.0.0-2.0/flink-connector-jdbc-postgres-4.0.0-2.0.jar) next to flink-connector-jdbc-core-4.0.0-2.0.jar from --jars (pipeline.jars or --jars)`,
    );
    expect(judge([jdbcCore, postgresDialect], targetOf('2.0'), CENTRAL, { job: jdbcJob('postgresql') }).status).toBe('ok');
    // Without a job (or for a database whose module the matrix does not list) the database is unknown: no finding.
    expect(judge([jdbcCore], targetOf('2.0')).status).toBe('ok');
    expect(judge([jdbcCore], targetOf('2.0'), CENTRAL, { job: jdbcJob('clickhouse') }).status).toBe('ok');
  });

  it('error: the same for each dialect module of flink-connector-jdbc (jdbc3-oracle-no-dialect); CrateDB also needs the postgres module', () => {
    const oracle = judge([jdbcCore], targetOf('2.0'), CENTRAL, { job: jdbcJob('oracle') });
    expect(oracle.status).toBe('error');
    expect(oracle.fix).toContain('Add org.apache.flink:flink-connector-jdbc-oracle:4.0.0-2.0 (');
    expect(judge([jdbcCore, oracleDialect], targetOf('2.0'), CENTRAL, { job: jdbcJob('oracle') }).status).toBe('ok');
    // CrateDBDialect extends the postgres module's CompatiblePostgresDialect, which the cratedb JAR does not bundle.
    const crate = judge([jdbcCore, crateDialect], targetOf('2.0'), CENTRAL, { job: jdbcJob('crate') });
    expect(crate.status).toBe('error');
    expect(crate.summary).toContain('needs the PostgreSQL dialect module the CrateDB dialect extends');
    expect(crate.fix).toContain('Add org.apache.flink:flink-connector-jdbc-postgres:4.0.0-2.0 (');
    expect(judge([jdbcCore, crateDialect, postgresDialect], targetOf('2.0'), CENTRAL, { job: jdbcJob('crate') }).status).toBe('ok');
  });

  it("error: the Iceberg runtime sees Hadoop only on the JVM's classpath (iceberg-catalog-hadoop): a Hadoop JAR the job adds is not enough", () => {
    // Modelled on the real iceberg-flink-runtime-1.20 1.11.0: no class under org/apache/hadoop/.
    const iceberg = scannedJar(
      'iceberg-flink-runtime-1.20-1.11.0.jar',
      { groupId: 'org.apache.iceberg', artifactId: 'iceberg-flink-runtime-1.20', version: '1.11.0', identifiers: ['iceberg'] },
      { family: 'iceberg', role: 'fat', packages: ['org/apache/iceberg/flink', 'org/apache/iceberg/shaded/com/github'] },
    );
    const added = judge([iceberg, hadoopCommon]);
    expect(added.status).toBe('error');
    expect(added.summary).toContain(
      "(hadoop-common-3.3.6.jar from --jars holds them, but iceberg-flink-runtime-1.20-1.11.0.jar from --jars loads them only from the JVM's classpath: a JAR in pipeline.jars is not enough)",
    );
    expect(added.fix).toContain('export HADOOP_CLASSPATH=$(hadoop classpath)');
    // HADOOP_CLASSPATH, or Hadoop in the distribution's lib/ (the JVM's classpath), meets it.
    expect(judge([iceberg], targetOf('1.20'), CENTRAL, { env: { HADOOP_CLASSPATH: '/opt/hadoop/common/*' } }).status).toBe('ok');
    const inLib = { ...hadoopCommon, ref: { ...hadoopCommon.ref, source: '$FLINK_HOME/lib' as const } };
    expect(judge([iceberg, inLib]).status).toBe('ok');
    // Paimon's catalog does take it from pipeline.jars (paimon-catalog-hadoop ran).
    const paimon = scannedJar(
      'paimon-flink-1.20-1.3.1.jar',
      { groupId: 'org.apache.paimon', artifactId: 'paimon-flink-1.20', version: '1.3.1', identifiers: ['paimon'] },
      { family: 'paimon', role: 'fat', packages: ['org/apache/paimon/flink'] },
    );
    expect(judge([paimon]).status).toBe('error');
    expect(judge([paimon, hadoopCommon]).status).toBe('ok');
    // Hadoop 3's client pair ran too (paimon-catalog-hadoop3-jar); the API JAR alone did not (…-api-only).
    expect(judge([paimon]).fix).toContain("or Hadoop 3's client JARs org.apache.hadoop:hadoop-client-api:3.4.1 (");
    expect(judge([paimon, hadoopClientApi, hadoopClientRuntime]).status).toBe('ok');
    expect(judge([paimon, hadoopClientApi]).summary).toContain(
      'needs hadoop-client-runtime, the relocated libraries hadoop-client-api calls',
    );
  });

  it('error: flink-sql-parquet with no Hadoop classes and no HADOOP_CLASSPATH (parquet-no-hadoop); either one is enough', () => {
    const outcome = judge([parquet], targetOf('2.3'));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(
      'flink-sql-parquet-2.3.0.jar from --jars needs Hadoop, which it does not bundle, and no JAR provides it (org/apache/hadoop/conf/; HADOOP_CLASSPATH is not set): NoClassDefFoundError: org/apache/hadoop/conf/Configuration while planning',
    );
    expect(outcome.fix).toContain('export HADOOP_CLASSPATH=$(hadoop classpath)');
    // Both ways the fix names were followed in the real tier (parquet-hadoop-classpath, parquet-hadoop-jar): the JAR
    // it names has its URL in the run's repository.
    const nexus = 'https://nexus.example.com/repository/central';
    expect(judge([parquet], targetOf('2.3'), nexus).fix).toContain(
      `or add org.apache.flink:flink-shaded-hadoop-2-uber:2.8.3-10.0 (${nexus}/org/apache/flink/flink-shaded-hadoop-2-uber/2.8.3-10.0/flink-shaded-hadoop-2-uber-2.8.3-10.0.jar), Hadoop and its dependencies in one JAR, to pipeline.jars`,
    );
    // Hadoop 3's client pair, followed in the real tier too (parquet-hadoop3-jar): both named, each with its URL.
    const url = (a: string) => `${nexus}/org/apache/hadoop/${a}/3.4.1/${a}-3.4.1.jar`;
    expect(judge([parquet], targetOf('2.3'), nexus).fix).toContain(
      `or Hadoop 3's client JARs org.apache.hadoop:hadoop-client-api:3.4.1 (${url('hadoop-client-api')}) and org.apache.hadoop:hadoop-client-runtime:3.4.1 (${url('hadoop-client-runtime')}) (both: the API and the libraries it calls) to pipeline.jars`,
    );
    const env = judge([parquet], targetOf('2.3'), CENTRAL, { env: { HADOOP_CLASSPATH: '/opt/hadoop/share/hadoop/common/*' } });
    expect(env.status).toBe('ok');
    expect(env.details).toEqual([
      'flink-sql-parquet-2.3.0.jar from --jars needs Hadoop: HADOOP_CLASSPATH is set (PyFlink adds it to the classpath)',
    ]);
  });

  it('error: hadoop-client-api alone meets "Hadoop" on its face, but calls the relocated libraries of hadoop-client-runtime (parquet-hadoop3-api-only)', () => {
    const outcome = judge([parquet, hadoopClientApi], targetOf('2.3'));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(
      'flink-sql-parquet-2.3.0.jar from --jars needs hadoop-client-runtime, the relocated libraries hadoop-client-api calls, which it does not bundle, and no JAR provides it (org/apache/hadoop/shaded/): ' +
        "NoClassDefFoundError: org/apache/hadoop/shaded/com/ctc/wstx/io/InputBootstrapper while planning (hadoop-client-api's Configuration calls the relocated Woodstox parser)",
    );
    // The runtime of the API JAR's own version.
    expect(outcome.fix).toBe(
      `Add org.apache.hadoop:hadoop-client-runtime:3.4.1 (${CENTRAL}/org/apache/hadoop/hadoop-client-runtime/3.4.1/hadoop-client-runtime-3.4.1.jar) next to flink-sql-parquet-2.3.0.jar from --jars (pipeline.jars or --jars)`,
    );
    // The pair (parquet-hadoop3-jar ran), or the runtime named by the job but absent here, is enough.
    expect(judge([parquet, hadoopClientApi, hadoopClientRuntime], targetOf('2.3')).status).toBe('ok');
    const job: JobFact = { files: ['/work/job.py'], needs: { ...emptyNeeds(), files: ['/work/job.py'] } };
    job.needs?.jars.push({
      file: '/work/job.py',
      line: 9,
      kind: 'pipeline.jars',
      value: 'file:///opt/jars/hadoop-client-runtime-3.4.1.jar',
      known: true,
      fileName: 'hadoop-client-runtime-3.4.1.jar',
    });
    expect(judge([parquet, hadoopClientApi], targetOf('2.3'), CENTRAL, { job }).status).toBe('ok');
    // The runtime alone has no org/apache/hadoop/conf/: Hadoop itself is missing.
    expect(judge([parquet, hadoopClientRuntime], targetOf('2.3')).summary).toContain('needs Hadoop, which it does not bundle');
  });

  it('error: hadoop-common alone holds Configuration but not the libraries it calls (orc/parquet-hadoop-common-only); with them, ok', () => {
    const outcome = judge([parquet, hadoopCommon], targetOf('2.3'));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(
      "flink-sql-parquet-2.3.0.jar from --jars needs the libraries hadoop-common calls (Woodstox, commons-configuration2, Hadoop's relocated Guava and a dozen more), which it does not bundle, and no JAR provides it (com/ctc/wstx/): " +
        "NoClassDefFoundError: com/ctc/wstx/io/InputBootstrapper while planning (hadoop-common's Configuration parses XML with Woodstox)",
    );
    // No one JAR completes hadoop-common: the fix replaces it with a self-contained Hadoop, each JAR with its URL.
    expect(outcome.fix).toContain(
      'hadoop-common is one module of Hadoop, not a self-contained one: replace it in pipeline.jars with org.apache.flink:flink-shaded-hadoop-2-uber:2.8.3-10.0 (',
    );
    expect(outcome.fix).toContain(
      `org.apache.hadoop:hadoop-client-runtime:3.4.1 (${CENTRAL}/org/apache/hadoop/hadoop-client-runtime/3.4.1/`,
    );
    // Its dependencies next to it (a Hadoop install's jars, here Woodstox standing for them), or HADOOP_CLASSPATH: ok.
    const woodstox = scannedJar(
      'woodstox-core-6.5.1.jar',
      { groupId: 'com.fasterxml.woodstox', artifactId: 'woodstox-core', version: '6.5.1' },
      { packages: ['com/ctc/wstx/io'] },
    );
    expect(judge([parquet, hadoopCommon, woodstox], targetOf('2.3')).status).toBe('ok');
    expect(judge([parquet], targetOf('2.3'), CENTRAL, { env: { HADOOP_CLASSPATH: '/opt/hadoop/etc/hadoop' } }).status).toBe('ok');
  });

  it('a needed JAR the job names that is not on this machine counts by its file name (no second finding)', () => {
    const job: JobFact = { files: ['/work/job.py'], needs: { ...emptyNeeds(), files: ['/work/job.py'] } };
    job.needs?.jars.push({
      file: '/work/job.py',
      line: 9,
      kind: 'pipeline.jars',
      value: 'file:///opt/flink/lib/mysql-connector-j-8.4.0.jar',
      known: true,
      fileName: 'mysql-connector-j-8.4.0.jar',
    });
    expect(judge([mysqlCdc('3.5.0')], targetOf('1.20'), CENTRAL, { job }).status).toBe('ok');
  });

  it("never the distribution's own thin format JARs (flink-json in lib/); skipped without readable JARs or for an old target", () => {
    const libJson = scannedJar(
      '/opt/flink/lib/flink-json-1.20.1.jar',
      { groupId: 'org.apache.flink', artifactId: 'flink-json', version: '1.20.1', kind: 'format' },
      { family: 'json', role: 'thin' },
      '$FLINK_HOME/lib',
    );
    expect(judge([libJson]).status).toBe('ok');
    expect(judge([]).summary).toBe('no readable JARs');
    expect(judge([thinKafka], targetOf('1.13.6')).status).toBe('skipped');
  });
});
