// flink.home decisions on built facts, modelled on the real tier (test-real/corpus.ts): a 1.20.5 client on
// FLINK_HOME = 2.2.1 failed (ClassNotFoundException, another major: an error); on FLINK_HOME = 1.19.3 a DataStream
// job with a Python map ran to the end (same major, another minor: a warning that explains the risk).
import { describe, expect, it } from 'vitest';
import flinkHome from '../../checks/flink-home.js';
import type { FlinkHomeFact, TargetFact } from '../../src/facts/index.js';
import { buildFacts, decide, distribution } from '../helpers/facts.js';

const wheel: TargetFact = { flinkVersion: '1.20.5', patch: '1.20.5', minor: '1.20', source: 'wheel', known: true };

function home(version: string): FlinkHomeFact {
  return {
    set: true, exists: true, path: `/opt/flink-${version}`, problems: [],
    distJar: `flink-dist-${version}.jar`, distVersion: version, pythonJar: `flink-python-${version}.jar`, pythonJarVersion: version,
  };
}

function judged(version: string) {
  const pyflink = { flink: distribution('apache-flink', '1.20.5'), libraries: distribution('apache-flink-libraries', '1.20.5') };
  return decide(flinkHome, buildFacts({ target: wheel, flinkHome: home(version), pyflink }));
}

describe('FLINK_HOME of another release than the apache-flink wheel', () => {
  it('another major (2.2.1 for a 1.20.5 client) is an error', () => {
    const outcome = judged('2.2.1');
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe('FLINK_HOME holds Flink 2.2.1 but the target is 1.20.5 (installed apache-flink)');
    expect(outcome.details?.join('\n')).toContain('another major whose APIs it calls are gone');
  });

  it.each(['1.19.3', '1.20.1'])('the same major (%s for a 1.20.5 client) is a warning that explains the risk', (version) => {
    const outcome = judged(version);
    expect(outcome.status).toBe('warning');
    expect(outcome.details?.join('\n')).toContain('a call that changed between them fails with a Py4J error or NoSuchMethodError');
    expect(outcome.fix).toContain('Point FLINK_HOME at a Flink 1.20.5 distribution');
  });

  it('the same release is ok', () => {
    expect(judged('1.20.5').status).toBe('ok');
  });
});
