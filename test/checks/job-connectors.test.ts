// job.connectors: its decision table on built facts (the job fact as the job reader reports it). Reading real job
// files is the job reader's test (test/jars/job.test.ts); fixes that depend on which releases register an
// identifier are in test/knowledge/line-decisions.test.ts.
import { describe, expect, it } from 'vitest';
import jobConnectors from '../../checks/job-connectors.js';
import type { JobFact, JobIdentifier, ScannedJar } from '../../src/facts/index.js';
import { buildFacts, decide, fatKafka, scannedJar, targetOf } from '../helpers/facts.js';

const JOB = '/work/job.py';
const CENTRAL = 'https://repo1.maven.org/maven2';
const uses = (...identifiers: [string, JobIdentifier['role']?][]): JobFact => ({
  file: JOB,
  parsed: { jars: [], settings: [], identifiers: identifiers.map(([identifier, role = 'connector'], i) => ({ identifier, role, line: 10 + i })), unresolved: [] },
});
const judge = (job: JobFact, jars: ScannedJar[] = [], target = targetOf('1.20')) => decide(jobConnectors, buildFacts({ job, jars: { jars, overlaps: [], durationMs: 0 }, target }));

describe('job.connectors decisions (built facts)', () => {
  it('skipped without --job; an error when the job could not be read', () => {
    expect(judge({}).summary).toBe('no --job given');
    const unreadable = judge({ file: JOB, problem: `${JOB} does not exist` });
    expect(unreadable.status).toBe('error');
    expect(unreadable.summary).toBe(`${JOB} does not exist`);
    expect(unreadable.locations).toEqual([{ path: JOB }]);
  });

  it('ok: no identifiers used, with the calls that could not be followed', () => {
    const job: JobFact = { file: JOB, parsed: { jars: [], settings: [], identifiers: [], unresolved: [{ line: 4, text: 'add_jars(f"file://{path}")' }] } };
    const outcome = judge(job);
    expect(outcome.status).toBe('ok');
    expect(outcome.summary).toBe('the job uses no SQL connector, format or catalog identifiers');
    expect(outcome.details).toEqual(['line 4: add_jars(f"file://{path}") is not a literal; its JARs were not followed']);
  });

  it('ok: built into Flink, or registered by a JAR the job sees; each identifier said once', () => {
    const outcome = judge(uses(['kafka'], ['datagen'], ['json', 'format'], ['kafka']), [fatKafka()]);
    expect(outcome.status).toBe('ok');
    expect(outcome.summary).toBe('all 3 identifiers the job uses are available');
    expect(outcome.details).toEqual([
      "connector 'kafka' (line 10): provided by /work/jars/flink-sql-connector-kafka-3.3.0-1.20.jar",
      "connector 'datagen' (line 11): built into Flink",
      "format 'json' (line 12): built into Flink",
    ]);
  });

  it('error: nothing provides it: "Could not find any factory", and the fix adds the fat JAR for the target', () => {
    const outcome = judge(uses(['kafka']));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe("no JAR the job sees provides connector 'kafka' (line 10)");
    expect(outcome.details?.[0]).toBe("connector 'kafka' (line 10): not built in and no JAR registers it: \"Could not find any factory for identifier 'kafka'\"");
    expect(outcome.fix).toBe(`Add org.apache.flink:flink-sql-connector-kafka:3.4.0-1.20 (${CENTRAL}/org/apache/flink/flink-sql-connector-kafka/3.4.0-1.20/flink-sql-connector-kafka-3.4.0-1.20.jar) to pipeline.jars (or env.add_jars) for 'kafka'`);
    expect(outcome.locations).toEqual([{ path: JOB, line: 10 }]);
    expect(judge(uses(['kafka']), [], targetOf('2.2.1')).fix).toContain('flink-sql-connector-kafka:5.0.0-2.2');
  });

  it('several missing: all named in the summary, one fix line each', () => {
    const outcome = judge(uses(['kafka'], ['avro', 'format']));
    expect(outcome.summary).toBe("no JAR the job sees provides 'kafka', 'avro'");
    expect(outcome.fix?.split('\n')).toHaveLength(2);
    expect(outcome.fix).toContain('org.apache.flink:flink-sql-avro:1.20.5');
  });

  it('a warning, not an error, when a JAR registers factories flink-doctor cannot map: it might provide it', () => {
    const opaque = scannedJar('inhouse.jar', { groupId: 'com.example', artifactId: 'inhouse' }, { unknownFactories: ['com.example.InhouseFactory'] });
    const outcome = judge(uses(['kafka']), [opaque]);
    expect(outcome.status).toBe('warning');
    expect(outcome.details).toContain('/work/jars/inhouse.jar registers factories flink-doctor cannot map: com.example.InhouseFactory');
  });

  it('an identifier no family provides: the fix says so instead of inventing an artifact', () => {
    expect(judge(uses(['my-own'])).fix).toBe("Add the JAR that provides 'my-own' to pipeline.jars (flink-doctor knows no artifact for it on Flink 1.20)");
  });

  it('skipped for a target older than the matrix', () => {
    expect(judge(uses(['kafka']), [], targetOf('1.13.6')).summary).toContain('older than the lines flink-doctor knows');
  });
});
