// jars.integrity: its decision table on built facts (the maven fact as the maven probe reports it). Real JARs and
// their published SHA-1 from a repository on 127.0.0.1: test/maven/checks.test.ts.
import { describe, expect, it } from 'vitest';
import jarsIntegrity from '../../checks/jars-integrity.js';
import type { ChecksumResult } from '../../src/facts/index.js';
import { decide } from '../helpers/facts.js';
import { G, KAFKA, mavenFacts as facts, mavenJar, SHA } from '../helpers/maven-facts.js';

describe('jars.integrity decisions (built facts)', () => {
  const checksum = (c: ChecksumResult) => ({ checksum: c });

  it('skipped when no connector JAR was identified', () => {
    expect(decide(jarsIntegrity, facts([])).summary).toBe('no identified connector or format JARs to verify');
  });

  it('ok: the SHA-1 matches the published one', () => {
    const outcome = decide(jarsIntegrity, facts([mavenJar('3.4.0-1.20')]));
    expect(outcome.status).toBe('ok');
    expect(outcome.summary).toBe('1 JAR(s) match their published SHA-1');
  });

  it('error: a file that differs from the published one, before any other finding', () => {
    const outcome = decide(
      jarsIntegrity,
      facts([
        mavenJar('3.3.0-1.20', checksum({ status: 'found', sha1: 'b'.repeat(40), source: 'network' })),
        mavenJar('9.9.9-1.20', checksum({ status: 'not-published', source: 'network' })),
      ]),
    );
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe('1 JAR(s) differ from the published file (modified or corrupt)');
    expect(outcome.details?.[0]).toBe(
      `/work/jars/${KAFKA}-3.3.0-1.20.jar: SHA-1 ${SHA}, published ${'b'.repeat(40)} for ${G}:${KAFKA}:3.3.0-1.20`,
    );
    expect(outcome.fix).toBe('Download the JAR again from the repository and replace the local copy');
  });

  it('warning: not published under its coordinates (a local build)', () => {
    const outcome = decide(jarsIntegrity, facts([mavenJar('9.9.9-1.20', checksum({ status: 'not-published', source: 'network' }))]));
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toBe('1 JAR(s) not published under their coordinates (locally built?)');
  });

  it('nothing verifiable is skipped with the reason; some verified and some not is a warning', () => {
    const offline = mavenJar('3.4.0-1.20', checksum({ status: 'unavailable', source: 'none', note: '--offline and not in the cache' }));
    expect(decide(jarsIntegrity, facts([offline])).summary).toBe(
      `could not verify: /work/jars/${KAFKA}-3.4.0-1.20.jar: --offline and not in the cache`,
    );
    const unread = mavenJar('3.3.0-1.20', { localSha1: undefined });
    const mixed = decide(jarsIntegrity, facts([mavenJar('3.4.0-1.20'), unread]));
    expect(mixed.status).toBe('warning');
    expect(mixed.summary).toBe('1 JAR(s) verified; 1 could not be checked');
    expect(mixed.details).toContain(`/work/jars/${KAFKA}-3.3.0-1.20.jar: could not be read`);
  });
});
