// flink-doctor.config.json: discovery, validation (one line naming the bad key), flags beating the file,
// severity overrides and ignore entries — unit-level and through the real CLI.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { allChecks } from '../../checks/index.js';
import { FLAGS, type FlagSpec } from '../../src/cli/flags.js';
import { CONFIG_KEYS, findConfig, parseConfig } from '../../src/config/file.js';
import { KEY_TO_FLAG, applyPolicy, resolveInvocation } from '../../src/config/index.js';
import type { CheckResult, Report } from '../../src/engine/model.js';
import { runCli } from '../helpers/cli.js';
import { jdk17 } from '../helpers/java.js';
import { isolatedEnv } from '../helpers/run-check.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';

const ids = allChecks.map((c) => c.id);
const parse = (doc: unknown, path = '/proj/flink-doctor.config.json') => parseConfig(JSON.stringify(doc), path, ids);

describe('parseConfig', () => {
  it('accepts every documented key and resolves relative paths against the file', () => {
    const config = parse({
      $schema: './node_modules/flink-doctor/schemas/config.schema.json',
      flinkVersion: '2.2.1',
      python: '.venv/bin/python',
      javaHome: '/usr/lib/jvm/java-17',
      confDir: 'conf',
      jars: ['lib/a.jar', '/abs/b.jar'],
      job: 'jobs/main.py',
      mavenRepo: 'https://repo.example/maven2',
      offline: true,
      only: ['java', 'flink.home'],
      skip: 'pyflink',
      strict: true,
      format: 'junit',
      output: 'reports/doctor.xml',
      severity: { 'java.runtime': 'warning', flink: 'off' },
      ignore: [{ check: 'flink.home', reason: 'image ships its own FLINK_HOME', match: 'flink-dist' }],
    });
    expect(config).toMatchObject({
      python: '/proj/.venv/bin/python',
      confDir: '/proj/conf',
      jars: ['/proj/lib/a.jar', '/abs/b.jar'],
      job: ['/proj/jobs/main.py'],
      mavenRepo: 'https://repo.example/maven2',
      skip: ['pyflink'],
      output: '/proj/reports/doctor.xml',
      ignore: [{ check: 'flink.home', reason: 'image ships its own FLINK_HOME', match: 'flink-dist' }],
    });
  });

  it('keeps a bare interpreter name for PATH lookup; a maven repository is an http(s) URL, kept as written', () => {
    expect(parse({ python: 'python3.11', mavenRepo: 'http://nexus.local:8081/repository/maven-public/' })).toEqual({
      python: 'python3.11',
      mavenRepo: 'http://nexus.local:8081/repository/maven-public/',
    });
  });

  it.each([
    [{ flinkversion: '2.2' }, 'unknown key "flinkversion" (did you mean "flinkVersion"?)'],
    [{ javahome: '/x' }, 'did you mean "javaHome"?'],
    [{ colour: true }, 'unknown key "colour"; known keys: flinkVersion, python'],
    // Names Object.prototype has are unknown keys too (the fuzz property found "toString" crashing the reader table).
    [JSON.parse('{"toString": []}') as object, 'unknown key "toString"; known keys: flinkVersion, python'],
    [JSON.parse('{"constructor": 1}') as object, 'unknown key "constructor"; known keys: flinkVersion, python'],
    [JSON.parse('{"__proto__": {}}') as object, 'unknown key "__proto__"; known keys: flinkVersion, python'],
    [{ flinkVersion: 'banana' }, '"flinkVersion" must be a Flink version such as "2.2" or "2.2.1"'],
    [{ flinkVersion: '9.1' }, '"flinkVersion" 9.1: flink-doctor knows Flink 1.15 to '],
    [{ mavenRepo: '../m2' }, `"mavenRepo": '../m2' is not a URL`],
    [{ mavenRepo: 'file:///home/me/.m2/repository' }, '"mavenRepo": only http(s) repositories are supported, not file:'],
    [{ strict: 'yes' }, '"strict" must be true or false'],
    [{ python: '' }, '"python" must be a non-empty string'],
    [{ jars: [] }, '"jars" must be a path or a non-empty array of paths'],
    [{ only: ['nope'] }, `"only"[0]: unknown check 'nope' (known: ${ids.join(', ')})`],
    [{ format: 'yaml' }, '"format" must be one of human, json, junit, sarif, markdown, github'],
    [{ severity: { 'java.runtime': 'info' } }, '"severity"."java.runtime" must be "off", "warning" or "error"'],
    [{ severity: { 'jars.nope': 'off' } }, `"severity": unknown check 'jars.nope'`],
    [{ ignore: [{ check: 'java.runtime' }] }, '"ignore"[0].reason is required: say why this finding is accepted'],
    [
      { ignore: [{ check: 'java.runtime', reason: 'x', because: 'y' }] },
      '"ignore"[0]: unknown key "because" (known: check, reason, match)',
    ],
    [['not', 'an', 'object'], 'must be a JSON object of settings'],
  ])('%j → %s', (doc, message) => {
    expect(() => parse(doc)).toThrow(message);
    expect(() => parse(doc)).toThrow(/^\/proj\/flink-doctor\.config\.json: /);
  });

  it('invalid JSON names the file', () => {
    expect(() => parseConfig('{ "strict": tru }', '/p/c.json', ids)).toThrow(/^\/p\/c\.json: not valid JSON: /);
  });
});

