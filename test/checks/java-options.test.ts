// java.options: its decision table on built facts (Java 17, Flink 2.2, the wheel's config.yaml carrying Flink's
// list). The jvm-options probe (env.java.*opts* from real config files, FLINK_ENV_JAVA_OPTS, JVM_ARGS) is tested in
// test/flink/jvm-options.test.ts.
import { describe, expect, it } from 'vitest';
import javaOptions from '../../checks/java-options.js';
import type { JvmOptionsFact } from '../../src/facts/index.js';
import { buildFacts, decide, JAVA17_FLAGS_22, PYFLINK_DIR, targetOf, type FactsOverrides } from '../helpers/facts.js';

const CONF = `${PYFLINK_DIR}/conf/config.yaml`;
const judge = (overrides: FactsOverrides) => decide(javaOptions, buildFacts(overrides));
const options = (source: string, value: string): Partial<JvmOptionsFact> => ({ from: [{ source, value }], options: value.split(' ') });
const java = (major: number) => ({ version: { major, version: `${major}.0.2`, readFrom: 'release file' } });

describe('java.options decisions (built facts)', () => {
  it("ok: every flag of the line's default config is set, whatever else is added", () => {
    const outcome = judge({});
    expect(outcome.status).toBe('ok');
    expect(outcome.summary).toBe(`Java 17: all ${JAVA17_FLAGS_22.length} of Flink 2.2's --add-opens/--add-exports flags are set`);
    expect(outcome.sources?.length).toBeGreaterThan(0);
    expect(judge({ jvmOptions: options('env.java.opts.all', `${JAVA17_FLAGS_22.join(' ')} -XX:+UseG1GC`) }).status).toBe('ok');
  });

  it('"--add-opens X" in two words is the same flag as "--add-opens=X"', () => {
    const split = JAVA17_FLAGS_22.flatMap((flag) => [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)]);
    expect(judge({ jvmOptions: { from: [{ source: 'JVM_ARGS', value: split.join(' ') }], options: split } }).status).toBe('ok');
  });

  it("error: env.java.opts.all replaced by the user's own options; the fix keeps Flink's list in the config file", () => {
    const outcome = judge({ jvmOptions: options('env.java.opts.all', '-XX:+UseG1GC') });
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(
      `Java 17: ${JAVA17_FLAGS_22.length} of Flink 2.2's ${JAVA17_FLAGS_22.length} --add-opens/--add-exports flags are not in the JVM options: expect InaccessibleObjectException`,
    );
    expect(outcome.details?.[0]).toBe(`missing: ${JAVA17_FLAGS_22.join(' ')}`);
    expect(outcome.details).toContain(`env.java.opts.all (${CONF}): -XX:+UseG1GC`);
    expect(outcome.fix).toBe(
      `Put the missing flags above back into env.java.opts.all in ${CONF}: extend Flink's list, never replace it (or keep the list in env.java.default-opts.all and your own options in env.java.opts.all)`,
    );
    expect(outcome.locations).toEqual([{ path: CONF }]);
  });

  it('error: one flag dropped is named alone', () => {
    const [dropped, ...kept] = JAVA17_FLAGS_22;
    const outcome = judge({ jvmOptions: options('env.java.opts.all', kept.join(' ')) });
    expect(outcome.summary).toMatch(/^Java 17: 1 of Flink 2\.2's \d+ --add-opens/);
    expect(outcome.details?.[0]).toBe(`missing: ${dropped}`);
  });

  it('error: FLINK_ENV_JAVA_OPTS replaces the config keys, so the fix is about it', () => {
    const outcome = judge({ jvmOptions: options('FLINK_ENV_JAVA_OPTS', '-Xss2m') });
    expect(outcome.summary).toContain('(FLINK_ENV_JAVA_OPTS replaces the config keys)');
    expect(outcome.fix).toBe('Add the missing flags above to FLINK_ENV_JAVA_OPTS, or unset it so env.java.opts.all applies');
  });

  it('a config file that sets no option at all is an error saying so; no config file and no variable is nothing to judge', () => {
    const none = judge({ jvmOptions: { from: [], options: [] } });
    expect(none.status).toBe('error');
    expect(none.details).toContain('no JVM options are set (env.java.*opts*, FLINK_ENV_JAVA_OPTS, JVM_ARGS)');
    const nothing = judge({ jvmOptions: { from: [], options: [], file: undefined } });
    expect(nothing.status).toBe('skipped');
    expect(nothing.summary).toBe('no Flink config was read and no JVM options are set in the environment: nothing to judge');
    const variable = judge({ jvmOptions: { ...options('JVM_ARGS', '-Xmx1g'), file: undefined } });
    expect(variable.fix).toContain("in the Flink config: extend Flink's list");
    expect(variable.locations).toBeUndefined();
  });

  it('a long value is clipped in the details at 120 characters', () => {
    const value = `-Dlong=${'x'.repeat(200)}`;
    const outcome = judge({ jvmOptions: options('JVM_ARGS', value) });
    expect(outcome.details).toContain(`JVM_ARGS: ${value.slice(0, 119)}…`);
  });

  it('skipped: no Java, Java before 17, a line without a Java 17 list, a target older than the matrix', () => {
    expect(judge({ java: { found: false, runs: false, version: undefined } }).summary).toBe('no Java runtime found (see java.runtime)');
    expect(judge({ java: java(11) }).summary).toBe('Java 11: the --add-opens list is needed from Java 17 on');
    expect(judge({ target: targetOf('1.17.2') }).summary).toBe(
      'Flink 1.17 ships no Java 17 flag list (Java 17 support is judged by java.runtime)',
    );
    expect(judge({ target: targetOf('1.13.6', 'wheel') }).status).toBe('skipped');
    expect(judge({ target: targetOf('1.13.6', 'wheel') }).summary).toContain('older than the lines flink-doctor knows');
  });

  it("the list is the target line's: 1.20 has one flag more than 2.2", () => {
    const outcome = judge({ target: targetOf('1.20.1') });
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toMatch(/^Java 17: 1 of Flink 1\.20's 20 --add-opens\/--add-exports flags are not in the JVM options/);
  });
});
