// Small helpers the benchmarks share: statistics of timing samples, and the commands flink-doctor's probes run.
import { Buffer } from 'node:buffer';
import { join } from 'node:path';

export const median = (xs) => percentile(xs, 0.5);

/** The value at fraction `p` of the sorted samples (nearest rank). */
export function percentile(xs, p) {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))))];
}

/** A copy in random order: each round of an interleaved benchmark runs its commands in a new order. */
export function shuffled(items) {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** JAVA_PROBE_ARGS, javaProbeEnv and PROBE_SCRIPT from the source (src/probes/commands.ts), so the floor runs exactly them. */
export async function doctorCommands(root) {
  const { build } = await import('esbuild');
  const out = await build({ entryPoints: [join(root, 'src/probes/commands.ts')], bundle: true, platform: 'node', format: 'esm', write: false, logLevel: 'warning' });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
}
