// The SARIF 2.1.0 report: one run, one rule per check id in the report, one result per warning or error.
// A finding that belongs to a file (a JAR, the job file, a config file) carries it as a physical location:
// relative to the working directory (uriBaseId %SRCROOT%) when inside it, which is what code-scanning
// uploads resolve against the repository, else an absolute file: URI. GitHub code scanning rejects a whole
// upload when any result has no location ("locationFromSarifResult: expected at least one location"), so a
// finding about the environment rather than a file is anchored at line 1 of `anchor` when there is one (the
// config file, or the workflow file in GitHub Actions). Ignored findings stay in the log with an external
// suppression that carries the reason.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CheckResult, Location, Report } from '../engine/model.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/flink-doctor/flink-doctor';

export interface SarifOptions {
  /** Directory relative locations are resolved against (the repository root in CI). */
  cwd: string;
  strict: boolean;
  /** Check id → what it reads, shown as the rule's full description. */
  reads?: Record<string, readonly string[]>;
  /** File (relative to cwd, or absolute) that findings without a location of their own point at. */
  anchor?: string;
}

export function renderSarif(report: Report, options: SarifOptions): string {
  return `${JSON.stringify(buildSarif(report, options), null, 2)}\n`;
}

export function buildSarif(report: Report, { cwd, strict, reads = {}, anchor }: SarifOptions): Record<string, unknown> {
  const ruleIndex = new Map(report.checks.map((check, index) => [check.id, index]));
  const rules = report.checks.map((check) => ({
    id: check.id,
    name: ruleName(check.id),
    shortDescription: { text: check.title },
    ...(reads[check.id]?.length ? { fullDescription: { text: `${check.title}. Reads: ${reads[check.id]?.join('; ')}` } } : {}),
    defaultConfiguration: { level: 'error' },
    properties: { group: check.group },
  }));
  const srcRoot = pathToFileURL(resolve(cwd) + sep).href;
  const results = report.checks.flatMap((check) => {
    const reported = check.ignored?.status ?? check.status;
    if (reported !== 'error' && reported !== 'warning') return [];
    const own = check.locations.length > 0 ? check.locations : anchor ? [{ path: anchor, line: 1 }] : [];
    const locations = own.map((location) => physicalLocation(location, cwd));
    return [
      {
        ruleId: check.id,
        ruleIndex: ruleIndex.get(check.id) ?? 0,
        level: reported,
        message: { text: message(check) },
        ...(locations.length > 0 ? { locations } : {}),
        ...(check.ignored ? { suppressions: [{ kind: 'external', status: 'accepted', justification: check.ignored.reason }] } : {}),
        properties: {
          status: check.status,
          ...(check.fix ? { fix: check.fix } : {}),
          ...(check.severityOverride ? { severityOverride: check.severityOverride } : {}),
        },
      },
    ];
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: INFORMATION_URI,
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: srcRoot } },
        invocations: [{ executionSuccessful: true, properties: { strict, summary: report.summary } }],
        results,
        properties: { target: report.target, ...(report.config ? { config: report.config.path } : {}) },
      },
    ],
  };
}

function message(check: CheckResult): string {
  const lines = [check.summary, ...check.details];
  if (check.fix) lines.push(`Fix: ${check.fix}`);
  return lines.join('\n');
}

function physicalLocation(location: Location, cwd: string): Record<string, unknown> {
  const absolute = resolve(cwd, location.path);
  const rel = relative(resolve(cwd), absolute);
  const inside = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  const artifactLocation = inside
    ? { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' }
    : { uri: pathToFileURL(absolute).href };
  return { physicalLocation: { artifactLocation, ...(location.line ? { region: { startLine: location.line } } : {}) } };
}

/**
 * Where environment-level findings are anchored: the config file when it lies inside the working directory,
 * else, in GitHub Actions, the workflow file that ran the doctor (from GITHUB_WORKFLOW_REF).
 */
export function sarifAnchor(report: Report, cwd: string, env: Record<string, string | undefined>): string | undefined {
  if (report.config) {
    const rel = relative(resolve(cwd), resolve(cwd, report.config.path));
    if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) return rel;
  }
  const workflow = /(?:^|\/)(\.github\/workflows\/[^@]+)@/.exec(env.GITHUB_WORKFLOW_REF ?? '');
  return workflow?.[1];
}

/** "jars.flink-version" → "JarsFlinkVersion": SARIF's rule name is an identifier-like label. */
function ruleName(id: string): string {
  return id
    .split(/[.-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
