// Names Flink and PyFlink fix: the wheel's distributions, the conf files, the distribution JARs' file names.
// A leaf (no I/O) so probes, which find these things, and checks, which judge them, share one spelling.

/** The PyPI distributions of the apache-flink wheel. */
export const FLINK_DIST = 'apache-flink';
export const FLINK_LIBRARIES = 'apache-flink-libraries';

/** Flink's conf files: the flat legacy file and the standard YAML one (1.19+). */
export const LEGACY_CONFIG = 'flink-conf.yaml';
export const YAML_CONFIG = 'config.yaml';

const DIST_JAR = /^flink-dist(?:_\d+\.\d+)?-(\d+\.\d+(?:\.\d+)?(?:-SNAPSHOT)?)\.jar$/;
const PYTHON_JAR = /^flink-python(?:_\d+\.\d+)?-(\d+\.\d+(?:\.\d+)?(?:-SNAPSHOT)?)\.jar$/;

/** "flink-dist-1.20.0.jar" → "1.20.0"; works for the Scala-suffixed names of 1.15 too. */
export function versionFromDistJar(name: string): string | undefined {
  return DIST_JAR.exec(name)?.[1];
}

export function versionFromPythonJar(name: string): string | undefined {
  return PYTHON_JAR.exec(name)?.[1];
}
