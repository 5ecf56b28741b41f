// deploy.java: its decision table on deployment facts read from text by the real deploy reader (see
// test/checks/deploy-version.test.ts).
import { describe, expect, it } from 'vitest';
import deployJava from '../../checks/deploy-java.js';
import { buildFacts, decide } from '../helpers/facts.js';
import { deployFacts, fixtureFacts } from '../helpers/deploy-facts.js';

describe('deploy.java decisions (fixtures)', () => {
  it('a -java17 tag of 1.17 is not published; 1.18 publishes it (experimental there)', async () => {
    const outcome = decide(deployJava, await fixtureFacts('java-unpublished'));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(
      'image flink:1.17.2-scala_2.12-java17 (Dockerfile:2): flink-docker publishes no Java 17 image of Flink 1.17.2: the pull fails',
    );
    const twin = decide(deployJava, await fixtureFacts('java-unpublished-ok'));
    expect(twin.status).toBe('warning');
    expect(twin.summary).toBe('image flink:1.18.1-scala_2.12-java17 (Dockerfile:1) runs Java 17, experimental on Flink 1.18.1');
  });

  it("FLINK_PROPERTIES replacing env.java.opts.all on Java 17 drops Flink's flags", async () => {
    const outcome = decide(deployJava, await fixtureFacts('java-opts'));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toMatch(
      /^service jobmanager \(docker-compose\.yml:2\) replaces env\.java\.opts\.all in FLINK_PROPERTIES: 19 of Flink's 19 Java 17 flags are gone/,
    );
    expect(decide(deployJava, await fixtureFacts('java-opts-ok')).status).toBe('ok');
  });

  it('a shipped JAR with Java 21 bytecode on a Java 17 image', async () => {
    const jar = {
      ref: { path: '/p/udf.jar', source: 'pipeline.jars' as const },
      alsoFrom: [],
      notes: [],
      identity: { path: '/p/udf.jar', source: 'pipeline.jars' as const, kind: 'other' as const, identifiers: [], classMajor: 65 },
    };
    const outcome = decide(deployJava, await fixtureFacts('java-opts-ok', { jars: { jars: [jar], overlaps: [], durationMs: 0 } }));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(
      'udf.jar from pipeline.jars holds Java 21 bytecode; image flink:2.2.1-scala_2.12-java17 (docker-compose.yml:3) runs Java 17: UnsupportedClassVersionError',
    );
  });
});

describe('deploy.java decisions: more images (built from text)', () => {
  it('a Java the line does not support; a line flink-doctor has no image knowledge of', async () => {
    const unsupported = decide(deployJava, await deployFacts({ Dockerfile: 'FROM flink:2.0.0-scala_2.12-java21\n' }));
    expect(unsupported.summary).toBe('image flink:2.0.0-scala_2.12-java21 (Dockerfile:1) runs Java 21, experimental on Flink 2.0.0');
    const old = decide(deployJava, await deployFacts({ Dockerfile: 'FROM flink:1.15.4-scala_2.12-java8\n' }));
    expect(old.summary).toBe('image flink:1.15.4-scala_2.12-java8 (Dockerfile:1) runs Java 8, deprecated on Flink 1.15.4');
    expect(old.fix).toBe('Use a -java11 tag in Dockerfile:1, e.g. flink:1.15.4-java11');
  });

  it("a bare tag runs the line's default variant: ok, saying where the Java came from", async () => {
    const outcome = decide(deployJava, await deployFacts({ Dockerfile: 'FROM flink:1.20.1\n' }));
    expect(outcome.status).toBe('ok');
    expect(outcome.summary).toBe('every official image runs a Java its Flink supports');
    expect(outcome.details?.join('\n')).toContain('the default variant of this tag');
  });

  it('skipped without an official image with a version, or without deployment files', async () => {
    expect(decide(deployJava, await deployFacts({ Dockerfile: 'FROM ubuntu:22.04\n' })).summary).toBe(
      'no official Flink image with a version in the deployment files',
    );
    expect(decide(deployJava, buildFacts()).status).toBe('skipped');
  });
});
