// The java probe behind java.runtime against real JDKs (17 always, Temurin 25 when present), the discovery order
// PyFlink uses, and fake homes for broken runtimes, each run through the real check. java.runtime's decision table
// on built facts: test/checks/java-runtime.test.ts.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import javaRuntime from '../../checks/java-runtime.js';
import { JAVA8_OUTPUT, fakeJavaHome, jdk17, jdk25 } from '../helpers/java.js';
import { isolatedEnv, runCheck } from '../helpers/run-check.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';

describe('java probe with real JDKs', () => {
  it('JDK 17 on Flink 2.2 is supported (ok) and read from the runtime itself', async () => {
    const result = await runCheck(javaRuntime, { javaHome: jdk17(), flinkVersion: '2.2' });
    expect(result.status).toBe('ok');
    expect(result.summary).toMatch(/^Java 17\.\d+\.\d+.* from --java-home: supported by Flink 2\.2$/);
    expect(result.facts.major).toBe(17);
    expect(result.facts.readFrom).toBe('java -XshowSettings:properties -version');
    expect(result.facts.jdk).toBe(true);
  });

  it('Temurin 25 is read as Java 25 (and so newer than any Java Flink 2.2 lists: a warning)', async (ctx) => {
    const home = jdk25();
    if (!home) {
      console.log('skipped: Temurin 25 JDK not installed (looked in /usr/lib/jvm/temurin-25-jdk-*)');
      ctx.skip();
      return;
    }
    const result = await runCheck(javaRuntime, { javaHome: home, flinkVersion: '2.2.1' });
    expect(result.facts.major).toBe(25);
    expect(result.status).toBe('warning');
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
    expect(on120.fix).toBe(
      `Use Java 11: install a JDK 11 and set env.java.home in ${join(flinkHome, 'conf', 'flink-conf.yaml')} to it (it wins over JAVA_HOME)`,
    );
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

describe.concurrent('java.runtime with broken runtimes gives a clear error, no hang', () => {
  it('no Java anywhere', async ({ expect }) => {
    const result = await runCheck(javaRuntime, { flinkVersion: '2.2' });
    expect(result.status).toBe('error');
    expect(result.summary).toContain('no Java found');
    expect(result.fix).toMatch(/Install a JDK 17/);
  });

  it('JAVA_HOME that points nowhere', async ({ expect }) => {
    const result = await runCheck(javaRuntime, { flinkVersion: '2.2', env: isolatedEnv({ JAVA_HOME: '/nonexistent/jdk-17' }) });
    expect(result.status).toBe('error');
    expect(result.summary).toBe('JAVA_HOME=/nonexistent/jdk-17 points to a directory that does not exist');
  });

  it('a Java home without bin/java', async ({ expect }) => {
    const home = await tempDir('empty-jdk-');
    const result = await runCheck(javaRuntime, { flinkVersion: '2.2', javaHome: home });
    expect(result.status).toBe('error');
    expect(result.summary).toBe(`--java-home=${home} has no bin/java`);
  });

  it('a java that never answers is stopped after the timeout', async ({ expect }) => {
    const home = await fakeJavaHome('exec /bin/sleep 30');
    const started = Date.now();
    const result = await runCheck(javaRuntime, { flinkVersion: '2.2', javaHome: home, processTimeoutMs: 400 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.status).toBe('error');
    expect(result.summary).toContain('did not answer within 400 ms');
  });

  it('a java wrapper script whose hung child holds the pipes is stopped too', async ({ expect }) => {
    const home = await fakeJavaHome('/bin/sleep 30\necho never');
    const started = Date.now();
    const result = await runCheck(javaRuntime, { flinkVersion: '2.2', javaHome: home, processTimeoutMs: 400 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.summary).toContain('did not answer within 400 ms');
  });

  it('a java that prints garbage', async ({ expect }) => {
    const home = await fakeJavaHome('echo "\\x00\\x01 totally not java"; exit 0');
    const result = await runCheck(javaRuntime, { flinkVersion: '2.2', javaHome: home });
    expect(result.status).toBe('error');
    expect(result.summary).toContain('printed no Java version');
  });

  it('a java that crashes, with a release file still naming the version', async ({ expect }) => {
    const home = await fakeJavaHome(
      'echo "Error: could not find libjava.so" >&2; exit 1',
      'JAVA_VERSION="17.0.9"\nIMPLEMENTOR="Eclipse Adoptium"\n',
    );
    const result = await runCheck(javaRuntime, { flinkVersion: '2.2', javaHome: home });
    expect(result.status).toBe('error');
    expect(result.summary).toContain('exited with code 1: Error: could not find libjava.so');
    expect(result.facts.version).toBe('17.0.9');
    expect(result.facts.readFrom).toBe(`${home}/release`);
  });

  it('a java binary that is not executable', async ({ expect }) => {
    const home = await tempDir('noexec-jdk-');
    await writeFileDeep(join(home, 'bin', 'java'), 'not a program');
    const result = await runCheck(javaRuntime, { flinkVersion: '2.2', javaHome: home });
    expect(result.status).toBe('error');
    expect(result.summary).toMatch(/not executable|permission denied/i);
  });
});
