// Wording shared by the Maven checks: where data came from and how old it is, so a report built from the
// shipped snapshot or a stale cache says so instead of looking like a live answer.
import type { VersionsResult } from '../facts/index.js';

export function dataNote(result: VersionsResult, now = Date.now()): string | undefined {
  if (result.source === 'snapshot') {
    const age = result.asOf ? ageInDays(result.asOf, now) : -1;
    return `versions from the snapshot shipped with flink-doctor (data of ${result.asOf}, ${age} days old)${result.note ? `: ${result.note}` : ''}`;
  }
  if (result.source === 'stale-cache') return `versions from the cache, last confirmed ${result.asOf ?? 'at an unknown time'}${result.note ? ` (${result.note})` : ''}`;
  return undefined;
}

export function unreachable(note: string | undefined): string {
  return note ?? 'no version data';
}

/** "412 days old" style age for reports. */
export function ageInDays(asOf: string, now = Date.now()): number {
  const then = Date.parse(asOf);
  return Number.isNaN(then) ? -1 : Math.max(0, Math.floor((now - then) / 86_400_000));
}
