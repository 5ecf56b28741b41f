// Whether a connector or format build fits the target Flink line: 1.x builds on 2.x (removed
// SourceFunction/SinkFunction APIs) and Scala 2.11 / pre-1.15 builds on 1.15+ are errors; another minor of
// the same major is a warning (NoSuchMethodError when an API the connector calls changed). A build for a newer
// line is judged by compat-matrix.json connectors.newerBuilds (2.x builds before 1.19 lack FLIP-372's Sink V2:
// error; a 2.0 build on the 1.20 bridge release: warning), else a warning. Shared by jars.flink-version (JARs
// read here) and job.connectors (JARs the job names, judged by file name).
import { compareReleases } from '../knowledge/versions.js';
import type { ConnectorFamily, ConnectorKnowledge } from '../knowledge/connectors.js';
import type { SourceRef } from '../knowledge/source-ref.js';

export interface BuildFacts {
  artifactId?: string;
  scalaSuffix?: string;
  /** The Flink minor it was built for. */
  flinkLine?: string;
  version?: string;
  family?: ConnectorFamily;
}

export interface LineVerdict {
  level: 'error' | 'warning';
  why: string;
  /** Where the rule comes from, when the matrix holds it. */
  sources?: SourceRef[];
}

export function lineVerdict(build: BuildFacts, target: string, knowledge: ConnectorKnowledge): LineVerdict | undefined {
  const { family } = build;
  const modern = compareReleases(target, '1.15') >= 0;
  if (build.scalaSuffix && modern) {
    if (build.scalaSuffix === '2.11')
      return { level: 'error', why: `Scala 2.11 build; Flink ${target} ships Scala 2.12 only and the two are not binary compatible` };
    if (!family?.scalaSuffixed)
      return {
        level: 'error',
        why: `Scala-suffixed (_${build.scalaSuffix}) artifact: a pre-1.15 build (1.15 dropped the suffix from this module)`,
      };
  }
  const built = build.flinkLine;
  if (built) {
    if (built === target) return undefined;
    const [builtMajor] = built.split('.');
    const [targetMajor] = target.split('.');
    if (compareReleases(built, target) > 0) return newerBuild(built, target, knowledge);
    if (builtMajor !== targetMajor) {
      return {
        level: 'error',
        why: `built for Flink ${built}, target is ${target}: Flink 2 removed the 1.x SourceFunction/SinkFunction APIs (NoClassDefFoundError/NoSuchMethodError)`,
      };
    }
    if (modern && compareReleases(built, '1.15') < 0)
      return { level: 'error', why: `built for Flink ${built} (pre-1.15), target is ${target}` };
    return {
      level: 'warning',
      why: `built for Flink ${built}, target is ${target}: expect NoSuchMethodError where an API it calls changed`,
    };
  }
  // CDC before 3.6 carries no Flink minor: its documented table decides.
  if (family && build.version) {
    const { lines } = knowledge.flinkLinesOf(family, build.version, build.artifactId);
    if (lines.length > 0 && !lines.includes(target))
      return { level: 'error', why: `${family.title} ${build.version} supports Flink ${lines.join(', ')}, not ${target}` };
  }
  return undefined;
}

/** A build for a newer line than the target: the matrix's rule when one is on record, else a warning. */
function newerBuild(built: string, target: string, knowledge: ConnectorKnowledge): LineVerdict {
  const rule = knowledge.newerBuildRule(built, target);
  const head = `built for Flink ${built}, newer than the target ${target}`;
  if (rule) return { level: rule.level, why: `${head}: ${rule.why.replaceAll('{target}', target)}`, sources: rule.sources };
  return {
    level: 'warning',
    why: `${head}: it may call APIs ${target} lacks (NoSuchMethodError / NoClassDefFoundError); upstream does not test it there`,
  };
}
