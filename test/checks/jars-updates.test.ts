// jars.updates: its decision table on built facts (the maven fact as the maven probe reports it). The maven probe
// against a repository on 127.0.0.1 is tested in test/maven/checks.test.ts; the HTTP client's fault modes in
// test/maven/client.test.ts.
import { describe, expect, it } from 'vitest';
import jarsUpdates from '../../checks/jars-updates.js';
import { decide } from '../helpers/facts.js';
import { G, KAFKA, KAFKA_VERSIONS, mavenFacts as facts, mavenJar, REPO } from '../helpers/maven-facts.js';

describe('jars.updates decisions (built facts)', () => {
  it('skipped when no connector JAR was identified', () => {
    expect(decide(jarsUpdates, facts([])).summary).toBe('no identified connector or format JARs to look up');
  });

  it("warning: a newer build for the same Flink line, never one of a newer line, with its URL in the run's repository", () => {
    const outcome = decide(jarsUpdates, facts([mavenJar('3.3.0-1.20')]));
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toBe(`newer build for the same Flink line: ${KAFKA} 3.3.0-1.20 → 3.4.0-1.20`);
    expect(outcome.fix).toBe(`Use ${G}:${KAFKA}:3.4.0-1.20 (${REPO}/org/apache/flink/${KAFKA}/3.4.0-1.20/${KAFKA}-3.4.0-1.20.jar)`);
    // The summary names it: a "newer:" detail would show the one finding twice in the human output.
    expect(outcome.details ?? []).toEqual([]);
  });

  it('more newer builds than the summary names: it says how many more, the details list each', () => {
    const copies = Array.from({ length: 6 }, (_, i) => mavenJar('3.3.0-1.20', { path: `/work/jars/copy-${i}/${KAFKA}-3.3.0-1.20.jar` }));
    const outcome = decide(jarsUpdates, facts(copies));
    expect(outcome.summary).toMatch(/→ 3\.4\.0-1\.20, … and 1 more$/);
    expect(outcome.details?.filter((d) => d.startsWith('newer: '))).toHaveLength(6);
  });

  it('ok: the newest build for its line', () => {
    const outcome = decide(jarsUpdates, facts([mavenJar('4.0.1-2.0')]));
    expect(outcome.status).toBe('ok');
    expect(outcome.summary).toBe('1 JAR(s) are the newest build for their Flink line');
  });

  it('a JAR built for another line than the target is left to jars.flink-version', () => {
    const outcome = decide(jarsUpdates, facts([mavenJar('3.2.0-1.19')], undefined, '1.20'));
    expect(outcome.status).toBe('skipped');
    expect(outcome.summary).toBe('no JAR is built for Flink 1.20: judged by jars.flink-version');
    expect(outcome.details).toEqual([`${KAFKA} 3.2.0-1.19: built for Flink 1.19, target is 1.20; judged by jars.flink-version`]);
  });

  it('versions that could not be looked up: skipped alone, a warning next to JARs that could', () => {
    const dead = { [`${G}:${KAFKA}`]: { versions: null, source: 'none' as const, note: 'connection failed' } };
    const alone = decide(jarsUpdates, facts([mavenJar('3.3.0-1.20')], dead));
    expect(alone.status).toBe('skipped');
    expect(alone.summary).toBe('could not look up versions: flink-sql-connector-kafka 3.3.0-1.20: connection failed');
    const other = mavenJar('1.0.0-1.20', { artifactId: 'flink-sql-connector-inhouse' });
    const mixed = decide(
      jarsUpdates,
      facts([mavenJar('4.0.1-2.0'), other], {
        [`${G}:${KAFKA}`]: { versions: KAFKA_VERSIONS, source: 'network' },
        [`${G}:flink-sql-connector-inhouse`]: { versions: [], notFound: true, source: 'network' },
      }),
    );
    expect(mixed.status).toBe('warning');
    expect(mixed.summary).toBe('1 JAR(s) up to date; 1 could not be looked up');
    expect(mixed.details).toContain(`flink-sql-connector-inhouse 1.0.0-1.20: not in ${REPO}`);
  });

  it('versions from the shipped snapshot say how old they are', () => {
    const outcome = decide(
      jarsUpdates,
      facts([mavenJar('3.3.0-1.20')], {
        [`${G}:${KAFKA}`]: { versions: KAFKA_VERSIONS, source: 'snapshot', asOf: '2026-05-01', note: 'offline' },
      }),
    );
    expect(outcome.details?.join('\n')).toMatch(
      /versions from the snapshot shipped with flink-doctor \(data of 2026-05-01, \d+ days old\): offline/,
    );
  });
});
