// java.runtime: its decisions on built facts (milliseconds), and the java probe against real JDKs (17 always,
// Temurin 25 when present) and fake homes for broken runtimes.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import javaRuntime from '../../checks/java-runtime.js';
import type { JavaFact, TargetFact } from '../../src/facts/index.js';
import { buildFacts, decide } from '../helpers/facts.js';
import { JAVA8_OUTPUT, fakeJavaHome, jdk17, jdk25 } from '../helpers/java.js';
import { isolatedEnv, runCheck } from '../helpers/run-check.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';

/** --flink-version as the target probe reports it. */
function target(flinkVersion: string): TargetFact {
  const minor = flinkVersion.split('.').slice(0, 2).join('.');
  return { flinkVersion, patch: flinkVersion === minor ? null : flinkVersion, minor, source: 'flag', known: true };
}

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

describe('java probe with real JDKs', () => {
  it('JDK 17 on Flink 2.2 is supported (ok) and read from the runtime itself', async () => {
    const result = await runCheck(javaRuntime, { javaHome: jdk17(), flinkVersion: '2.2' });
    expect(result.status).toBe('ok');
    expect(result.summary).toMatch(/^Java 17\.\d+\.\d+.* from --java-home: supported by Flink 2\.2$/);
    expect(result.facts.major).toBe(17);
    expect(result.facts.readFrom).toBe('java -XshowSettings:properties -version');
    expect(result.facts.jdk).toBe(true);
  });

  it('Temurin 25 is read as Java 25 (and so not supported by Flink 2.2)', async (ctx) => {
    const home = jdk25();
    if (!home) {
      console.log('skipped: Temurin 25 JDK not installed (looked in /usr/lib/jvm/temurin-25-jdk-*)');
      ctx.skip();
      return;
    }
    const result = await runCheck(javaRuntime, { javaHome: home, flinkVersion: '2.2.1' });
    expect(result.facts.major).toBe(25);
    expect(result.status).toBe('error');
  });
});

describe('java.runtime discovery order (as pyflink_gateway_server.find_java_executable)', () => {
  it('JAVA_HOME beats java on PATH, and PATH is reported as shadowed', async () => {
    const pathJava = await fakeJavaHome(`echo '${JAVA8_OUTPUT}' >&2`);
    const result = await runCheck(javaRuntime, {
      flinkVersion: '2.2',
      env: isolatedEnv({ JAVA_HOME: jdk17(), PATH: join(pathJava, 'bin') }),
    });
    expect(result.facts.source).toBe('JAVA_HOME');
    expect(result.facts.major).toBe(17);
    expect(result.details.join('\n')).toContain('also present, not used: PATH');
  });

  it('java on PATH is used when JAVA_HOME is unset, and its home comes from java.home', async () => {
    const result = await runCheck(javaRuntime, { flinkVersion: '2.2', env: isolatedEnv({ PATH: join(jdk17(), 'bin') }) });
    expect(result.status).toBe('ok');
    expect(result.facts.source).toBe('PATH');
    expect(result.facts.home).toMatch(/java-17/);
  });

  it('env.java.home in $FLINK_HOME/conf beats JAVA_HOME', async () => {
    const flinkHome = await tempDir('flink-home-');
    await writeFileDeep(join(flinkHome, 'conf', 'config.yaml'), `env:\n  java:\n    home: ${jdk17()}\n`);
    const java8 = await fakeJavaHome(`echo '${JAVA8_OUTPUT}' >&2`);
    const result = await runCheck(javaRuntime, { flinkVersion: '2.2', env: isolatedEnv({ FLINK_HOME: flinkHome, JAVA_HOME: java8 }) });
    expect(result.facts.source).toBe('env.java.home');
    expect(result.facts.major).toBe(17);
    expect(result.status).toBe('ok');
  });

  it('a legacy flink-conf.yaml env.java.home is ignored on Flink 2.x but wins on 1.20', async () => {
    const flinkHome = await tempDir('flink-home-');
    const java8 = await fakeJavaHome(`echo '${JAVA8_OUTPUT}' >&2`);
    await writeFileDeep(join(flinkHome, 'conf', 'flink-conf.yaml'), `# legacy\nenv.java.home: ${java8}\n`);
    await writeFileDeep(join(flinkHome, 'conf', 'config.yaml'), 'taskmanager:\n  numberOfTaskSlots: 1\n');
    const on2x = await runCheck(javaRuntime, { flinkVersion: '2.1', env: isolatedEnv({ FLINK_HOME: flinkHome, JAVA_HOME: jdk17() }) });
    expect(on2x.facts.source).toBe('JAVA_HOME');
    const on120 = await runCheck(javaRuntime, { flinkVersion: '1.20', env: isolatedEnv({ FLINK_HOME: flinkHome, JAVA_HOME: jdk17() }) });
    expect(on120.facts.source).toBe('env.java.home');
    expect(on120.facts.major).toBe(8);
    expect(on120.status).toBe('warning');
    expect(on120.summary).toContain('deprecated on Flink 1.20');
    // JAVA_HOME is ignored while env.java.home is set: the fix must point at the config file.
    expect(on120.fix).toBe(`Use Java 11: install a JDK 11 and set env.java.home in ${join(flinkHome, 'conf', 'flink-conf.yaml')} to it (it wins over JAVA_HOME)`);
  });

  it('--java-home overrides everything', async () => {
    const java8 = await fakeJavaHome(`echo '${JAVA8_OUTPUT}' >&2`);
    const result = await runCheck(javaRuntime, { javaHome: java8, flinkVersion: '2.0', env: isolatedEnv({ JAVA_HOME: jdk17() }) });
    expect(result.facts.source).toBe('--java-home');
    expect(result.status).toBe('error');
    expect(result.summary).toContain('Java 1.8.0_392 (Temurin)');
    expect(result.summary).toContain('not supported by Flink 2.0');
  });
});

