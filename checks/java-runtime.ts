// java.runtime: the Java PyFlink will start, and whether the target Flink line supports it. A Java the line
// does not list is an error when it is older than all it lists or from the line's unusableFrom on (Java 17 before
// 1.18), else a warning (newer, untested upstream).
import { defineCheck } from './define.js';
import type { Outcome } from '../src/engine/model.js';
import type { SourceRef, UnlistedJava } from '../src/knowledge/matrix.js';

export default defineCheck({
  id: 'java.runtime',
  title: 'Java runtime',
  group: 'Java',
  description:
    'The Java PyFlink would start (`--java-home`, else `env.java.home` in `$FLINK_HOME/conf` or the wheel\'s ' +
    '`pyflink/conf`, else `JAVA_HOME`, else `java` on PATH) is supported by the target Flink line: supported → ok, ' +
    'experimental or deprecated → warning; newer than any Java the line lists → warning (untested upstream); older ' +
    'than all it lists, Java 17+ before Flink 1.18, missing or broken → error.',
  reads: ['--java-home', 'env.java.home in $FLINK_HOME/conf or pyflink/conf', 'JAVA_HOME', 'java on PATH', '<java home>/release', 'java -XshowSettings:properties -version'],
  needs: ['java', 'target'],
  run({ java, target }, { matrix }) {
    const { minor, note: judgedNote, skip } = matrix.judgedLine(target);
    const line = skip ? undefined : matrix.line(minor);
    const flink = `Flink ${minor}`;
    const judgedAgainst = judgedNote ? [judgedNote] : [];
    const recommended = line?.java.recommended;
    const wanted = line ? describeJava(line.java.supported, line.java.experimental) : '';
    const howToPoint = pointAt(java.provenance.source, java.provenance.detail);
    const where = java.provenance.detail ? `${java.provenance.source} (${java.provenance.detail})` : java.provenance.source;
    const facts = {
      source: java.provenance.source,
      binary: java.binary,
      home: java.home ?? null,
      version: java.version?.version ?? null,
      major: java.version?.major ?? null,
      vendor: java.version?.vendor ?? null,
      readFrom: java.version?.readFrom ?? null,
      jdk: java.isJdk ?? null,
    };
    const sources = skip ? [] : matrix.cite(line?.java.sources);
    const shadowed = java.shadowed.map((p) => `also present, not used: ${p.source}${p.detail ? ` (${p.detail})` : ''}`);

    if (!java.found || !java.runs || !java.version) {
      return {
        status: 'error',
        summary: java.failure ?? 'Java could not be run',
        details: [`looked up via ${where}`, ...judgedAgainst, ...shadowed, 'PyFlink fails with "Java gateway process exited before sending its port number"'],
        fix: recommended ? `Install a JDK ${recommended} (e.g. Eclipse Temurin ${recommended}) and ${howToPoint}` : `Install a JDK your Flink release supports and ${howToPoint}`,
        facts,
        sources,
      };
    }

    const { major, version, vendor } = java.version;
    const found = `Java ${version}${vendor ? ` (${vendor})` : ''} from ${where}`;
    if (skip) return { status: 'skipped', summary: `${found}; ${skip}`, details: shadowed, facts };
    const rating = matrix.rateJava(minor, major);
    const note = line?.java.notes?.[String(major)];
    const details = [
      `found: Java ${major} at ${java.home ?? java.binary}`,
      `expected for ${flink}: ${wanted}${recommended ? `; recommended ${recommended}` : ''}`,
      ...(note ? [note] : []),
      ...judgedAgainst,
      ...shadowed,
    ];
    const switchFix = `Use Java ${recommended}: install a JDK ${recommended} and ${howToPoint}`;
    const issues = matrix.javaPatchIssues(target.patch, version);
    switch (rating) {
      case 'supported':
        if (issues.length > 0) {
          const fixedIn = issues.map((i) => i.fixedIn).filter(Boolean)[0];
          return {
            status: 'warning',
            summary: `${found} on Flink ${target.patch}: ${issues[0]?.effect ?? ''}`,
            details,
            fix: fixedIn ? `Upgrade to apache-flink ${line?.newestPatch ?? fixedIn} (fixed in ${fixedIn}), or use a Java patch older than the affected ones` : switchFix,
            facts,
            sources: [...sources, ...matrix.cite(issues.flatMap((i) => i.sources))],
          };
        }
        return { status: 'ok', summary: `${found}: supported by ${flink}`, details, facts, sources };
      case 'experimental':
        return { status: 'warning', summary: `${found}: only experimental on ${flink}`, details, fix: switchFix, facts, sources };
      case 'deprecated':
        return { status: 'warning', summary: `${found}: deprecated on ${flink}`, details, fix: switchFix, facts, sources };
      default:
        return unsupported({ found, flink, details, fix: switchFix, facts, sources }, matrix.unlistedJava(minor, major), (refs) => matrix.cite(refs));
    }
  },
});

interface Unsupported {
  found: string;
  flink: string;
  details: string[];
  fix: string;
  facts: Record<string, string | number | boolean | null>;
  sources: string[];
}

/**
 * A Java the line does not list (Matrix.unlistedJava). Older than every Java it lists: UnsupportedClassVersionError,
 * an error; from the line's `unusableFrom` on (no Java 17 support before 1.18): an error with the effect on record;
 * newer than one it lists: untested upstream, a warning (the real tier ran 1.20.5 and 2.2.1 jobs, a Python UDF
 * included, on Temurin 25).
 */
function unsupported(u: Unsupported, placed: UnlistedJava | undefined, cite: (refs: readonly SourceRef[]) => string[]): Outcome {
  const base = { details: u.details, fix: u.fix, facts: u.facts, sources: u.sources };
  const summary = `${u.found}: not supported by ${u.flink}`;
  if (placed?.kind === 'newer') {
    const why = 'a newer Java runs the Flink JARs, but Flink does not test this release on it: module-access or reflection errors are possible';
    return { ...base, status: 'warning', summary: `${summary}; newer than any Java it lists (${placed.newest}), untested upstream`, details: [...u.details, why] };
  }
  if (placed?.kind === 'unusable') return { ...base, status: 'error', summary, details: [...u.details, placed.effect], sources: [...u.sources, ...cite(placed.sources)] };
  const why = placed ? `the Flink JARs need Java ${placed.oldest} or newer: expect UnsupportedClassVersionError` : 'expect UnsupportedClassVersionError or module-access errors at start-up';
  return { ...base, status: 'error', summary, details: [...u.details, why] };
}

/** How to make PyFlink use another JDK, given which source won: setting JAVA_HOME does nothing while
 * env.java.home is set, and --java-home only changes what the doctor inspects. */
function pointAt(source: string, detail: string | undefined): string {
  if (source === 'env.java.home') return `set env.java.home in ${detail ?? 'the Flink config'} to it (it wins over JAVA_HOME)`;
  if (source === '--java-home') return 'point JAVA_HOME (or env.java.home in the Flink config) at it, and pass it as --java-home to check it';
  return 'set JAVA_HOME to it (or env.java.home in the Flink config)';
}

function describeJava(supported: number[], experimental: number[]): string {
  const parts = [`Java ${supported.join(', ')}`];
  if (experimental.length > 0) parts.push(`experimental: ${experimental.join(', ')}`);
  return parts.join(' (') + (experimental.length > 0 ? ')' : '');
}

