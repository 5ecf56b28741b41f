// The Flink version everything is judged against: --flink-version, else the installed apache-flink wheel. A
// minor alone (--flink-version 1.15) resolves to the newest patch the matrix knows, so coordinates name real files.
import { isFlinkVersion, minorOf } from '../knowledge/versions.js';
import type { ProbeContext } from './context.js';
import type { TargetFact } from '../facts/index.js';

export async function probeTarget({ options, matrix, get }: ProbeContext): Promise<TargetFact> {
  if (options.flinkVersion) return describe(options.flinkVersion, 'flag');
  const pyflink = await get('pyflink');
  const version = pyflink.flink?.version ?? pyflink.versionPy;
  if (version && isFlinkVersion(version)) return describe(version, 'wheel');
  return { flinkVersion: null, patch: null, minor: null, source: 'none', known: false };

  function describe(version: string, source: TargetFact['source']): TargetFact {
    const minor = minorOf(version) ?? null;
    return {
      flinkVersion: version,
      patch: matrix.resolvePatch(version),
      minor,
      source,
      known: minor !== null && matrix.line(minor) !== undefined,
    };
  }
}
