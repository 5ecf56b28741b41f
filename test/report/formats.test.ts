// Every output format, tested by parsing what it writes: an XML parser for JUnit, JSON + a vendored SARIF
// 2.1.0 subset schema for SARIF, a table split for Markdown, the runner's unescaping for workflow commands.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { summarize, type CheckResult, type Report } from '../../src/engine/model.js';
import { escapeData, escapeProperty, renderGithub } from '../../src/report/github.js';
import { planOutput } from '../../src/report/index.js';
import { renderJunit } from '../../src/report/junit.js';
import { cell, renderMarkdown } from '../../src/report/markdown.js';
import { buildSarif, renderSarif, sarifAnchor } from '../../src/report/sarif.js';

const NASTY = 'a <b> & "c" \'d\' | e\u0000f\u001b[31mred\u001b[0m %25 done: x, y\r\nline2 ]]> \uD800';

function result(partial: Partial<CheckResult> & Pick<CheckResult, 'id' | 'status'>): CheckResult {
  return {
    title: `Title of ${partial.id}`,
    group: 'JARs',
    summary: `${partial.id} summary`,
    details: [],
    fix: null,
    durationMs: 12,
    facts: {},
    locations: [],
    sources: [],
    ...partial,
  };
}

function fixture(): Report {
  const checks: CheckResult[] = [
    result({ id: 'java.runtime', status: 'ok', group: 'Java' }),
    result({
      id: 'jars.flink-version',
      status: 'error',
      summary: NASTY,
      details: ['detail one', NASTY],
      fix: 'Replace the JAR\nthen rebuild',
      locations: [{ path: 'lib/flink-connector-kafka-3.0.0-1.17.jar' }, { path: '/elsewhere/x y.jar', line: 3 }],
    }),
    result({ id: 'jars.updates', status: 'warning', summary: 'newer connector available', locations: [{ path: 'lib/kafka.jar' }] }),
    result({ id: 'flink.home', status: 'skipped', group: 'Flink', summary: 'FLINK_HOME is not set' }),
    result({
      id: 'jars.duplicates',
      status: 'skipped',
      summary: 'two copies of kafka',
      ignored: { reason: 'known: shaded copy, ticket #12', status: 'warning' },
    }),
  ];
  return {
    schemaVersion: 1,
    tool: { name: 'flink-doctor', version: '0.1.0' },
    target: { flinkVersion: '2.2.1', source: 'config' },
    checks,
    summary: summarize(checks),
    durationMs: 345,
    config: { path: '/repo/flink-doctor.config.json' },
  };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  htmlEntities: true,
  isArray: (name) => name === 'testcase' || name === 'property',
});

interface Testcase {
  '@name': string;
  '@classname': string;
  failure?: { '#text'?: string; '@message': string; '@type': string };
  skipped?: { '@message': string };
  'system-out'?: string;
}

function parseJunit(xml: string): { suites: Record<string, string>; suite: Record<string, string>; cases: Testcase[] } {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = parser.parse(xml) as {
    testsuites: Record<string, string> & { testsuite: Record<string, string> & { testcase: Testcase[] } };
  };
  return { suites: doc.testsuites, suite: doc.testsuites.testsuite, cases: doc.testsuites.testsuite.testcase };
}

describe('junit', () => {
  it('is well-formed XML with one testsuite and one testcase per check', () => {
    const { suites, suite, cases } = parseJunit(renderJunit(fixture(), { strict: false }));
    expect(suite['@name']).toBe('flink-doctor');
    expect(Array.isArray(suites.testsuite)).toBe(false);
    expect(cases.map((c) => c['@name'])).toEqual(['java.runtime', 'jars.flink-version', 'jars.updates', 'flink.home', 'jars.duplicates']);
    expect(suite).toMatchObject({ '@tests': '5', '@failures': '1', '@errors': '0', '@skipped': '2' });
    expect(suites['@failures']).toBe('1');
  });

  it('error → failure, skipped → skipped, ignored → skipped with the reason, warning → system-out', () => {
    const { cases } = parseJunit(renderJunit(fixture(), { strict: false }));
    const [ok, error, warning, skipped, ignored] = cases;
    expect(ok?.failure).toBeUndefined();
    expect(error?.failure?.['@type']).toBe('error');
    expect(error?.failure?.['#text']).toContain('fix: Replace the JAR');
    expect(error?.failure?.['#text']).toContain('at lib/flink-connector-kafka-3.0.0-1.17.jar');
    expect(warning?.failure).toBeUndefined();
    expect(warning?.['system-out']).toContain('warning: newer connector available');
    expect(skipped?.skipped?.['@message']).toBe('FLINK_HOME is not set');
    expect(ignored?.skipped?.['@message']).toContain('ignored: known: shaded copy, ticket #12');
  });

  it('--strict turns warnings into failures', () => {
    const { suite, cases } = parseJunit(renderJunit(fixture(), { strict: true }));
    expect(suite['@failures']).toBe('2');
    expect(cases[2]?.failure?.['@type']).toBe('warning (--strict)');
  });

  it('escapes markup, quotes and control characters so the text survives a round trip', () => {
    const xml = renderJunit(fixture(), { strict: false });
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    const { cases } = parseJunit(xml);
    const failure = cases[1]?.failure;
    expect(failure?.['@message']).toContain('a <b> & "c" \'d\' | e\\u0000f\\u001b[31mred');
    expect(failure?.['@message']).toContain('done: x, y\r\nline2 ]]> \uFFFD');
    expect(failure?.['#text']).toContain('a <b> & "c"');
  });
});

