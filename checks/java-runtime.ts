// java.runtime: the Java PyFlink will start, and whether the target Flink line supports it. A Java the line
// does not list is an error when it is older than all it lists or from the line's unusableFrom on (Java 17 before
// 1.18), else a warning (newer, untested upstream).
import { defineCheck } from './define.js';
import type { Outcome } from '../src/engine/model.js';
import type { JavaFact, JavaVersionInfo } from '../src/facts/index.js';
import { describeProvenance } from '../src/facts/environment.js';
import type { JavaSupport, SourceRef, UnlistedJava } from '../src/knowledge/matrix.js';

export default defineCheck({
  id: 'java.runtime',
  title: 'Java runtime',
  group: 'Java',
  description:
    "The Java PyFlink would start (`--java-home`, else `env.java.home` in `$FLINK_HOME/conf` or the wheel's " +
    '`pyflink/conf`, else `JAVA_HOME`, else `java` on PATH) is supported by the target Flink line: supported → ok, ' +
    'experimental or deprecated → warning; newer than any Java the line lists → warning (untested upstream); older ' +
    'than all it lists, Java 17+ before Flink 1.18, missing or broken → error.',
  reads: [
    '--java-home',
    'env.java.home in $FLINK_HOME/conf or pyflink/conf',
    'JAVA_HOME',
    'java on PATH',
    '<java home>/release',
    'java -XshowSettings:properties -version',
  ],
  needs: ['java', 'target'],
  run({ java, target }, { matrix }) {
    const { minor, note: judgedNote, skip } = matrix.judgedLine(target);
    const line = skip ? undefined : matrix.line(minor);
    const recommended = line?.java.recommended;
    const howToPoint = pointAt(java.provenance.source, java.provenance.detail);
    const where = describeProvenance(java.provenance);
    const judgedAgainst = judgedNote ? [judgedNote] : [];
    const facts = javaFacts(java);
    const shadowed = java.shadowed.map((p) => `also present, not used: ${describeProvenance(p)}`);
    if (!java.found || !java.runs || !java.version) {
      const details = [
        `looked up via ${where}`,
        ...judgedAgainst,
        ...shadowed,
        'PyFlink fails with "Java gateway process exited before sending its port number"',
      ];
      return {
        ...javaNotRunning(java.failure, recommended, howToPoint),
        details,
        facts,
        sources: skip ? [] : matrix.cite(line?.java.sources),
      };
    }

    const { major, version, vendor } = java.version;
    const found = `Java ${version}${vendor ? ` (${vendor})` : ''} from ${where}`;
    if (skip) return { status: 'skipped', summary: `${found}; ${skip}`, details: shadowed, facts };
    const flink = `Flink ${minor}`;
    const details = [...javaAgainstLine(java.version, java.home ?? java.binary, flink, line?.java), ...judgedAgainst, ...shadowed];
    const judged: Judged = {
      found,
      flink,
      details,
      fix: `Use Java ${recommended}: install a JDK ${recommended} and ${howToPoint}`,
      facts,
      sources: matrix.cite(line?.java.sources),
    };
    const rating = matrix.rateJava(minor, major);
    if (rating === 'supported') {
      const issues = matrix.javaPatchIssues(target.patch, version);
      if (issues.length === 0) return { status: 'ok', summary: `${found}: supported by ${flink}`, details, facts, sources: judged.sources };
      return knownPatchIssue(judged, target.patch, line?.newestPatch, issues, (refs) => matrix.cite(refs));
    }
    if (rating === 'experimental' || rating === 'deprecated') {
      const how = rating === 'experimental' ? 'only experimental' : 'deprecated';
      return { status: 'warning', summary: `${found}: ${how} on ${flink}`, details, fix: judged.fix, facts, sources: judged.sources };
    }
    return unsupported(judged, matrix.unlistedJava(minor, major), (refs) => matrix.cite(refs));
  },
});

type JavaOutcomeFacts = Record<string, string | number | boolean | null>;

/** What the report records about the Java found; null where the probe could not tell. */
function javaFacts(java: JavaFact): JavaOutcomeFacts {
  return {
    source: java.provenance.source,
    binary: java.binary,
    home: java.home ?? null,
    version: java.version?.version ?? null,
    major: java.version?.major ?? null,
    vendor: java.version?.vendor ?? null,
    readFrom: java.version?.readFrom ?? null,
    jdk: java.isJdk ?? null,
  };
}

