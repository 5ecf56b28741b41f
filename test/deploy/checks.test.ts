// deploy.* decisions on the deployment fixtures (test/fixtures/deploy, each mismatch with its healthy twin),
// read by the real readers into built facts: no Docker, no Kubernetes, milliseconds per case.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import deployJars from '../../checks/deploy-jars.js';
import deployJava from '../../checks/deploy-java.js';
import deployPython from '../../checks/deploy-python.js';
import deployVersion from '../../checks/deploy-version.js';
import { readDeployment } from '../../src/deploy/read.js';
import type { Facts } from '../../src/facts/index.js';
import { buildFacts, decide, distribution, type FactsOverrides } from '../helpers/facts.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'deploy');

/** Facts for one fixture folder; `wheel` is the client's apache-flink (none when undefined). */
async function factsFor(folder: string, { wheel, python = '3.11.7', ...overrides }: { wheel?: string; python?: string } & FactsOverrides = {}): Promise<Facts> {
  const dir = join(FIXTURES, folder);
  const deploy = await readDeployment(readdirSync(dir).map((name) => ({ path: join(dir, name), found: 'flag' as const })));
  const pyflink = wheel ? { installed: true, flink: distribution('apache-flink', wheel) } : { installed: false, flink: undefined };
  return buildFacts({ deploy, pyflink, python: { version: python }, ...overrides });
}

describe('deploy.version', () => {
  it('FROM flink:1.16.3 with pip apache-flink==1.17.2: another minor, both named with their lines', async () => {
    const outcome = decide(deployVersion, await factsFor('version-minor'));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe('pip apache-flink==1.17.2 (Dockerfile:4) says 1.17.2, image flink:1.16.3-scala_2.12-java11 (Dockerfile:1) says 1.16.3: another Flink minor');
    expect(outcome.fix).toBe('Pin apache-flink==1.16.3 in Dockerfile:4');
    expect(outcome.locations?.map((l) => l.line)).toEqual([4, 1]);
    expect(decide(deployVersion, await factsFor('version-minor-ok')).status).toBe('ok');
  });

  it('the client wheel is one of the statements', async () => {
    const outcome = decide(deployVersion, await factsFor('version-minor-ok', { wheel: '1.20.1' }));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe('the client wheel apache-flink 1.20.1 says 1.20.1, image flink:1.17.2-scala_2.12-java11 (Dockerfile:1) says 1.17.2: another Flink minor');
    expect(outcome.fix).toBe('Install the deployment\'s release in the client: pip install "apache-flink==1.17.2"');
  });

  it('the operator example shape: FROM flink:2.2 pulls 2.2.1 today while pip pins 2.2.0', async () => {
    const outcome = decide(deployVersion, await factsFor('version-patch'));
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toBe('pip apache-flink==2.2.0 (Dockerfile:7) says 2.2.0, image flink:2.2 (Dockerfile:1) pulls 2.2.1 today (newest 2.2 patch flink-doctor knows): another patch');
    expect(outcome.fix).toBe('Pin apache-flink==2.2.1 in Dockerfile:7');
    expect(decide(deployVersion, await factsFor('version-patch-ok', { wheel: '2.2.1' })).status).toBe('ok');
  });

  it('spec.flinkVersion v1_19 with a 1.20 image', async () => {
    const outcome = decide(deployVersion, await factsFor('manifest-minor'));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe('spec.flinkVersion v1_19 (flink-deployment.yaml:7) says 1.19, image flink:1.20.1-java17 (flink-deployment.yaml:6) says 1.20.1: another Flink minor');
    expect(outcome.fix).toBe('Set spec.flinkVersion: v1_20 in flink-deployment.yaml:7');
    expect(decide(deployVersion, await factsFor('manifest-minor-ok')).status).toBe('ok');
  });

  it('flink:latest and an unpinned pip line are warnings; a range that holds the image is fine', async () => {
    const outcome = decide(deployVersion, await factsFor('unpinned'));
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toMatch(/^image flink:latest \(Dockerfile:1\) names no Flink version/);
    expect(outcome.details?.[0]).toMatch(/^pip apache-flink \(Dockerfile:4\) has no version/);
    expect(decide(deployVersion, await factsFor('unpinned-ok')).status).toBe('ok');
  });

  it('no deployment files: skipped', () => {
    expect(decide(deployVersion, buildFacts()).status).toBe('skipped');
  });
});

