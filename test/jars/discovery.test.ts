// Discovery from the distribution: $FLINK_HOME/lib (and only opt/flink-python*.jar) joins what the job sees;
// overlaps between the distribution's own JARs are Flink's business, overlaps with the user's JARs are not.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import jarsConflicts from '../../checks/jars-conflicts.js';
import jarsReadable from '../../checks/jars-readable.js';
import jobConnectors from '../../checks/job-connectors.js';
import { compiledClass, fatKafkaJar, kafkaClientsJar, manifest } from '../helpers/jars.js';
import { isolatedEnv, runCheck } from '../helpers/run-check.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';
import { writeZip } from '../helpers/zip.js';

let home: string;
beforeAll(async () => {
  home = await tempDir('flink-home-jars-');
  const bytes = await compiledClass(11);
  await writeFileDeep(join(home, 'lib', 'README'), 'lib/ of a Flink distribution');
  await writeFileDeep(join(home, 'opt', 'README'), 'opt/ of a Flink distribution');
  await writeZip(join(home, 'lib', 'flink-json-1.20.1.jar'), [
    {
      name: 'META-INF/MANIFEST.MF',
      data: manifest({ 'Implementation-Version': '1.20.1', 'Implementation-Vendor-Id': 'org.apache.flink' }),
    },
    { name: 'META-INF/NOTICE', data: 'flink-json\n' },
    { name: 'META-INF/services/org.apache.flink.table.factories.Factory', data: 'org.apache.flink.formats.json.JsonFormatFactory\n' },
    { name: 'org/apache/flink/formats/json/JsonFormatFactory.class', data: bytes },
  ]);
  await fatKafkaJar(join(home, 'lib', 'flink-sql-connector-kafka-3.3.0-1.20.jar'));
  await kafkaClientsJar(join(home, 'lib', 'kafka-clients-3.4.0.jar'));
  await writeZip(join(home, 'opt', 'flink-python-1.20.1.jar'), [{ name: 'org/apache/flink/python/PythonOptions.class', data: bytes }]);
  // Not on the classpath: opt/ beyond flink-python is never scanned (this one is not even a zip).
  await writeFileDeep(join(home, 'opt', 'flink-sql-client-1.20.1.jar'), 'not a zip');
});

const env = () => isolatedEnv({ FLINK_HOME: home });

describe('$FLINK_HOME discovery', () => {
  it('scans lib/*.jar and opt/flink-python*.jar only', async () => {
    const result = await runCheck(jarsReadable, { env: env() });
    expect(result.status).toBe('ok');
    expect(result.summary).toBe('4 JARs readable');
    expect(result.details.join('\n')).toContain('flink-python-1.20.1.jar from $FLINK_HOME/opt');
  });

  it('counts what lib/ provides for the job', async () => {
    const job = await writeFileDeep(
      join(home, 'job.py'),
      "t.execute_sql(\"CREATE TABLE s (a INT) WITH ('connector' = 'kafka', 'format' = 'json')\")\n",
    );
    const result = await runCheck(jobConnectors, { env: env(), job: [job], flinkVersion: '1.20.1' });
    expect(result.status).toBe('ok');
    expect(result.details.join('\n')).toContain(`provided by ${join(home, 'lib', 'flink-sql-connector-kafka-3.3.0-1.20.jar')}`);
  });

  it('flags a second kafka-clients passed with --jars next to the one in lib/', async () => {
    const extra = await kafkaClientsJar(join(await tempDir('extra-'), 'kafka-clients-3.2.3.jar'), '3.2.3');
    expect((await runCheck(jarsConflicts, { env: env() })).status).toBe('ok');
    const result = await runCheck(jarsConflicts, { env: env(), jars: [extra] });
    expect(result.status).toBe('warning');
    // One finding: the artifact in two versions (their shared classes are not reported a second time).
    expect(result.summary).toBe(
      `org.apache.kafka:kafka-clients in 2 versions: kafka-clients-3.2.3.jar from --jars; kafka-clients-3.4.0.jar from $FLINK_HOME/lib: the JVM loads each class from the first of them on the classpath and never uses the other`,
    );
    expect(result.fix).toBe('Remove kafka-clients-3.2.3.jar from --jars; keep kafka-clients-3.4.0.jar from $FLINK_HOME/lib');
  });
});
