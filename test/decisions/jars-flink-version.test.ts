// jars.flink-version decisions on built facts. The real tier ran these (test-real/corpus.ts): Kafka 4.0.1-2.0 on
// 1.20.5 planned and wrote until the absent broker (1.20 is the bridge release: a warning), Kafka 3.2.0-1.19 on
// 2.2.1 failed with NoClassDefFoundError (an error). 2.x builds before 1.19 lack FLIP-372's Sink V2 interfaces.
import { describe, expect, it } from 'vitest';
import jarsFlinkVersion from '../../checks/jars-flink-version.js';
import jobConnectors from '../../checks/job-connectors.js';
import type { JobFact, TargetFact } from '../../src/facts/index.js';
import { emptyNeeds } from '../../src/job/model.js';
import { loadMatrix } from '../../src/knowledge/load-matrix.js';
import { buildFacts, decide } from '../helpers/facts.js';
import { kafkaFat } from './jar-facts.js';

const matrix = loadMatrix();

function target(flinkVersion: string): TargetFact {
  const minor = flinkVersion.split('.').slice(0, 2).join('.');
  return { flinkVersion, patch: matrix.resolvePatch(flinkVersion), minor, source: 'wheel', known: true };
}

function judged(version: string, line: string, on: string) {
  return decide(jarsFlinkVersion, buildFacts({ target: target(on), jars: { jars: [kafkaFat(version, line)], overlaps: [], durationMs: 1 } }));
}

describe('a build for a newer Flink line than the target', () => {
  it('2.0 on 1.20 (kafka-2.0-on-1.20): a warning that says 1.20 is the bridge release, with its sources', () => {
    const outcome = judged('4.0.1-2.0', '2.0', '1.20.5');
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toContain('built for Flink 2.0, newer than the target 1.20: 1.20 is the bridge release to 2.x');
    expect(outcome.fix).toContain('org.apache.flink:flink-sql-connector-kafka:3.4.0-1.20');
    expect(outcome.sources?.join(' ')).toContain('announcing-the-release-of-apache-flink-1.20');
  });

  it('2.0 on 1.18: an error, FLIP-372 Sink V2 interfaces are missing before 1.19', () => {
    const outcome = judged('4.0.1-2.0', '2.0', '1.18.1');
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toContain('NoClassDefFoundError: org/apache/flink/api/connector/sink2/WriterInitContext');
  });

  it('2.2 on 1.20 and 1.20 on 1.19: warnings (no API break on record), saying it is untested there', () => {
    for (const [version, line, on] of [['5.0.0-2.2', '2.2', '1.20.5'], ['3.3.0-1.20', '1.20', '1.19.3']] as const) {
      const outcome = judged(version, line, on);
      expect(outcome.status, version).toBe('warning');
      expect(outcome.summary, version).toContain(`built for Flink ${line}, newer than the target ${on.slice(0, 4)}: it may call APIs`);
    }
  });
});

describe('a build for an older line stays as it was', () => {
  it('1.19 on 1.20 (kafka-1.19-on-1.20): a warning', () => {
    expect(judged('3.2.0-1.19', '1.19', '1.20.5').status).toBe('warning');
  });

  it('1.x on 2.2 (kafka-1.x-on-2.2): an error naming the removed 1.x APIs', () => {
    const outcome = judged('3.2.0-1.19', '1.19', '2.2.1');
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toContain('Flink 2 removed the 1.x SourceFunction/SinkFunction APIs');
  });
});

describe('job.connectors judges a JAR the job names by its file name with the same rule', () => {
  it('flink-sql-connector-kafka-4.0.1-2.0.jar named for a 1.20 target is a warning, not an error', () => {
    const needs = { ...emptyNeeds(), files: ['/work/job.py'] };
    needs.jars.push({ file: '/work/job.py', line: 9, kind: 'pipeline.jars', value: 'file:///opt/flink/lib/flink-sql-connector-kafka-4.0.1-2.0.jar', known: true, fileName: 'flink-sql-connector-kafka-4.0.1-2.0.jar' });
    needs.identifiers.push({ file: '/work/job.py', line: 14, identifier: 'kafka', role: 'connector', via: 'CREATE TABLE orders' });
    const job: JobFact = { files: ['/work/job.py'], needs };
    const outcome = decide(jobConnectors, buildFacts({ job, target: target('1.20.5') }));
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toContain('1.20 is the bridge release to 2.x');
  });
});