describe('findConfig', () => {
  it('finds the nearest flink-doctor.config.json from the working directory upwards', async () => {
    const root = await tempDir();
    const deep = join(root, 'a', 'b', 'c');
    await mkdir(deep, { recursive: true });
    expect(await findConfig(deep)).toBeUndefined();
    await writeFile(join(root, 'flink-doctor.config.json'), '{}');
    expect(await findConfig(deep)).toBe(join(root, 'flink-doctor.config.json'));
    await writeFile(join(root, 'a', 'flink-doctor.config.json'), '{}');
    expect(await findConfig(deep)).toBe(join(root, 'a', 'flink-doctor.config.json'));
  });
});

describe('resolveInvocation', () => {
  it('fills flags from the file, flags win, and settings whose flag does not exist yet go straight to Options', async () => {
    const dir = await tempDir();
    await writeFileDeep(
      join(dir, 'flink-doctor.config.json'),
      JSON.stringify({
        flinkVersion: '2.1',
        job: 'job.py',
        jars: ['lib/x.jar'],
        offline: true,
        mavenRepo: 'https://m2.example/maven2',
        strict: true,
      }),
    );
    await writeFileDeep(join(dir, 'job.py'), 'print(1)\n');
    const withoutJarFlags: FlagSpec[] = FLAGS.filter((f) => !['job', 'jars', 'offline', 'maven-repo'].includes(f.name));
    const a = await resolveInvocation({ 'flink-version': '2.2' }, { cwd: dir, env: {}, flagSpecs: withoutJarFlags, checkIds: ids });
    expect(a.flags['flink-version']).toBe('2.2');
    expect(a.flags.strict).toBe(true);
    expect(a.flinkVersionFromConfig).toBe(false);
    expect(a.extraOptions).toEqual({
      job: [join(dir, 'job.py')],
      jars: [join(dir, 'lib/x.jar')],
      offline: true,
      mavenRepo: 'https://m2.example/maven2',
    });

    const withJarFlags: FlagSpec[] = [
      ...withoutJarFlags,
      { name: 'jars', type: 'string', multiple: true, description: '' },
      { name: 'job', type: 'string', description: '' },
      { name: 'offline', type: 'boolean', description: '' },
      { name: 'maven-repo', type: 'string', description: '' },
    ];
    const b = await resolveInvocation({ job: 'cli.py' }, { cwd: dir, env: {}, flagSpecs: withJarFlags, checkIds: ids });
    expect(b.extraOptions).toEqual({});
    expect(b.flags).toMatchObject({
      job: 'cli.py',
      jars: [join(dir, 'lib/x.jar')],
      offline: true,
      'maven-repo': 'https://m2.example/maven2',
      'flink-version': '2.1',
    });
    expect(b.flinkVersionFromConfig).toBe(true);
  });

  it('KEY_TO_FLAG is derived: every config key but $schema, severity and ignore, flag in kebab case, option named like the key', () => {
    expect(KEY_TO_FLAG.mavenRepo).toEqual({ flag: 'maven-repo', option: 'mavenRepo' });
    expect(KEY_TO_FLAG.flinkVersion).toEqual({ flag: 'flink-version', option: 'flinkVersion' });
    expect(Object.keys(KEY_TO_FLAG).sort()).toEqual(
      Object.keys(CONFIG_KEYS)
        .filter((k) => !['$schema', 'severity', 'ignore', 'plugins'].includes(k))
        .sort(),
    );
    // Every mapped flag is one the CLI declares.
    const declared = new Set(FLAGS.map((f) => f.name));
    for (const mapping of Object.values(KEY_TO_FLAG)) expect(declared.has(mapping.flag), mapping.flag).toBe(true);
  });

  it('a "job" from the file that is missing or not a file names the key and the file, not --job; --job beats it', async () => {
    const dir = await tempDir();
    const path = join(dir, 'flink-doctor.config.json');
    await writeFileDeep(path, JSON.stringify({ job: 'jobs/missing.py' }));
    const opts = { cwd: dir, env: {}, flagSpecs: FLAGS, checkIds: ids };
    await expect(resolveInvocation({}, opts)).rejects.toThrow(`${path}: "job" ${join(dir, 'jobs', 'missing.py')}: no such file`);
    // --job wins: the file's missing job is neither checked nor used.
    expect((await resolveInvocation({ job: 'other.py' }, opts)).flags.job).toBe('other.py');
    await writeFileDeep(path, JSON.stringify({ job: '.' }));
    await expect(resolveInvocation({}, opts)).rejects.toThrow(`${path}: "job" ${dir}: not a file`);
  });

  it('"job" may list several job files (.py and .sql), as --job repeated; each must be a file, the missing one named', async () => {
    const dir = await tempDir();
    const path = join(dir, 'flink-doctor.config.json');
    await writeFileDeep(join(dir, 'jobs', 'etl.py'), 'print(1)\n');
    await writeFileDeep(join(dir, 'jobs', 'ddl.sql'), 'SELECT 1;\n');
    await writeFileDeep(path, JSON.stringify({ job: ['jobs/etl.py', 'jobs/ddl.sql'] }));
    const opts = { cwd: dir, env: {}, flagSpecs: FLAGS, checkIds: ids };
    expect((await resolveInvocation({}, opts)).flags.job).toEqual([join(dir, 'jobs', 'etl.py'), join(dir, 'jobs', 'ddl.sql')]);
    await writeFileDeep(path, JSON.stringify({ job: ['jobs/etl.py', 'jobs/gone.sql'] }));
    await expect(resolveInvocation({}, opts)).rejects.toThrow(`${path}: "job" ${join(dir, 'jobs', 'gone.sql')}: no such file`);
  });

  it('"severity": "off" checks join the skip list; --json and --format beat the file\'s format and output', async () => {
    const dir = await tempDir();
    await writeFileDeep(
      join(dir, 'flink-doctor.config.json'),
      JSON.stringify({ format: 'junit', output: 'r.xml', severity: { flink: 'off' } }),
    );
    const inv = await resolveInvocation({ skip: ['java'] }, { cwd: dir, env: {}, flagSpecs: FLAGS, checkIds: ids });
    expect(inv.flags.skip).toEqual(['java', 'flink.home']);
    expect(inv.plan).toEqual({
      format: 'junit',
      file: join(dir, 'r.xml'),
      fileSource: `"output" of ${join(dir, 'flink-doctor.config.json')}`,
      stdout: ['human'],
    });
    const json = await resolveInvocation({ json: true }, { cwd: dir, env: {}, flagSpecs: FLAGS, checkIds: ids });
    expect(json.plan).toEqual({ format: 'json', stdout: ['json'] });
    const sarif = await resolveInvocation({ format: 'sarif', output: 'x.sarif' }, { cwd: dir, env: {}, flagSpecs: FLAGS, checkIds: ids });
    expect(sarif.plan).toEqual({ format: 'sarif', file: join(dir, 'x.sarif'), fileSource: '--output', stdout: ['human'] });
    const outputOnly = await resolveInvocation({ output: 'y.xml' }, { cwd: dir, env: {}, flagSpecs: FLAGS, checkIds: ids });
    expect(outputOnly.plan).toEqual({ format: 'junit', file: join(dir, 'y.xml'), fileSource: '--output', stdout: ['human'] });
  });
});

