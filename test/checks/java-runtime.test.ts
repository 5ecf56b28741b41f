// java.runtime: its decision table on built facts. The java probe (real JDKs, PyFlink's discovery order, broken
// runtimes) is tested in test/java/java-runtime.test.ts; Java patch levels that break a line in
// test/knowledge/line-decisions.test.ts.
import { describe, expect, it } from 'vitest';
import javaRuntime from '../../checks/java-runtime.js';
import type { JavaFact, TargetFact } from '../../src/facts/index.js';
import { loadMatrix } from '../../src/knowledge/load-matrix.js';
import { buildFacts, decide, targetOf } from '../helpers/facts.js';

const matrix = loadMatrix();

const target = (flinkVersion: string): TargetFact => targetOf(flinkVersion);

function javaOf(major: number, version: string): Partial<JavaFact> {
  return { version: { major, version, vendor: 'Eclipse Adoptium', readFrom: 'release file' } };
}

describe('java.runtime decisions (built facts)', () => {
  it('supported: Java 17 on Flink 2.2 is ok, naming where it came from', () => {
    const outcome = decide(javaRuntime, buildFacts());
    expect(outcome.status).toBe('ok');
    expect(outcome.summary).toBe(
      'Java 17.0.15 (Eclipse Adoptium) from JAVA_HOME (/usr/lib/jvm/java-17-openjdk-amd64): supported by Flink 2.2',
    );
    expect(outcome.fix ?? null).toBeNull();
    expect(outcome.facts).toMatchObject({ major: 17, source: 'JAVA_HOME', jdk: true });
  });

  it('experimental: Java 21 on Flink 2.2 is a warning whose fix names the recommended Java 17', () => {
    const outcome = decide(javaRuntime, buildFacts({ java: javaOf(21, '21.0.7') }));
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toContain('only experimental on Flink 2.2');
    expect(outcome.fix).toBe('Use Java 17: install a JDK 17 and set JAVA_HOME to it (or env.java.home in the Flink config)');
  });

  it('experimental: Java 17 on Flink 1.20 is a warning whose fix names Java 11', () => {
    const outcome = decide(javaRuntime, buildFacts({ target: target('1.20') }));
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toContain('only experimental on Flink 1.20');
    expect(outcome.fix).toContain('Use Java 11');
  });

  it('deprecated: Java 8 on Flink 1.20 is a warning', () => {
    const outcome = decide(javaRuntime, buildFacts({ java: javaOf(8, '1.8.0_392'), target: target('1.20.1') }));
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toContain('deprecated on Flink 1.20');
    expect(outcome.fix).toContain('Use Java 11');
  });

  it('unsupported, too new: Java 25 on Flink 2.2 is a warning (untested upstream; the real tier ran a UDF job on it)', () => {
    const outcome = decide(javaRuntime, buildFacts({ java: javaOf(25, '25.0.1') }));
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toContain('not supported by Flink 2.2; newer than any Java it lists (21), untested upstream');
    expect(outcome.fix).toContain('Use Java 17');
  });

  it('unsupported, too new for an older line: Java 17 on Flink 1.17 is an error listing what the line wants', () => {
    const outcome = decide(javaRuntime, buildFacts({ target: target('1.17.2') }));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toContain('not supported by Flink 1.17');
    expect(outcome.details?.join('\n')).toContain('expected for Flink 1.17: Java 11');
    expect(outcome.details?.join('\n')).toContain('InaccessibleObjectException');
  });

  it('unsupported, too old: Java 8 on Flink 2.2 is an error that expects UnsupportedClassVersionError', () => {
    const outcome = decide(javaRuntime, buildFacts({ java: javaOf(8, '1.8.0_392') }));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toContain('not supported by Flink 2.2');
    expect(outcome.details).toContain('the Flink JARs need Java 11 or newer: expect UnsupportedClassVersionError');
  });

  it('missing: no Java found is an error whose fix installs the recommended JDK', () => {
    const failure = 'no Java found: JAVA_HOME is unset and no java on PATH';
    const outcome = decide(javaRuntime, buildFacts({ java: { found: false, runs: false, version: undefined, failure } }));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(failure);
    expect(outcome.fix).toBe('Install a JDK 17 (e.g. Eclipse Temurin 17) and set JAVA_HOME to it (or env.java.home in the Flink config)');
  });

  it('broken: a java that runs but reports no version is an error, and the gateway failure is named', () => {
    const outcome = decide(javaRuntime, buildFacts({ java: { runs: false, version: undefined, failure: 'java printed no Java version' } }));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe('java printed no Java version');
    expect(outcome.details).toContain('PyFlink fails with "Java gateway process exited before sending its port number"');
  });

  it('the fix points where PyFlink looks: env.java.home wins over JAVA_HOME, --java-home only changes what is inspected', () => {
    const inConfig = decide(
      javaRuntime,
      buildFacts({
        java: { ...javaOf(8, '1.8.0_392'), provenance: { source: 'env.java.home', detail: '/opt/flink/conf/config.yaml' } },
        target: target('2.2'),
      }),
    );
    expect(inConfig.fix).toBe(
      'Use Java 17: install a JDK 17 and set env.java.home in /opt/flink/conf/config.yaml to it (it wins over JAVA_HOME)',
    );
    const flag = decide(javaRuntime, buildFacts({ java: { ...javaOf(8, '1.8.0_392'), provenance: { source: '--java-home' } } }));
    expect(flag.fix).toContain('pass it as --java-home to check it');
  });

  it('candidates PyFlink would have used next are listed as shadowed', () => {
    const outcome = decide(javaRuntime, buildFacts({ java: { shadowed: [{ source: 'PATH', detail: '/usr/bin/java' }] } }));
    expect(outcome.details).toContain('also present, not used: PATH (/usr/bin/java)');
  });
});

