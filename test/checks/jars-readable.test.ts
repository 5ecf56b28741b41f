// jars.readable: its decision table on built facts. Reading broken, empty, truncated and hostile files: the jars
// probe in test/jars/hostile.test.ts and test/jars/discovery.test.ts.
import { describe, expect, it } from 'vitest';
import jarsReadable from '../../checks/jars-readable.js';
import type { ScannedJar } from '../../src/facts/index.js';
import { buildFacts, decide, fatKafka, scannedJar } from '../helpers/facts.js';

const broken = (name: string, error: string, ref: Partial<ScannedJar['ref']> = {}): ScannedJar => {
  const jar = scannedJar(name);
  return { ref: { ...jar.ref, ...ref }, alsoFrom: [], notes: [], error };
};
const judge = (jars: ScannedJar[]) => decide(jarsReadable, buildFacts({ jars: { jars, overlaps: [], durationMs: 12 } }));

describe('jars.readable decisions (built facts)', () => {
  it('skipped when no JAR was found anywhere', () => {
    expect(judge([]).summary).toBe('no JARs found (pass --jars or --job, set pipeline.jars, or FLINK_HOME)');
  });

  it('ok: every JAR opens, listed by name', () => {
    const outcome = judge([fatKafka(), scannedJar('udfs.jar')]);
    expect(outcome.status).toBe('ok');
    expect(outcome.summary).toBe('2 JARs readable');
    expect(outcome.details).toEqual(['flink-sql-connector-kafka-3.3.0-1.20.jar from --jars', 'udfs.jar from --jars']);
  });

  it('error: one unusable file is the summary; the fix says to download it again', () => {
    const outcome = judge([fatKafka(), broken('empty.jar', 'is empty (0 bytes)')]);
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe('empty.jar is empty (0 bytes)');
    expect(outcome.fix).toBe('Download the JAR again (a failed download often leaves an empty or HTML file) or remove the reference to it');
    expect(outcome.facts).toMatchObject({ jars: 2, unreadable: 1 });
  });

  it('error: several are counted, each named with where it was referenced (the file and line as a location too)', () => {
    const fromConfig = broken('gone.jar', 'does not exist', { source: 'pipeline.jars', origin: '/opt/flink/conf/config.yaml', line: 7 });
    const outcome = judge([broken('page.jar', 'is not a zip file (starts with "<html>")'), fromConfig]);
    expect(outcome.summary).toBe('2 of 2 JARs cannot be used');
    expect(outcome.details).toContain('/work/jars/gone.jar does not exist (from pipeline.jars in config.yaml:7)');
    expect(outcome.locations).toEqual([
      { path: '/work/jars/page.jar' },
      { path: '/work/jars/gone.jar' },
      { path: '/opt/flink/conf/config.yaml', line: 7 },
    ]);
  });

  it('error: a --jars folder that exists but cannot be listed, before and whatever the JARs found', () => {
    const denied = "cannot read /work/jars: EACCES: permission denied, scandir '/work/jars'";
    const alone = decide(jarsReadable, buildFacts({ jars: { jars: [], overlaps: [], durationMs: 1, unlisted: [denied] } }));
    expect(alone.status).toBe('error');
    expect(alone.summary).toBe(`--jars folder: ${denied}`);
    expect(alone.fix).toMatch(/^Make the folder readable/);
    const withOthers = decide(
      jarsReadable,
      buildFacts({ jars: { jars: [scannedJar('ok.jar')], overlaps: [], durationMs: 1, unlisted: [denied, 'cannot read /b: EIO'] } }),
    );
    expect(withOthers.status).toBe('error');
    expect(withOthers.details).toEqual(['cannot read /b: EIO']);
  });

  it('warning: JARs read only within limits (oversized entries, too many entries)', () => {
    const noted = { ...scannedJar('huge.jar'), notes: ['1 entry over 16 MB skipped'] };
    const outcome = judge([noted]);
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toBe('1 JAR with suspicious contents (read with limits)');
    expect(outcome.details).toEqual(['/work/jars/huge.jar: 1 entry over 16 MB skipped']);
  });
});