const sarifSchema = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'sarif-2.1.0-subset.schema.json'), 'utf8'));
const validateSarif = new Ajv({
  allErrors: true,
  strict: true,
  // The OASIS schema states "one of these is required" with anyOf/required, which strict mode would reject.
  strictRequired: false,
  allowUnionTypes: true,
  formats: {
    uri: (s: string) => URL.canParse(s),
    'uri-reference': (s: string) => !/\s/.test(s) && URL.canParse(s, 'file:///base/'),
  },
}).compile(sarifSchema);

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string; shortDescription: { text: string }; fullDescription?: { text: string } }[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations?: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region?: { startLine: number } } }[];
      suppressions?: { kind: string; justification: string }[];
    }[];
  }[];
}

describe('sarif', () => {
  const log = JSON.parse(
    renderSarif(fixture(), { cwd: '/repo', strict: false, reads: { 'jars.flink-version': ['$FLINK_HOME/lib/*.jar'] } }),
  ) as SarifLog;

  it('is SARIF 2.1.0 (validated against the vendored subset of the OASIS schema)', () => {
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
  });

  it('one rule per check id; one result per warning or error, ruleIndex pointing at its rule', () => {
    const run = log.runs[0]!;
    const rules = run.tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual(fixture().checks.map((c) => c.id));
    expect(rules[1]?.fullDescription?.text).toContain('$FLINK_HOME/lib/*.jar');
    expect(run.results.map((r) => [r.ruleId, r.level])).toEqual([
      ['jars.flink-version', 'error'],
      ['jars.updates', 'warning'],
      ['jars.duplicates', 'warning'],
    ]);
    for (const r of run.results) expect(rules[r.ruleIndex]?.id).toBe(r.ruleId);
  });

  it('file-bound findings carry locations: relative to %SRCROOT% inside the cwd, file: URIs outside', () => {
    const run = log.runs[0]!;
    expect(run.originalUriBaseIds['%SRCROOT%']?.uri).toBe('file:///repo/');
    const locations = run.results[0]?.locations ?? [];
    expect(locations[0]?.physicalLocation.artifactLocation).toEqual({
      uri: 'lib/flink-connector-kafka-3.0.0-1.17.jar',
      uriBaseId: '%SRCROOT%',
    });
    expect(locations[1]?.physicalLocation).toEqual({ artifactLocation: { uri: 'file:///elsewhere/x%20y.jar' }, region: { startLine: 3 } });
    expect(run.results[0]?.message.text).toContain(NASTY);
  });

  it('ignored findings are kept with an external suppression carrying the reason', () => {
    const ignored = log.runs[0]!.results[2];
    expect(ignored?.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'known: shaded copy, ticket #12' }]);
  });

  it('with an anchor every result has a location (GitHub code scanning rejects uploads with locationless results)', () => {
    const anchored = buildSarif(fixture(), { cwd: '/repo', strict: false, anchor: 'flink-doctor.config.json' }) as unknown as SarifLog;
    expect(validateSarif(anchored)).toBe(true);
    for (const r of anchored.runs[0]!.results) expect(r.locations?.length, r.ruleId).toBeGreaterThan(0);
    expect(anchored.runs[0]!.results[2]?.locations).toEqual([
      { physicalLocation: { artifactLocation: { uri: 'flink-doctor.config.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } } },
    ]);
    // Findings with their own file keep it.
    expect(anchored.runs[0]!.results[1]?.locations?.[0]?.physicalLocation.artifactLocation.uri).toBe('lib/kafka.jar');
  });

  it('anchors at the config file inside the cwd, else the GitHub workflow file, else nowhere', () => {
    const ref = { GITHUB_WORKFLOW_REF: 'octo/repo/.github/workflows/pre-submit.yml@refs/pull/7/merge' };
    expect(sarifAnchor(fixture(), '/repo', ref)).toBe('flink-doctor.config.json');
    expect(sarifAnchor({ ...fixture(), config: { path: '/etc/flink-doctor.config.json' } }, '/repo', ref)).toBe(
      '.github/workflows/pre-submit.yml',
    );
    const { config: _config, ...withoutConfig } = fixture();
    expect(sarifAnchor(withoutConfig, '/repo', {})).toBeUndefined();
  });

  it('a clean report has rules and no results', () => {
    const clean = { ...fixture(), checks: [result({ id: 'java.runtime', status: 'ok' })] };
    const empty = buildSarif(clean, { cwd: '/repo', strict: true }) as unknown as SarifLog;
    expect(validateSarif(empty)).toBe(true);
    expect(empty.runs[0]?.results).toEqual([]);
  });
});

describe('markdown', () => {
  it('is a table with one row per check whose cells survive pipes and newlines', () => {
    const md = renderMarkdown(fixture(), { strict: false });
    const rows = md.split('\n').filter((line) => line.startsWith('|'));
    expect(rows).toHaveLength(2 + fixture().checks.length);
    // Split on unescaped pipes: every row has the same 4 cells.
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length - 2).toBe(4);
    expect(md).toContain('### ❌ flink-doctor 0.1.0');
    expect(md).toContain('**1 error**, 1 warning');
    expect(md).toContain('a &lt;b&gt; &amp; "c" \'d\' \\| e');
    expect(md).toContain('Replace the JAR<br>then rebuild');
    expect(md).toContain('ignored (warning): known: shaded copy, ticket #12');
    expect(md).not.toMatch(/[\u0000\u001b]/);
  });

  it('cell() escapes backslashes before pipes', () => {
    expect(cell('a\\|b')).toBe('a\\\\\\|b');
  });
});

