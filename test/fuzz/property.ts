// Shared setup of the property-based tests (fast-check): how many cases each property runs, and a wrapper that
// fails a case that takes too long, so "never hangs, never goes quadratic" is checked case by case and a slow
// input is shrunk to a minimal one like any other failure. `npm test` runs FLINK_DOCTOR_FUZZ_RUNS cases per
// property (200 by default: a quick random smoke in the edit loop); `npm run test:fuzz` runs 10,000, and .ci/run
// runs it after npm test, so CI proves every property on 10,000 cases either way.
import fc from 'fast-check';
import { expect } from 'vitest';

export const RUNS = Number(process.env.FLINK_DOCTOR_FUZZ_RUNS ?? 200);

/** Vitest's time limit for one property: 10 ms a case (file-based cases write and read a file each) plus slack. */
export const PROPERTY_TIMEOUT_MS = 30_000 + RUNS * 10;

/**
 * A case on inputs of a few KB takes microseconds to a few milliseconds; a second of CPU means a pathological
 * (superlinear or unbounded) path. CPU time, not wall time: the machine is shared.
 */
export const CASE_MS = 1_000;

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** fc.assert with RUNS cases; the predicate also fails when one case costs more than `caseMs` of CPU. */
export function check<T>(arbitrary: fc.Arbitrary<T>, predicate: (value: T) => void, caseMs = CASE_MS): void {
  fc.assert(
    fc.property(arbitrary, (value) => {
      const started = process.cpuUsage();
      predicate(value);
      // An assertion per case: a property whose predicate only proves "no throw" still counts as asserting.
      expect(cpuMsSince(started), `one case's CPU milliseconds (limit ${caseMs})`).toBeLessThanOrEqual(caseMs);
    }),
    { numRuns: RUNS },
  );
}

/** The async form, for parsers that read files or load modules. */
export async function checkAsync<T>(
  arbitrary: fc.Arbitrary<T>,
  predicate: (value: T) => Promise<void>,
  caseMs = CASE_MS,
  runs = RUNS,
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(arbitrary, async (value) => {
      const started = process.cpuUsage();
      await predicate(value);
      expect(cpuMsSince(started), `one case's CPU milliseconds (limit ${caseMs})`).toBeLessThanOrEqual(caseMs);
    }),
    { numRuns: runs },
  );
}

/** Any text, including control characters, lone surrogates and long lines. */
export const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ unit: 'grapheme-ascii', maxLength: 2000 }));

/** Text assembled from the pieces a parser cares about, so generated inputs get past its first checks. */
export function textOf(pieces: readonly string[], maxLength = 60): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ unit: 'grapheme-ascii', maxLength: 6 })), { maxLength })
    .map((parts) => parts.join(''));
}
