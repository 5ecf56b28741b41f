// java.runtime: its decision table on built facts. The java probe (real JDKs, PyFlink's discovery order, broken
// runtimes) is tested in test/java/java-runtime.test.ts; Java patch levels that break a line in
// test/knowledge/line-decisions.test.ts.
import { describe, expect, it } from 'vitest';
import javaRuntime from '../../checks/java-runtime.js';
import type { JavaFact, TargetFact } from '../../src/facts/index.js';
import { buildFacts, decide, targetOf } from '../helpers/facts.js';

const target = (flinkVersion: string): TargetFact => targetOf(flinkVersion);

function javaOf(major: number, version: string): Partial<JavaFact> {
  return { version: { major, version, vendor: 'Eclipse Adoptium', readFrom: 'release file' } };
}

describe('java.runtime decisions (built facts)', () => {
  it('supported: Java 17 on Flink 2.2 is ok, naming where it came from', () => {
    const outcome = decide(javaRuntime, buildFacts());
    expect(outcome.status).toBe('ok');
    expect(outcome.summary).toBe('Java 17.0.15 (Eclipse Adoptium) from JAVA_HOME (/usr/lib/jvm/java-17-openjdk-amd64): supported by Flink 2.2');
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

  it('unsupported, too new: Java 25 on Flink 2.2 is an error that expects start-up failures', () => {
    const outcome = decide(javaRuntime, buildFacts({ java: javaOf(25, '25.0.1') }));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toContain('not supported by Flink 2.2');
    expect(outcome.details).toContain('expect UnsupportedClassVersionError or module-access errors at start-up');
    expect(outcome.fix).toContain('Use Java 17');
  });

  it('unsupported, too new for an older line: Java 17 on Flink 1.17 is an error listing what the line wants', () => {
    const outcome = decide(javaRuntime, buildFacts({ target: target('1.17.2') }));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toContain('not supported by Flink 1.17');
    expect(outcome.details?.join('\n')).toContain('expected for Flink 1.17: Java 11');
  });

  it('unsupported, too old: Java 8 on Flink 2.2 is an error that expects UnsupportedClassVersionError', () => {
    const outcome = decide(javaRuntime, buildFacts({ java: javaOf(8, '1.8.0_392') }));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toContain('not supported by Flink 2.2');
    expect(outcome.details).toContain('the Flink JARs need a newer Java: expect UnsupportedClassVersionError');
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
    const inConfig = decide(javaRuntime, buildFacts({ java: { ...javaOf(8, '1.8.0_392'), provenance: { source: 'env.java.home', detail: '/opt/flink/conf/config.yaml' } }, target: target('2.2') }));
    expect(inConfig.fix).toBe('Use Java 17: install a JDK 17 and set env.java.home in /opt/flink/conf/config.yaml to it (it wins over JAVA_HOME)');
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
    const missing = decide(javaRuntime, buildFacts({ target: targetOf('1.13.6', 'wheel'), java: { found: false, runs: false, version: undefined } }));
    expect(missing.status).toBe('error');
    expect(missing.fix).toBe('Install a JDK your Flink release supports and set JAVA_HOME to it (or env.java.home in the Flink config)');
  });
});