describe('java.runtime decisions: targets the matrix does not know (built facts)', () => {
  it('older than the matrix: found and running is all that is said (skipped), and a missing Java needs a JDK the release supports', () => {
    const outcome = decide(javaRuntime, buildFacts({ target: targetOf('1.13.6', 'wheel') }));
    expect(outcome.status).toBe('skipped');
    expect(outcome.summary).toContain('Flink 1.13.6 is older than the lines flink-doctor knows');
    const missing = decide(
      javaRuntime,
      buildFacts({ target: targetOf('1.13.6', 'wheel'), java: { found: false, runs: false, version: undefined } }),
    );
    expect(missing.status).toBe('error');
    expect(missing.fix).toBe('Install a JDK your Flink release supports and set JAVA_HOME to it (or env.java.home in the Flink config)');
  });
});

// Modelled on the real tier's runs (test-real/corpus.ts): Temurin 25 ran a 1.20.5 job and a 2.2.1 UDF job to the end;
// Java 17 on 1.17.2 failed with InaccessibleObjectException.
describe('a Java newer than the newest the line lists', () => {
  it.each(['1.20.5', '2.2.1'])('Temurin 25 on %s is a warning that says it is untested upstream', (flink) => {
    const outcome = decide(javaRuntime, buildFacts({ target: targetOf(flink), java: javaOf(25, '25.0.3') }));
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toMatch(/not supported by Flink \d\.\d+; newer than any Java it lists \(21\), untested upstream$/);
  });

  it('a non-LTS Java between two the line lists (Java 12 on 1.20) is newer than one it lists: a warning', () => {
    expect(decide(javaRuntime, buildFacts({ target: targetOf('1.20.5', 'wheel'), java: javaOf(12, '12.0.2') })).status).toBe('warning');
  });
});

describe('a Java the line cannot run', () => {
  it('Java 17 on 1.17 is an error with the break on record (no --add-opens list before 1.18)', () => {
    const outcome = decide(javaRuntime, buildFacts({ target: targetOf('1.17.2', 'wheel') }));
    expect(outcome.status).toBe('error');
    expect((outcome.details ?? []).join('\n')).toContain('Flink 1.17 predates Java 17 support (FLINK-15736, 1.18)');
    expect(outcome.sources).toContain('https://issues.apache.org/jira/browse/FLINK-15736');
  });

  it('Java 8 on 2.2 (older than every Java it lists) is an error: UnsupportedClassVersionError', () => {
    const outcome = decide(javaRuntime, buildFacts({ java: javaOf(8, '1.8.0_392') }));
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