/** The Java found beside what the line lists for it, with the line's note on that Java when it has one. */
function javaAgainstLine(found: JavaVersionInfo, at: string, flink: string, wants: JavaSupport | undefined): string[] {
  const wanted = wants ? describeJava(wants.supported, wants.experimental) : '';
  const note = wants?.notes?.[String(found.major)];
  return [
    `found: Java ${found.major} at ${at}`,
    `expected for ${flink}: ${wanted}${wants?.recommended ? `; recommended ${wants.recommended}` : ''}`,
    ...(note ? [note] : []),
  ];
}

/** No Java, or one that would not run: an error whatever the line, with the JDK to install when the line names one. */
function javaNotRunning(
  failure: string | undefined,
  recommended: number | undefined,
  howToPoint: string,
): Pick<Outcome, 'status' | 'summary' | 'fix'> {
  return {
    status: 'error',
    summary: failure ?? 'Java could not be run',
    fix: recommended
      ? `Install a JDK ${recommended} (e.g. Eclipse Temurin ${recommended}) and ${howToPoint}`
      : `Install a JDK your Flink release supports and ${howToPoint}`,
  };
}

/** A supported Java whose exact patch hits a known Flink bug on this Flink patch: a warning, fixed by a newer Flink
 * patch when one is on record, else by another Java. */
function knownPatchIssue(
  j: Judged,
  flinkPatch: string | null,
  newestPatch: string | undefined,
  issues: NonNullable<JavaSupport['patchIssues']>,
  cite: (refs: readonly SourceRef[]) => string[],
): Outcome {
  const fixedIn = issues.map((i) => i.fixedIn).filter(Boolean)[0];
  return {
    status: 'warning',
    summary: `${j.found} on Flink ${flinkPatch}: ${issues[0]?.effect ?? ''}`,
    details: j.details,
    fix: fixedIn
      ? `Upgrade to apache-flink ${newestPatch ?? fixedIn} (fixed in ${fixedIn}), or use a Java patch older than the affected ones`
      : j.fix,
    facts: j.facts,
    sources: [...j.sources, ...cite(issues.flatMap((i) => i.sources))],
  };
}

/** A Java judged against a known line: what was found, against which line, and the default advice. */
interface Judged {
  found: string;
  flink: string;
  details: string[];
  fix: string;
  facts: JavaOutcomeFacts;
  sources: string[];
}

/**
 * A Java the line does not list (Matrix.unlistedJava). Older than every Java it lists: UnsupportedClassVersionError,
 * an error; from the line's `unusableFrom` on (no Java 17 support before 1.18): an error with the effect on record;
 * newer than one it lists: untested upstream, a warning (the real tier ran 1.20.5 and 2.2.1 jobs, a Python UDF
 * included, on Temurin 25).
 */
function unsupported(u: Judged, placed: UnlistedJava | undefined, cite: (refs: readonly SourceRef[]) => string[]): Outcome {
  const base = { details: u.details, fix: u.fix, facts: u.facts, sources: u.sources };
  const summary = `${u.found}: not supported by ${u.flink}`;
  if (placed?.kind === 'newer') {
    const why =
      'a newer Java runs the Flink JARs, but Flink does not test this release on it: module-access or reflection errors are possible';
    return {
      ...base,
      status: 'warning',
      summary: `${summary}; newer than any Java it lists (${placed.newest}), untested upstream`,
      details: [...u.details, why],
    };
  }
  if (placed?.kind === 'unusable')
    return { ...base, status: 'error', summary, details: [...u.details, placed.effect], sources: [...u.sources, ...cite(placed.sources)] };
  const why = placed
    ? `the Flink JARs need Java ${placed.oldest} or newer: expect UnsupportedClassVersionError`
    : 'expect UnsupportedClassVersionError or module-access errors at start-up';
  return { ...base, status: 'error', summary, details: [...u.details, why] };
}

/** How to make PyFlink use another JDK, given which source won: setting JAVA_HOME does nothing while
 * env.java.home is set, and --java-home only changes what the doctor inspects. */
function pointAt(source: string, detail: string | undefined): string {
  if (source === 'env.java.home') return `set env.java.home in ${detail ?? 'the Flink config'} to it (it wins over JAVA_HOME)`;
  if (source === '--java-home')
    return 'point JAVA_HOME (or env.java.home in the Flink config) at it, and pass it as --java-home to check it';
  return 'set JAVA_HOME to it (or env.java.home in the Flink config)';
}

function describeJava(supported: number[], experimental: number[]): string {
  const parts = [`Java ${supported.join(', ')}`];
  if (experimental.length > 0) parts.push(`experimental: ${experimental.join(', ')}`);
  return parts.join(' (') + (experimental.length > 0 ? ')' : '');
}