describe('java.runtime with broken runtimes gives a clear error, no hang', () => {
  it('no Java anywhere', async () => {
    const result = await runCheck(javaRuntime, { flinkVersion: '2.2' });
    expect(result.status).toBe('error');
    expect(result.summary).toContain('no Java found');
    expect(result.fix).toMatch(/Install a JDK 17/);
  });

  it('JAVA_HOME that points nowhere', async () => {
    const result = await runCheck(javaRuntime, { flinkVersion: '2.2', env: isolatedEnv({ JAVA_HOME: '/nonexistent/jdk-17' }) });
    expect(result.status).toBe('error');
    expect(result.summary).toBe('JAVA_HOME=/nonexistent/jdk-17 points to a directory that does not exist');
  });

  it('a Java home without bin/java', async () => {
    const home = await tempDir('empty-jdk-');
    const result = await runCheck(javaRuntime, { flinkVersion: '2.2', javaHome: home });
    expect(result.status).toBe('error');
    expect(result.summary).toBe(`--java-home=${home} has no bin/java`);
  });

  it('a java that never answers is stopped after the timeout', async () => {
    const home = await fakeJavaHome('exec /bin/sleep 30');
    const started = Date.now();
    const result = await runCheck(javaRuntime, { flinkVersion: '2.2', javaHome: home, processTimeoutMs: 400 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.status).toBe('error');
    expect(result.summary).toContain('did not answer within 400 ms');
  });

  it('a java wrapper script whose hung child holds the pipes is stopped too', async () => {
    const home = await fakeJavaHome('/bin/sleep 30\necho never');
    const started = Date.now();
    const result = await runCheck(javaRuntime, { flinkVersion: '2.2', javaHome: home, processTimeoutMs: 400 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.summary).toContain('did not answer within 400 ms');
  });

  it('a java that prints garbage', async () => {
    const home = await fakeJavaHome('echo "\\x00\\x01 totally not java"; exit 0');
    const result = await runCheck(javaRuntime, { flinkVersion: '2.2', javaHome: home });
    expect(result.status).toBe('error');
    expect(result.summary).toContain('printed no Java version');
  });

  it('a java that crashes, with a release file still naming the version', async () => {
    const home = await fakeJavaHome('echo "Error: could not find libjava.so" >&2; exit 1', 'JAVA_VERSION="17.0.9"\nIMPLEMENTOR="Eclipse Adoptium"\n');
    const result = await runCheck(javaRuntime, { flinkVersion: '2.2', javaHome: home });
    expect(result.status).toBe('error');
    expect(result.summary).toContain('exited with code 1: Error: could not find libjava.so');
    expect(result.facts.version).toBe('17.0.9');
    expect(result.facts.readFrom).toBe(`${home}/release`);
  });

  it('a java binary that is not executable', async () => {
    const home = await tempDir('noexec-jdk-');
    await writeFileDeep(join(home, 'bin', 'java'), 'not a program');
    const result = await runCheck(javaRuntime, { flinkVersion: '2.2', javaHome: home });
    expect(result.status).toBe('error');
    expect(result.summary).toMatch(/not executable|permission denied/i);
  });
});
