// The result model: what every check returns and every reporter renders. The JSON report is a public
// contract (schemas/report.schema.json): fields may be added, never renamed or removed.

export type Status = 'ok' | 'warning' | 'error' | 'skipped';

/** A file a finding is about (a JAR, the job file, a config file); lets SARIF and editors point at it. */
export interface Location {
  path: string;
  line?: number;
}

/** What a check decides. `fix` is one actionable line (or a few, joined by newlines), null when nothing to do. */
export interface Outcome {
  status: Status;
  summary: string;
  details?: string[];
  fix?: string | null;
  /** Facts the check based its decision on, shown with --verbose and kept in the JSON report. */
  facts?: Record<string, string | number | boolean | null>;
  locations?: Location[];
  /** Where the knowledge behind the verdict comes from (URLs or repo paths from compat-matrix.json). */
  sources?: string[];
}

/** One rendered row of the report: the outcome plus the check's identity and cost. */
export interface CheckResult {
  id: string;
  title: string;
  group: string;
  status: Status;
  summary: string;
  details: string[];
  fix: string | null;
  durationMs: number;
  facts: Record<string, string | number | boolean | null>;
  locations: Location[];
  sources: string[];
  /** Set when an `ignore` entry of the config file matched: status became "skipped", `status` keeps what the check said. */
  ignored?: Ignored;
  /** Set when a `severity` override of the config file changed the status the check reported. */
  severityOverride?: SeverityOverride;
  /** Set for a check a plugin added (or a plugin that could not be loaded); absent for built-in checks. */
  origin?: CheckOrigin;
}

/** What names and describes a check, built-in or a plugin's: the registry, --list-checks and the README read it. */
export interface CheckInfo {
  /** Public contract: never rename (CI pipelines filter on it). A plugin's: plugin.<plugin name>.<id>. */
  id: string;
  title: string;
  /** Heading the human report groups it under: "Java", "Python", "PyFlink", "Flink", "JARs", … */
  group: string;
  /** What it decides, in a sentence or two of Markdown: the README's check table and --list-checks show it. */
  description: string;
  /** What it reads, for --list-checks: files, variables, processes. */
  reads: string[];
}

/** The plugin a check comes from. */
export interface CheckOrigin {
  /** The plugin's name (its check ids are plugin.<name>.*). */
  plugin: string;
  version?: string;
  /** How it was named: the --plugin value or the config file's "plugins" entry, as written. */
  spec: string;
}

export interface Ignored {
  reason: string;
  /** The `match` text of the ignore entry, when it had one. */
  match?: string;
  /** The status the check reported before it was ignored. */
  status: Status;
}

export type SeverityLevel = 'off' | 'warning' | 'error';

export interface SeverityOverride {
  /** What the config file asked for. */
  level: SeverityLevel;
  /** The status the check reported (or would have, for "off": "skipped"). */
  from: Status;
}

export interface Target {
  /** e.g. "2.2" or "2.2.1"; null when neither a flag nor an installed wheel names one. */
  flinkVersion: string | null;
  /** "flag", "wheel", "config" (flink-doctor config file) or "none". */
  source: string;
}

export interface Summary {
  ok: number;
  warning: number;
  error: number;
  skipped: number;
}

export interface Report {
  schemaVersion: 1;
  tool: { name: string; version: string };
  target: Target;
  checks: CheckResult[];
  summary: Summary;
  durationMs: number;
  /** The flink-doctor config file this run used, when there was one. */
  config?: {
    path: string;
    /** Ignore entries of the config file that matched no finding this run (stale ones, worth removing). */
    unusedIgnores?: { check: string; reason: string; match?: string }[];
  };
}

export function summarize(checks: readonly CheckResult[]): Summary {
  const summary: Summary = { ok: 0, warning: 0, error: 0, skipped: 0 };
  for (const check of checks) summary[check.status] += 1;
  return summary;
}

/** The one rule of what fails a run: an error, or a warning under --strict. Exit code and reporters all ask it. */
export function isFailure(status: Status, strict: boolean): boolean {
  return status === 'error' || (strict && status === 'warning');
}

export function runFailed(summary: Summary, strict: boolean): boolean {
  return (['error', 'warning'] as const).some((status) => summary[status] > 0 && isFailure(status, strict));
}

/** 0 when nothing failed, 1 when a check is an error (or a warning under --strict). */
export function exitCodeFor(summary: Summary, strict: boolean): 0 | 1 {
  return runFailed(summary, strict) ? 1 : 0;
}

/** Exit codes are part of the public contract. */
export const EXIT = { OK: 0, PROBLEMS: 1, USAGE: 2 } as const;
