// What the config file's `severity` and `ignore` entries do to results, after the checks ran (a pure step:
// checks stay unaware of it). "off" checks never run (they are skipped like --skip); "warning"/"error"
// re-grade a problem; an ignore entry turns a matching warning or error into "skipped", keeping the reason
// and the original status on the result so every report can show it.
import type { CheckResult, SeverityLevel } from '../engine/model.js';
import { matchesId } from '../engine/run.js';
import type { IgnoreEntry } from './file.js';

export interface Policy {
  severity: Record<string, SeverityLevel>;
  ignore: IgnoreEntry[];
  /** The config file the entries come from, for messages. */
  source: string;
}

/** The configured level for a check: an exact id wins over the longest matching prefix. */
function severityFor(id: string, severity: Record<string, SeverityLevel>): SeverityLevel | undefined {
  if (severity[id]) return severity[id];
  let best: { pattern: string; level: SeverityLevel } | undefined;
  for (const [pattern, level] of Object.entries(severity)) {
    if (matchesId(id, pattern) && (!best || pattern.length > best.pattern.length)) best = { pattern, level };
  }
  return best?.level;
}

/** Check ids the policy turns off: they join the skip list, so they never run. */
export function offChecks(ids: readonly string[], policy: Policy | undefined): string[] {
  if (!policy) return [];
  return ids.filter((id) => severityFor(id, policy.severity) === 'off');
}

export function applyPolicy(results: readonly CheckResult[], policy: Policy | undefined): CheckResult[] {
  if (!policy) return [...results];
  return results.map((result) => ignore(regrade(result, policy), policy));
}

function regrade(result: CheckResult, policy: Policy): CheckResult {
  const level = severityFor(result.id, policy.severity);
  if (!level) return result;
  if (level === 'off') {
    return result.status === 'skipped'
      ? { ...result, summary: `turned off ("severity": "off" in ${policy.source})`, severityOverride: { level, from: 'skipped' } }
      : result;
  }
  if ((result.status === 'error' || result.status === 'warning') && result.status !== level) {
    return { ...result, status: level, severityOverride: { level, from: result.status } };
  }
  return result;
}

function ignore(result: CheckResult, policy: Policy): CheckResult {
  if (result.status !== 'error' && result.status !== 'warning') return result;
  const entry = policy.ignore.find((e) => matchesId(result.id, e.check) && (e.match === undefined || mentions(result, e.match)));
  if (!entry) return result;
  return {
    ...result,
    status: 'skipped',
    ignored: { reason: entry.reason, ...(entry.match !== undefined ? { match: entry.match } : {}), status: result.status },
  };
}

function mentions(result: CheckResult, text: string): boolean {
  const needle = text.toLowerCase();
  const haystack = [result.summary, ...result.details, ...result.locations.map((l) => l.path)];
  return haystack.some((s) => s.toLowerCase().includes(needle));
}

/** Ignore entries that matched nothing this run (stale entries are worth cleaning up). */
export function unusedIgnores(results: readonly CheckResult[], policy: Policy | undefined): IgnoreEntry[] {
  if (!policy) return [];
  return policy.ignore.filter(
    (entry) =>
      !results.some(
        (r) => r.ignored && matchesId(r.id, entry.check) && r.ignored.reason === entry.reason && r.ignored.match === entry.match,
      ),
  );
}
