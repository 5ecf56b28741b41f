// Version ordering by Flink line: connector builds "x.y.z-<minor>", in-tree builds equal to the Flink version,
// CDC's own numbers never mistaken for Flink versions.
import { describe, expect, it } from 'vitest';
import { classify, linesOf, nearestLine, newestForLine } from '../../src/maven/flink-line.js';
import { parseMetadata, parseSha1 } from '../../src/maven/metadata.js';

const G = 'org.apache.flink';
const KAFKA = [
  '1.17.2',
  '1.17.1',
  '3.0.0-1.17',
  '3.2.0-1.19',
  '3.3.0-1.20',
  '3.10.0-1.20',
  '3.4.0-1.20',
  '4.0.0-2.0',
  '5.0.0-2.2',
  '5.0.0-2.1',
  '3.5.0-1.20-rc1',
  '3.6.0-SNAPSHOT',
];

describe('flink-line ordering', () => {
  it('classifies externalized, in-tree and CDC versions', () => {
    expect(classify(G, 'flink-sql-connector-kafka', '3.3.0-1.20')).toMatchObject({ line: '1.20', release: [3, 3, 0] });
    expect(classify(G, 'flink-sql-connector-kafka', '1.17.2')).toMatchObject({ line: '1.17' });
    expect(classify('com.ververica', 'flink-sql-connector-mysql-cdc', '2.2.0').line).toBeNull();
    expect(classify(G, 'flink-sql-connector-mysql-cdc', '3.2.0').line).toBeNull();
    expect(classify(G, 'flink-sql-connector-mysql-cdc', '3.6.0-2.2').line).toBe('2.2');
  });

  it('picks the newest stable build of a line numerically (3.10 > 3.4), ignoring rc and SNAPSHOT', () => {
    expect(newestForLine(G, 'flink-sql-connector-kafka', KAFKA, '1.20')).toBe('3.10.0-1.20');
    expect(newestForLine(G, 'flink-sql-connector-kafka', KAFKA, '1.17')).toBe('3.0.0-1.17');
    expect(newestForLine(G, 'flink-sql-avro', ['1.20.0', '1.20.10', '1.20.2'], '1.20')).toBe('1.20.10');
    expect(newestForLine(G, 'flink-sql-connector-kafka', KAFKA, '2.3')).toBeUndefined();
  });

  it('finds the nearest line when the target has no build yet', () => {
    const lines = linesOf(G, 'flink-sql-connector-kafka', KAFKA);
    expect(lines).toEqual(['1.17', '1.19', '1.20', '2.0', '2.1', '2.2']);
    expect(nearestLine(lines, '2.3')).toBe('2.2');
    expect(nearestLine(lines, '1.18')).toBe('1.17');
  });
});

describe('metadata parsing', () => {
  it('reads every <version>, ignores <latest>/<release>, and converts lastUpdated', () => {
    const doc = parseMetadata(
      `<?xml version="1.0"?><metadata modelVersion="1.1.0"><groupId>g</groupId><artifactId>a</artifactId><versioning><latest>4.0.0-2.0</latest><release>3.4.0-1.20</release><versions><version>3.3.0-1.20</version><version>4.0.0-2.0</version><version>3.4.0-1.20</version></versions><lastUpdated>20250101000000</lastUpdated></versioning></metadata>`,
    );
    expect(doc).toEqual({
      groupId: 'g',
      artifactId: 'a',
      versions: ['3.3.0-1.20', '4.0.0-2.0', '3.4.0-1.20'],
      lastUpdated: '2025-01-01T00:00:00Z',
    });
  });

  it('rejects a document that is not metadata, malformed XML and DOCTYPEs', () => {
    expect(() => parseMetadata('<html><body>proxy login</body></html>')).toThrow(/no <metadata> root/);
    expect(() => parseMetadata('<metadata><versioning>')).toThrow(/malformed XML/);
    // Found by test:fuzz (seed 360643230): the validator accepts "<A/" and the parser then throws its own message.
    expect(() => parseMetadata('<A/')).toThrow('malformed XML: the document ends inside a tag or is otherwise unreadable');
    expect(() => parseMetadata('<!DOCTYPE x SYSTEM "file:///etc/passwd"><metadata/>')).toThrow(/DOCTYPE/);
  });

  it('reads the first token of a .sha1 only', () => {
    const digest = 'a'.repeat(40);
    expect(parseSha1(`${digest}  flink-sql-connector-kafka-3.3.0-1.20.jar\n`)).toBe(digest);
    expect(parseSha1(digest.toUpperCase())).toBe(digest);
    expect(parseSha1('<html>')).toBeUndefined();
  });
});
