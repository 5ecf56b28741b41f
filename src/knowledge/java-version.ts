// Java version strings in every shape the JDKs print: "1.8.0_392" (legacy 1.x scheme), "17.0.15+6",
// "21-ea", "25", vendor banners such as `openjdk version "17.0.15" 2025-04-15`. semver does the coercion.
import coerce from 'semver/functions/coerce.js';

export interface ParsedJavaVersion {
  major: number;
  version: string;
}

/** A bare version ("1.8.0_392", "17.0.15+6", "25") → feature release; anything else → undefined. */
export function parseJavaVersion(raw: string): ParsedJavaVersion | undefined {
  const text = raw.trim().replace(/^"|"$/g, '');
  if (!/^\d+(?:[._+-][0-9A-Za-z._+-]*)?$/.test(text)) return undefined;
  const coerced = coerce(text.replace(/_/g, '.'));
  if (!coerced) return undefined;
  // Java 8 and older call themselves 1.x; from 9 on (JEP 223) the first number is the feature release.
  const major = coerced.major === 1 && coerced.minor > 0 ? coerced.minor : coerced.major;
  if (major < 1 || major > 99) return undefined;
  return { major, version: text.split(/[+\s]/)[0] ?? text };
}

/** The banner line `java -version` prints first: `openjdk version "17.0.15" 2025-04-15` or `java version "1.8.0_392"`. */
export function parseVersionBanner(output: string): ParsedJavaVersion | undefined {
  const match = /(?:java|openjdk) version "([^"]+)"/i.exec(output);
  return match?.[1] ? parseJavaVersion(match[1]) : undefined;
}

/** `java -XshowSettings:properties -version` prints "    key = value" lines on stderr. */
export function parseShowSettings(output: string): Record<string, string> {
  const props: Record<string, string> = {};
  let lastKey: string | undefined;
  for (const line of output.split(/\r?\n/)) {
    const match = /^ {4}([\w.]+) = (.*)$/.exec(line);
    if (match?.[1]) {
      lastKey = match[1];
      props[lastKey] = match[2] ?? '';
    } else if (lastKey && /^ {8}\S/.test(line)) {
      // Multi-valued properties (java.library.path) continue on deeper-indented lines.
      props[lastKey] += `${props[lastKey] ? '\n' : ''}${line.trim()}`;
    } else {
      lastKey = undefined;
    }
  }
  return props;
}

/** The JDK's `release` file: KEY="value" lines (JAVA_VERSION, IMPLEMENTOR, …). */
export function parseReleaseFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^([A-Z_]+)=(?:"(.*)"|(.*))$/.exec(line.trim());
    if (match?.[1]) values[match[1]] = (match[2] ?? match[3] ?? '').trim();
  }
  return values;
}