describe('deploy.java', () => {
  it('a -java17 tag of 1.17 is not published; 1.18 publishes it (experimental there)', async () => {
    const outcome = decide(deployJava, await factsFor('java-unpublished'));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe('image flink:1.17.2-scala_2.12-java17 (Dockerfile:2): flink-docker publishes no Java 17 image of Flink 1.17.2: the pull fails');
    const twin = decide(deployJava, await factsFor('java-unpublished-ok'));
    expect(twin.status).toBe('warning');
    expect(twin.summary).toBe('image flink:1.18.1-scala_2.12-java17 (Dockerfile:1) runs Java 17, experimental on Flink 1.18.1');
  });

  it('FLINK_PROPERTIES replacing env.java.opts.all on Java 17 drops Flink\'s flags', async () => {
    const outcome = decide(deployJava, await factsFor('java-opts'));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toMatch(/^service jobmanager \(docker-compose\.yml:2\) replaces env\.java\.opts\.all in FLINK_PROPERTIES: 19 of Flink's 19 Java 17 flags are gone/);
    expect(decide(deployJava, await factsFor('java-opts-ok')).status).toBe('ok');
  });

  it('a shipped JAR with Java 21 bytecode on a Java 17 image', async () => {
    const jar = { ref: { path: '/p/udf.jar', source: 'pipeline.jars' as const }, alsoFrom: [], notes: [], identity: { path: '/p/udf.jar', source: 'pipeline.jars' as const, kind: 'other' as const, identifiers: [], classMajor: 65 } };
    const outcome = decide(deployJava, await factsFor('java-opts-ok', { jars: { jars: [jar], overlaps: [], durationMs: 0 } }));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe('udf.jar from pipeline.jars holds Java 21 bytecode; image flink:2.2.1-scala_2.12-java17 (docker-compose.yml:3) runs Java 17: UnsupportedClassVersionError');
  });
});

describe('deploy.python', () => {
  it('apt python3 on flink:1.20 is Ubuntu jammy\'s 3.10; the client runs 3.11 (the ibis case)', async () => {
    const outcome = decide(deployPython, await factsFor('python-apt-minor'));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe('the image\'s Python is 3.10 (apt python3 (Dockerfile:3): Python 3.10 on Ubuntu jammy, the base of flink:1.20.1), the client\'s 3.11: cloudpickled UDFs fail on the workers');
    expect(decide(deployPython, await factsFor('python-apt-minor-ok')).status).toBe('ok');
    expect(decide(deployPython, await factsFor('python-apt-minor', { python: '3.10.13' })).status).toBe('ok');
  });

  it('an official image ships no Python', async () => {
    const outcome = decide(deployPython, await factsFor('python-none'));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe('Dockerfile:1 installs apache-flink on flink:2.2.1-scala_2.12-java17, which ships no Python, and installs none: the Python workers cannot start');
    expect(decide(deployPython, await factsFor('python-none-ok', { python: '3.12.1' })).status).toBe('ok');
  });

  it('no `python` command and no python.executable', async () => {
    const outcome = decide(deployPython, await factsFor('python-alias', { python: '3.12.1' }));
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toBe('Dockerfile:1 makes no `python` command and nothing sets python.executable: the workers start `python` ("Cannot run program \\"python\\"")');
    expect(decide(deployPython, await factsFor('python-alias-ok', { python: '3.12.1' })).status).toBe('ok');
  });
});

describe('deploy.jars', () => {
  it('a connector built for 1.19 downloaded into a 1.20 image\'s lib/ (another minor: a warning, as jars.flink-version says)', async () => {
    const outcome = decide(deployJars, await factsFor('jars-line'));
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toBe('/opt/flink/lib/flink-sql-connector-kafka-3.3.0-1.19.jar (Dockerfile:3) is built for Flink 1.19, the image of Dockerfile:2 runs Flink 1.20 (NoSuchMethodError where an API it calls changed)');
    expect(decide(deployJars, await factsFor('jars-line-ok')).status).toBe('ok');
  });

  it('a FlinkSessionJob submitting flink-python 1.19.3 to a 1.20 session', async () => {
    const outcome = decide(deployJars, await factsFor('session-jar'));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe('https://repo1.maven.org/maven2/org/apache/flink/flink-python/1.19.3/flink-python-1.19.3.jar (session.yaml:11) is built for Flink 1.19, the FlinkSessionJob python-session-job runs Flink 1.20 (ClassNotFoundException / NoSuchMethodError)');
    expect(decide(deployJars, await factsFor('session-jar-ok')).status).toBe('ok');
  });

  it('a FlinkDeployment\'s jarURI of a Python job is a placeholder, not a finding', async () => {
    const outcome = decide(deployJars, await factsFor('manifest-minor-ok'));
    expect(outcome.status).toBe('ok');
    expect(outcome.details?.join('\n')).toContain('jarURI flink-python-1.20.1.jar is a placeholder for a Python job');
  });
});
