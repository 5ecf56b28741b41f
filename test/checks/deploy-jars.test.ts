// deploy.jars: its decision table on deployment facts read from text by the real deploy reader (see
// test/checks/deploy-version.test.ts).
import { describe, expect, it } from 'vitest';
import deployJars from '../../checks/deploy-jars.js';
import { decide } from '../helpers/facts.js';
import { deployFacts, fixtureFacts } from '../helpers/deploy-facts.js';

describe('deploy.jars decisions (fixtures)', () => {
  it("a connector built for 1.19 downloaded into a 1.20 image's lib/ (another minor: a warning, as jars.flink-version says)", async () => {
    const outcome = decide(deployJars, await fixtureFacts('jars-line'));
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toBe(
      '/opt/flink/lib/flink-sql-connector-kafka-3.3.0-1.19.jar (Dockerfile:3) is built for Flink 1.19, the image of Dockerfile:2 runs Flink 1.20 (NoSuchMethodError where an API it calls changed)',
    );
    expect(decide(deployJars, await fixtureFacts('jars-line-ok')).status).toBe('ok');
  });

  it('a FlinkSessionJob submitting flink-python 1.19.3 to a 1.20 session', async () => {
    const outcome = decide(deployJars, await fixtureFacts('session-jar'));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(
      'https://repo1.maven.org/maven2/org/apache/flink/flink-python/1.19.3/flink-python-1.19.3.jar (session.yaml:11) is built for Flink 1.19, the FlinkSessionJob python-session-job runs Flink 1.20 (ClassNotFoundException / NoSuchMethodError)',
    );
    expect(decide(deployJars, await fixtureFacts('session-jar-ok')).status).toBe('ok');
  });

  it("a FlinkDeployment's jarURI of a Python job is a placeholder, not a finding", async () => {
    const outcome = decide(deployJars, await fixtureFacts('manifest-minor-ok'));
    expect(outcome.status).toBe('ok');
    expect(outcome.details?.join('\n')).toContain('jarURI flink-python-1.20.1.jar is a placeholder for a Python job');
  });
});

describe('deploy.jars decisions: more JARs (built from text)', () => {
  it('skipped when the deployment places and submits no JAR; ok when every JAR fits, counted', async () => {
    expect(decide(deployJars, await deployFacts({ Dockerfile: 'FROM flink:2.2.1-java17\n' })).summary).toBe(
      'the deployment files place no JARs and submit none',
    );
    expect(decide(deployJars, await fixtureFacts('jars-line-ok')).summary).toMatch(
      /^the JARs in the deployment are built for its Flink \(\d+ checked\)$/,
    );
  });

  it('flink-python_2.12 on 1.16+ names the new file name; flink-dist of another release is an error', async () => {
    const scala = decide(
      deployJars,
      await deployFacts({ Dockerfile: 'FROM flink:1.20.1-java11\nCOPY flink-python_2.12-1.20.1.jar /opt/flink/lib/\n' }),
    );
    expect(scala.status).toBe('error');
    expect(scala.summary).toBe(
      '/opt/flink/lib/flink-python_2.12-1.20.1.jar (Dockerfile:2): from Flink 1.16 on the Python JAR is flink-python-<version>.jar, without _2.12',
    );
    const dist = decide(
      deployJars,
      await deployFacts({ Dockerfile: 'FROM flink:1.20.1-java11\nCOPY flink-dist-1.19.1.jar /opt/flink/lib/\n' }),
    );
    expect(dist.summary).toBe(
      '/opt/flink/lib/flink-dist-1.19.1.jar (Dockerfile:2) is built for Flink 1.19, the image of Dockerfile:1 runs Flink 1.20 (ClassNotFoundException / NoSuchMethodError)',
    );
    expect(dist.fix).toBe('Use the build of flink-dist for Flink 1.20 in Dockerfile:2');
  });

  it("a connector of another major is an error; JARs outside Flink's folders are not its business", async () => {
    const outcome = decide(
      deployJars,
      await deployFacts({
        Dockerfile:
          'FROM flink:2.2.1-java17\nCOPY flink-sql-connector-kafka-3.3.0-1.20.jar /opt/flink/lib/\nCOPY flink-sql-connector-kafka-3.3.0-1.20.jar /tmp/\n',
      }),
    );
    expect(outcome.status).toBe('error');
    expect(outcome.details?.join('\n')).not.toContain('/tmp/');
  });

  it("the fix names the matrix's build for the image's line: the fat flink-sql-connector-kafka for the thin flink-connector-kafka", async () => {
    const copy = (jar: string) => deployFacts({ Dockerfile: `FROM flink:1.20.1-java17\nCOPY ${jar} /opt/flink/lib/\n` });
    const thin = decide(deployJars, await copy('flink-connector-kafka-3.2.0-1.19.jar'));
    expect(thin.status).toBe('warning');
    expect(thin.fix).toBe('Use org.apache.flink:flink-sql-connector-kafka:3.4.0-1.20, the build for Flink 1.20, in Dockerfile:2');
    const fat = decide(deployJars, await copy('flink-sql-connector-kafka-3.2.0-1.19.jar'));
    expect(fat.fix).toBe(thin.fix);
    const session = decide(deployJars, await fixtureFacts('session-jar'));
    // flink-python is no connector family: the same artifact, built for the line.
    expect(session.fix).toBe('Use the build of flink-python for Flink 1.20 in session.yaml:11');
  });
});