describe('applyPolicy', () => {
  const base: CheckResult = {
    id: 'jars.updates',
    title: 't',
    group: 'JARs',
    status: 'warning',
    summary: 'kafka 3.2 is out',
    details: ['lib/kafka.jar'],
    fix: null,
    durationMs: 1,
    facts: {},
    locations: [],
    sources: [],
  };
  const policy = (p: Partial<Parameters<typeof applyPolicy>[1] & object>) => ({ severity: {}, ignore: [], source: 'cfg.json', ...p });

  it('re-grades warnings and errors, exact ids before prefixes; ok stays ok', () => {
    const [up] = applyPolicy([base], policy({ severity: { jars: 'warning', 'jars.updates': 'error' } }));
    expect(up).toMatchObject({ status: 'error', severityOverride: { level: 'error', from: 'warning' } });
    const [ok] = applyPolicy([{ ...base, status: 'ok' }], policy({ severity: { jars: 'error' } }));
    expect(ok?.status).toBe('ok');
    expect(ok?.severityOverride).toBeUndefined();
  });

  it('an ignore entry (optionally matching text) turns a problem into skipped and keeps the reason', () => {
    const [ignored] = applyPolicy([base], policy({ ignore: [{ check: 'jars', reason: 'pinned until Q3', match: 'KAFKA.JAR' }] }));
    expect(ignored).toMatchObject({ status: 'skipped', ignored: { reason: 'pinned until Q3', match: 'KAFKA.JAR', status: 'warning' } });
    const [kept] = applyPolicy([base], policy({ ignore: [{ check: 'jars', reason: 'x', match: 'hbase' }] }));
    expect(kept?.status).toBe('warning');
  });
});

