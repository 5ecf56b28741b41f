// Parsers for the small text entries that say what a JAR is. Each is total: odd input gives less data,
// never an exception.
import type { Coordinate } from '../facts/index.js';

/** MANIFEST.MF main section: "Name: value" lines; a line starting with one space continues the previous one. */
export function parseManifest(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  let last: string | undefined;
  for (const line of text.split(/\r?\n|\r/)) {
    if (line === '') break; // the main section ends at the first blank line
    if (line.startsWith(' ') && last) {
      values[last] += line.slice(1);
      continue;
    }
    const at = line.indexOf(':');
    if (at <= 0) continue;
    last = line.slice(0, at).trim();
    values[last] = line.slice(at + 1).trim();
  }
  return values;
}

export interface NoticeInfo {
  /** The JAR's own component heading: the artifactId in Flink fat builds ("flink-sql-connector-kafka"). */
  firstLine?: string;
  /** "- group:artifact:version" lines: what a Flink fat JAR bundles. */
  bundled: Coordinate[];
}

const BUNDLED = /^\s*-\s+([\w.-]+):([\w.-]+):(?:[\w.-]+:)?([\w.+-]+)\s*(?:\(.*)?$/;

export function parseNotice(text: string): NoticeInfo {
  const lines = text.split(/\r?\n/);
  const firstLine = ownHeading(lines);
  const bundled: NoticeInfo['bundled'] = [];
  for (const line of lines) {
    const match = BUNDLED.exec(line);
    if (match?.[1] && match[2] && match[3]) bundled.push({ groupId: match[1], artifactId: match[2], version: match[3] });
  }
  return { firstLine: firstLine && /^[\w.-]+$/.test(firstLine) ? firstLine : undefined, bundled };
}

/**
 * Flink's shade build puts a header on top of every merged NOTICE (a "// ---" comment box, an "Apache Flink"
 * paragraph, "This product includes software…"), as in every Flink JAR on Maven Central, e.g.
 * flink-sql-connector-kafka-3.2.0-1.19.jar; the JAR's own heading is then the first line after it that a
 * "Copyright" line follows. Without that header (CDC builds) it is simply the first line.
 */
function ownHeading(lines: string[]): string | undefined {
  const text = lines.map((l) => l.trim());
  const first = text.find((l) => l !== '');
  if (first === undefined || !(first.startsWith('//') || first === 'Apache Flink')) return first;
  for (let i = 0; i + 1 < text.length; i++) {
    const line = text[i] as string;
    if (line && line !== 'Apache Flink' && !line.startsWith('//') && text[i + 1]?.startsWith('Copyright')) return line;
  }
  return undefined;
}

/** Java properties, the subset pom.properties uses: key=value or key: value, '#'/'!' comments. */
export function parseProperties(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('!')) continue;
    const match = /^([^=:\s]+)\s*[=:\s]\s*(.*)$/.exec(line);
    if (match?.[1]) values[match[1]] = (match[2] ?? '').trim();
  }
  return values;
}

/** META-INF/services file: one class name per line, '#' comments. */
export function parseServices(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.split('#', 1)[0]?.trim() ?? '')
    .filter((line) => /^[\w$.]+$/.test(line));
}
