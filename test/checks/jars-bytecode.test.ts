// jars.bytecode: its decision table on built facts. Class-file majors read from real javac output (--release 8
// to 25): test/jars/checks.test.ts and test/jars/identify.test.ts.
import { describe, expect, it } from 'vitest';
import jarsBytecode from '../../checks/jars-bytecode.js';
import type { ScannedJar } from '../../src/facts/index.js';
import { buildFacts, decide, scannedJar, type FactsOverrides } from '../helpers/facts.js';

const jarOf = (name: string, classMajor: number, source: ScannedJar['ref']['source'] = '--jars') =>
  scannedJar(name, { classMajor }, {}, source);
const judge = (jars: ScannedJar[], overrides: FactsOverrides = {}) =>
  decide(jarsBytecode, buildFacts({ jars: { jars, overlaps: [], durationMs: 0 }, ...overrides }));

describe('jars.bytecode decisions (built facts)', () => {
  it('ok: every class runs on the Java found (class major 61 = Java 17 on Java 17)', () => {
    const outcome = judge([jarOf('udfs.jar', 61), jarOf('old.jar', 52)]);
    expect(outcome.status).toBe('ok');
    expect(outcome.summary).toBe('all classes run on Java 17 (newest: Java 17 bytecode)');
  });

  it('error: classes newer than the runtime, each JAR named with its Java and class major', () => {
    const outcome = judge([jarOf('java21-udfs.jar', 65), jarOf('java25.jar', 69), jarOf('old.jar', 52)]);
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe('2 JARs compiled for a newer Java than 17: UnsupportedClassVersionError');
    expect(outcome.details).toEqual([
      'java21-udfs.jar from --jars: Java 21 bytecode (class major 65)',
      'java25.jar from --jars: Java 25 bytecode (class major 69)',
    ]);
    expect(outcome.fix).toBe('Run on Java 25 or newer (if the Flink line supports it), or use builds of these JARs compiled for Java 17');
    expect(outcome.locations).toEqual([{ path: '/work/jars/java21-udfs.jar' }, { path: '/work/jars/java25.jar' }]);
  });

  it('one class major above the runtime is already too new; the same is fine', () => {
    expect(judge([jarOf('a.jar', 62)]).status).toBe('error');
    expect(judge([jarOf('a.jar', 55)], { java: { version: { major: 11, version: '11.0.24', readFrom: 'release file' } } }).status).toBe(
      'ok',
    );
  });

  it("the distribution's own JARs are java.runtime's business, not this check's", () => {
    expect(judge([jarOf('/opt/flink/lib/flink-dist-2.2.1.jar', 65, '$FLINK_HOME/lib')]).summary).toBe('no readable JARs with class files');
  });

  it('skipped without class files or without a Java runtime', () => {
    expect(judge([scannedJar('resources.jar')]).status).toBe('skipped');
    expect(judge([jarOf('a.jar', 65)], { java: { found: false, runs: false, version: undefined } }).summary).toBe(
      'no Java runtime found to compare with (see java.runtime)',
    );
  });
});