describe('the CLI with a config file', () => {
  async function project(config: unknown): Promise<{ dir: string; sub: string }> {
    const dir = await tempDir();
    const sub = join(dir, 'jobs', 'etl');
    await mkdir(sub, { recursive: true });
    await writeFileDeep(join(dir, 'flink-doctor.config.json'), typeof config === 'string' ? config : JSON.stringify(config));
    return { dir, sub };
  }
  const run = (argv: string[], cwd: string) => runCli(argv, isolatedEnv(), cwd);

  it('is found from a subdirectory; its target and output settings apply; the report names it', async () => {
    const { dir, sub } = await project({ flinkVersion: '2.2', javaHome: jdk17(), only: ['java.runtime'], format: 'json' });
    const result = await run([], sub);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.target).toEqual({ flinkVersion: '2.2', source: 'config' });
    expect(report.config).toEqual({ path: join(dir, 'flink-doctor.config.json') });
    expect(report.checks.map((c) => c.id)).toEqual(['java.runtime']);
  });

  it('flags beat the file', async () => {
    const { sub } = await project({ flinkVersion: '2.2', javaHome: '/nonexistent', only: ['java.runtime'], format: 'json' });
    const result = await run(['--java-home', jdk17(), '--flink-version', '2.1', '--format', 'human'], sub);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('target: Flink 2.1 (from --flink-version)');
    expect(result.stdout).toContain('✓ java.runtime');
  });

  it('format and output from the file write the report there; --json still means JSON on stdout', async () => {
    const { dir } = await project({
      flinkVersion: '2.2',
      javaHome: jdk17(),
      only: ['java.runtime'],
      format: 'junit',
      output: 'reports/doctor.xml',
    });
    const filed = await run([], dir);
    expect(filed.code).toBe(0);
    expect(filed.stdout).toContain(`junit report written to ${join(dir, 'reports', 'doctor.xml')}`);
    expect(existsSync(join(dir, 'reports', 'doctor.xml'))).toBe(true);
    const other = await project({
      flinkVersion: '2.2',
      javaHome: jdk17(),
      only: ['java.runtime'],
      format: 'junit',
      output: 'reports/doctor.xml',
    });
    const json = await run(['--json'], other.dir);
    expect((JSON.parse(json.stdout) as Report).checks[0]?.id).toBe('java.runtime');
    expect(existsSync(join(other.dir, 'reports'))).toBe(false);
  });

  it('severity and ignore change the verdict, and the reason is shown', async () => {
    const broken = { flinkVersion: '2.2', javaHome: '/nonexistent', only: ['java.runtime'] };
    const graded = await project({ ...broken, severity: { 'java.runtime': 'warning' } });
    const warned = await run(['--json'], graded.dir);
    expect(warned.code).toBe(0);
    expect(JSON.parse(warned.stdout).checks[0]).toMatchObject({ status: 'warning', severityOverride: { level: 'warning', from: 'error' } });
    expect((await run(['--strict'], graded.dir)).code).toBe(1);

    const ignored = await project({ ...broken, ignore: [{ check: 'java.runtime', reason: 'Java comes from the base image (JIRA-42)' }] });
    const human = await run([], ignored.dir);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('ignored (was error): Java comes from the base image (JIRA-42)');
    const json = JSON.parse((await run(['--json'], ignored.dir)).stdout) as Report;
    expect(json.checks[0]).toMatchObject({
      status: 'skipped',
      ignored: { reason: 'Java comes from the base image (JIRA-42)', status: 'error' },
    });

    // An ignore entry that matches nothing is reported, so stale entries get cleaned up.
    const stale = await project({
      ...broken,
      javaHome: jdk17(),
      ignore: [{ check: 'java.runtime', reason: 'old JDK on the build agents', match: 'Java 8' }],
    });
    const staleJson = JSON.parse((await run(['--json'], stale.dir)).stdout) as Report;
    expect(staleJson.config?.unusedIgnores).toEqual([{ check: 'java.runtime', reason: 'old JDK on the build agents', match: 'Java 8' }]);
    expect((await run([], stale.dir)).stdout).toContain(
      'ignore entry for java.runtime matching "Java 8" matched nothing this run ("old JDK on the build agents")',
    );

    const off = await project({ ...broken, severity: { java: 'off' } });
    const offRun = JSON.parse((await run(['--json'], off.dir)).stdout) as Report;
    expect(offRun.checks[0]).toMatchObject({ status: 'skipped', severityOverride: { level: 'off' } });
    expect(offRun.checks[0]?.summary).toContain('turned off');
  });

  it.each([
    ['an invalid file', '{"flinkVersion": "2.2",}', /^flink-doctor: .*flink-doctor\.config\.json: not valid JSON: /],
    [
      'an unknown key',
      '{"flinkversion": "2.2"}',
      /^flink-doctor: .*flink-doctor\.config\.json: unknown key "flinkversion" \(did you mean "flinkVersion"\?\)/,
    ],
    [
      'a local folder as mavenRepo',
      '{"mavenRepo": "./m2"}',
      /^flink-doctor: .*flink-doctor\.config\.json: "mavenRepo": '\.\/m2' is not a URL$/m,
    ],
    [
      'an unknown Flink line',
      '{"flinkVersion": "3.9"}',
      /^flink-doctor: .*flink-doctor\.config\.json: "flinkVersion" 3\.9: flink-doctor knows Flink /,
    ],
    ['a missing job', '{"job": "nope.py"}', /^flink-doctor: .*flink-doctor\.config\.json: "job" .*nope\.py: no such file$/m],
  ])('%s → exit 2 with one line', async (_name, text, message) => {
    const { sub } = await project(text);
    const result = await run([], sub);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('--config FILE overrides discovery; a missing or unparsable one is exit 2 with one line', async () => {
    const { dir, sub } = await project({ format: 'json', javaHome: '/nonexistent' });
    await writeFileDeep(join(dir, 'ci', 'doctor.json'), JSON.stringify({ flinkVersion: '2.2', javaHome: jdk17(), only: ['java.runtime'] }));
    const result = await run(['--config', '../../ci/doctor.json'], sub);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('target: Flink 2.2 (from the config file)');

    for (const argv of [
      ['--config', 'missing.json'],
      ['--config', join(dir, 'jobs')],
    ]) {
      const failed = await run(argv, sub);
      expect(failed.code).toBe(2);
      expect(failed.stderr).toMatch(/^flink-doctor: cannot read config file /);
      expect(failed.stderr.trim().split('\n')).toHaveLength(1);
    }
    await writeFileDeep(join(dir, 'broken.json'), 'strict: true');
    const unparsable = await run(['--config', join(dir, 'broken.json')], sub);
    expect(unparsable.code).toBe(2);
    expect(unparsable.stderr).toMatch(/broken\.json: not valid JSON/);
  });
});

describe('schemas/config.schema.json (for editors)', () => {
  const schema = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'schemas', 'config.schema.json'), 'utf8')) as {
    properties: Record<string, unknown>;
  };
  const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);

  it('names exactly the keys the loader accepts', () => {
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(CONFIG_KEYS).sort());
  });

  it('accepts the example in docs/ci.md and rejects what the loader rejects', () => {
    const docText = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'ci.md'), 'utf8');
    const example = /```json\n([\s\S]*?)```/.exec(docText)?.[1] ?? '';
    expect(validate(JSON.parse(example)), JSON.stringify(validate.errors)).toBe(true);
    for (const bad of [
      { flinkversion: '2.2' },
      { mavenRepo: '../m2' },
      { mavenRepo: 'file:///m2' },
      { strict: 'yes' },
      { ignore: [{ check: 'java.runtime' }] },
      { severity: { 'java.runtime': 'info' } },
      { format: 'yaml' },
    ]) {
      expect(validate(bad), JSON.stringify(bad)).toBe(false);
      expect(() => parse(bad)).toThrow();
    }
  });
});
