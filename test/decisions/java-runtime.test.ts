// java.runtime decisions on built facts, modelled on the real tier's runs (test-real/corpus.ts): Temurin 25 ran a
// 1.20.5 job and a 2.2.1 Python UDF job to the end (a warning, untested upstream); Java 17 on 1.17.2 failed with
// InaccessibleObjectException, with and without pipeline.jars (an error, the line predates Java 17 support).
import { describe, expect, it } from 'vitest';
import clusterJava from '../../checks/cluster-java.js';
import javaRuntime from '../../checks/java-runtime.js';
import type { JavaFact, TargetFact } from '../../src/facts/index.js';
import { loadMatrix } from '../../src/knowledge/load-matrix.js';
import { buildFacts, decide, JAVA17_FLAGS_22 } from '../helpers/facts.js';

const matrix = loadMatrix();

function target(flinkVersion: string): TargetFact {
  const minor = flinkVersion.split('.').slice(0, 2).join('.');
  return { flinkVersion, patch: flinkVersion, minor, source: 'wheel', known: true };
}

function java(major: number, version: string): Partial<JavaFact> {
  return { version: { major, version, vendor: 'Eclipse Adoptium', readFrom: 'release file' } };
}

describe('a Java newer than the newest the line lists', () => {
  it.each(['1.20.5', '2.2.1'])('Temurin 25 on %s is a warning that says it is untested upstream', (flink) => {
    const outcome = decide(javaRuntime, buildFacts({ target: target(flink), java: java(25, '25.0.3') }));
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toMatch(/not supported by Flink \d\.\d+; newer than any Java it lists \(21\), untested upstream$/);
  });

  it('a non-LTS Java between two the line lists (Java 12 on 1.20) is newer than one it lists: a warning', () => {
    expect(decide(javaRuntime, buildFacts({ target: target('1.20.5'), java: java(12, '12.0.2') })).status).toBe('warning');
  });

  it('the cluster on Java 25 (with Flink\'s --add-opens list) is the same warning in cluster.java', () => {
    const cluster = { status: 'read' as const, flinkVersion: '2.2.1', jvm: { raw: 'OpenJDK 64-Bit Server VM - Eclipse Adoptium - 25/25.0.3+9', major: 25, options: [...JAVA17_FLAGS_22] }, classpath: [], config: {}, gaps: [], notes: [] };
    const outcome = decide(clusterJava, buildFacts({ cluster }));
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toContain('newer than any Java Flink 2.2.1 lists: untested upstream');
  });
});

describe('a Java the line cannot run', () => {
  it('Java 17 on 1.17 is an error with the break on record (no --add-opens list before 1.18)', () => {
    const outcome = decide(javaRuntime, buildFacts({ target: target('1.17.2') }));
    expect(outcome.status).toBe('error');
    expect((outcome.details ?? []).join('\n')).toContain('Flink 1.17 predates Java 17 support (FLINK-15736, 1.18)');
    expect(outcome.sources).toContain('https://issues.apache.org/jira/browse/FLINK-15736');
  });

  it('Java 8 on 2.2 (older than every Java it lists) is an error: UnsupportedClassVersionError', () => {
    const outcome = decide(javaRuntime, buildFacts({ java: java(8, '1.8.0_392') }));
    expect(outcome.status).toBe('error');
    expect(outcome.details).toContain('the Flink JARs need Java 11 or newer: expect UnsupportedClassVersionError');
  });

  it('places each unlisted Java the same way for every check (Matrix.unlistedJava)', () => {
    expect(matrix.unlistedJava('2.2', 25)).toEqual({ kind: 'newer', newest: 21 });
    expect(matrix.unlistedJava('2.2', 8)).toEqual({ kind: 'older', oldest: 11 });
    expect(matrix.unlistedJava('1.16', 21)?.kind).toBe('unusable');
    expect(matrix.unlistedJava('2.2', 17)).toBeUndefined();
  });
});