/** The runner's reading of a workflow command (actions/runner ActionCommand: unescape %0D, %0A, %3A, %2C, %25). */
function parseCommand(line: string): { command: string; properties: Record<string, string>; data: string } {
  const match = /^::(\w+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!match) throw new Error(`not a workflow command: ${line}`);
  const unescape = (s: string) =>
    s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  const properties: Record<string, string> = {};
  for (const pair of (match[2] ?? '').split(',').filter(Boolean)) {
    const [key, ...value] = pair.split('=');
    properties[key ?? ''] = unescape(value.join('='));
  }
  return { command: match[1] ?? '', properties, data: unescape(match[3] ?? '') };
}

describe('github', () => {
  it('one ::error/::warning per problem, file relative to the workspace, data and properties escaped', () => {
    const out = renderGithub(fixture(), { workspace: '/repo' });
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const [error, warning] = lines.map(parseCommand);
    expect(error?.command).toBe('error');
    expect(error?.properties).toEqual({ title: 'flink-doctor jars.flink-version', file: 'lib/flink-connector-kafka-3.0.0-1.17.jar' });
    // Control characters reach the log as visible escapes (the log viewer renders ANSI codes); line breaks stay line breaks.
    const shown = 'a <b> & "c" \'d\' | e\\x00f\\x1b[31mred\\x1b[0m %25 done: x, y\nline2 ]]> \uD800';
    expect(error?.data).toBe(`${shown}\ndetail one\n${shown}\nFix: Replace the JAR\nthen rebuild`);
    expect(warning).toMatchObject({ command: 'warning', properties: { file: 'lib/kafka.jar' } });
  });

  it('escapes per the runner: % CR LF in data, also : and , in properties', () => {
    expect(escapeData('50% done\r\nnext: a,b')).toBe('50%25 done%0D%0Anext: a,b');
    expect(escapeProperty('C:\\x, y%')).toBe('C%3A\\x%2C y%25');
  });

  it('writes nothing when there is nothing to annotate', () => {
    expect(renderGithub({ ...fixture(), checks: [result({ id: 'java.runtime', status: 'ok' })] }, { workspace: '/repo' })).toBe('');
  });
});

describe('planOutput', () => {
  const base = { cwd: '/work', env: {} };
  it('defaults to human on stdout; --json is --format json', () => {
    expect(planOutput(base)).toEqual({ format: 'human', stdout: ['human'] });
    expect(planOutput({ ...base, json: true })).toEqual({ format: 'json', stdout: ['json'] });
    expect(planOutput({ ...base, json: true, format: 'json' })).toEqual({ format: 'json', stdout: ['json'] });
  });
  it('--output writes the format to the file and the human summary to the terminal', () => {
    expect(planOutput({ ...base, format: 'junit', output: 'out/r.xml' })).toEqual({
      format: 'junit',
      file: '/work/out/r.xml',
      fileSource: '--output',
      stdout: ['human'],
    });
  });
  it('GITHUB_ACTIONS=true adds workflow commands to human output only', () => {
    const env = { GITHUB_ACTIONS: 'true' };
    expect(planOutput({ ...base, env }).stdout).toEqual(['human', 'github']);
    expect(planOutput({ ...base, env, format: 'json' }).stdout).toEqual(['json']);
    expect(planOutput({ ...base, env, format: 'sarif', output: 'x.sarif' }).stdout).toEqual(['human', 'github']);
    expect(planOutput({ ...base, env, format: 'github' }).stdout).toEqual(['github']);
  });
  it('rejects unknown formats and --json with another --format', () => {
    expect(() => planOutput({ ...base, format: 'yaml' })).toThrow(
      "unknown format 'yaml' (known: human, json, junit, sarif, markdown, github)",
    );
    expect(() => planOutput({ ...base, json: true, format: 'junit' })).toThrow(
      '--json is --format json; it cannot be combined with --format junit',
    );
  });
});
