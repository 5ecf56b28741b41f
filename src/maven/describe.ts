// Wording shared by the Maven checks: where data came from and how old it is, so a report built from the
// shipped snapshot or a stale cache says so instead of looking like a live answer.
import type { Outcome } from '../engine/model.js';
import type { VersionsResult } from '../facts/index.js';

export function dataNote(result: VersionsResult, now = Date.now()): string | undefined {
  if (result.source === 'snapshot') {
    const age = result.asOf ? ageInDays(result.asOf, now) : -1;
    return `versions from the snapshot shipped with flink-doctor (data of ${result.asOf}, ${age} days old)${result.note ? `: ${result.note}` : ''}`;
  }
  if (result.source === 'stale-cache')
    return `versions from the cache, last confirmed ${result.asOf ?? 'at an unknown time'}${result.note ? ` (${result.note})` : ''}`;
  return undefined;
}

export function unreachable(note: string | undefined): string {
  return note ?? 'no version data';
}

/** "412 days old" style age for reports. */
function ageInDays(asOf: string, now = Date.now()): number {
  const then = Date.parse(asOf);
  return Number.isNaN(then) ? -1 : Math.max(0, Math.floor((now - then) / 86_400_000));
}

/**
 * A repository setting flink-doctor could not use (a settings.xml mirror, a proxy variable) turns an otherwise
 * quiet Maven check into a warning that names it: the user configured something that does not work.
 */
export function withRepositoryProblems(outcome: Outcome, problems: readonly string[]): Outcome {
  if (problems.length === 0 || outcome.status === 'error' || outcome.status === 'warning') return outcome;
  return {
    ...outcome,
    status: 'warning',
    summary: problems[0] ?? outcome.summary,
    details: [...problems.slice(1), outcome.summary, ...(outcome.details ?? []).filter((d) => !problems.includes(d))],
    fix: outcome.fix ?? 'Fix or remove the repository setting named above; until then the Maven data may come from elsewhere or not at all',
  };
}
