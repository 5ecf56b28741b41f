// The two processes every run starts, in one small module: the probes run them, and the CLI's entry starts them
// before it loads anything else (src/cli/bin.ts); scripts/bench.mjs times its floor with the same commands.
export { PROBE_SCRIPT } from './python-probe-script.js';

// Printing settings runs no Java code, so the JVM needs no JIT threads, no parallel GC and no perf-data
// file: with them off it starts ~25% faster on a busy 2-core machine (measured with scripts/bench.mjs).
// IgnoreUnrecognizedVMOptions keeps JVMs that lack one of these flags (OpenJ9) from refusing to start.
export const JAVA_PROBE_ARGS: readonly string[] = [
  '-XX:+IgnoreUnrecognizedVMOptions', '-Xint', '-XX:+UseSerialGC', '-XX:-UsePerfData', '-XshowSettings:properties', '-version',
];

/** The JVM reads JAVA_TOOL_OPTIONS / _JAVA_OPTIONS and prints "Picked up …"; that is fine, but keep its locale stable. */
export function javaProbeEnv(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return { ...env, LC_ALL: 'C' };
}
