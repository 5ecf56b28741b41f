// Plugins through the real command line (in-process): loaded only when named, each failure an `error`
// result of its own with a one-line reason, the run going on, exit codes unchanged. The plugins here are
// small modules written to a temporary folder, each standing for one way a real plugin goes wrong.
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult, Report } from '../../src/engine/model.js';
import { loadPlugins } from '../../src/plugins/load.js';
import { runCli } from '../helpers/cli.js';
import { isolatedEnv } from '../helpers/run-check.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';

const root = join(import.meta.dirname, '..', '..');
const validateReport = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(
  JSON.parse(readFileSync(join(root, 'schemas', 'report.schema.json'), 'utf8')),
);

/** A plugin module's source: one check (id plugin.<name>.<id>) reading `needs`, and optional facts. */
function pluginSource(name: string, { facts = '{}', checks = [] as string[], header = '', apiVersion = '1' } = {}): string {
  return `${header}\nexport default { apiVersion: ${apiVersion}, name: '${name}', version: '0.0.1', facts: ${facts}, checks: [${checks.join(',\n')}] };\n`;
}
const check = (id: string, needs: string, run: string) =>
  `{ id: '${id}', title: 'T ${id}', group: 'Plugins', description: 'Decides ${id}.', reads: [${needs}], needs: [${needs}], run: ${run} }`;

let dir = '';
const plugins: Record<string, string> = {
  // Healthy: a gatherer reading the target and the run's environment, a check judging it.
  'team.mjs': pluginSource('team', {
    facts: `{ owner: { needs: ['target'], timeoutMs: 2000, gather: async ({ facts, env, cwd }) => ({ owner: env.TEAM_OWNER ?? null, line: facts.target.minor, cwd }) } }`,
    checks: [
      check(
        'plugin.team.owner',
        `'owner'`,
        `({ owner }) => owner.owner ? { status: 'ok', summary: \`owned by \${owner.owner} on \${owner.line}\` } : { status: 'warning', summary: 'no TEAM_OWNER', fix: 'export TEAM_OWNER=…' }`,
      ),
      // Mutates the facts it was handed: the next check (and every built-in one) must not see it.
      check(
        'plugin.team.mutates',
        `'target'`,
        `({ target }) => { target.minor = 'mutated'; return { status: 'ok', summary: 'mutated its copy' }; }`,
      ),
      check('plugin.team.reads', `'target'`, `({ target }) => ({ status: 'ok', summary: \`target \${target.minor}\` })`),
    ],
  }),
  // A fact of its own named like flink-doctor's: its check reads its own; built-in checks still read flink-doctor's.
  'own-jars.mjs': pluginSource('own-jars', {
    facts: `{ jars: { gather: () => ({ own: true }) } }`,
    checks: [check('plugin.own-jars.reads', `'jars'`, `({ jars }) => ({ status: 'ok', summary: \`own: \${jars.own === true}\` })`)],
  }),
  'throws-at-import.mjs': 'throw new Error("cannot reach the policy server\\n    at somewhere (file.js:1:1)");\n',
  'syntax-error.mjs': 'export default { apiVersion: 1,, };\n',
  'no-default.mjs': 'export const plugin = {};\n',
  'garbage.mjs': 'export default 42;\n',
  'future.mjs': pluginSource('future', {
    apiVersion: '2',
    checks: [check('plugin.future.x', `'target'`, `() => ({ status: 'ok', summary: 'x' })`)],
  }),
  'shadows.mjs': pluginSource('shadows', {
    checks: [check('java.runtime', `'java'`, `() => ({ status: 'ok', summary: 'all good, trust me' })`)],
  }),
  'check-throws.mjs': pluginSource('check-throws', {
    checks: [
      check(
        'plugin.check-throws.bad',
        `'target'`,
        `() => { throw new TypeError("cannot read properties of undefined (reading 'jars')\\n    at run"); }`,
      ),
      check('plugin.check-throws.async', `'target'`, `async () => ({ status: 'ok', summary: 'too late' })`),
      check('plugin.check-throws.garbage', `'target'`, `() => ({ status: 'green', summary: 'fine' })`),
      check('plugin.check-throws.good', `'target'`, `() => ({ status: 'ok', summary: 'still here' })`),
    ],
  }),
  // Hangs past its limit and holds a timer: the run must end anyway.
  'hangs.mjs': pluginSource('hangs', {
    facts: `{ slow: { timeoutMs: 300, gather: ({ signal }) => new Promise((resolve) => { const t = setTimeout(resolve, 60_000); signal.addEventListener('abort', () => { globalThis.__hangsAborted = true; }); }) } }`,
    checks: [check('plugin.hangs.slow', `'slow'`, `() => ({ status: 'ok', summary: 'never' })`)],
  }),
  'gather-throws.mjs': pluginSource('gather-throws', {
    facts: `{ file: { gather: () => { throw new Error('/etc/team/platform.json is not JSON: Unexpected token }'); } } }`,
    checks: [check('plugin.gather-throws.file', `'file'`, `() => ({ status: 'ok', summary: 'never' })`)],
  }),
};

beforeAll(async () => {
  dir = await tempDir('plugins-cli-');
  for (const [file, source] of Object.entries(plugins)) await writeFile(join(dir, file), source);
});

async function doctor(
  argv: string[],
  cwd = dir,
  env = isolatedEnv(),
): Promise<{ code: number; report: Report; byId: Record<string, CheckResult>; stderr: string }> {
  const run = await runCli(['--json', '--flink-version', '2.2', ...argv], env, cwd);
  let report: unknown;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    throw new Error(`no JSON report (exit ${run.code}): ${run.stderr}`);
  }
  if (!validateReport(report)) throw new Error(`report does not match its schema: ${JSON.stringify(validateReport.errors)}`);
  const typed = report as Report;
  return { code: run.code, report: typed, byId: Object.fromEntries(typed.checks.map((c) => [c.id, c])), stderr: run.stderr };
}

const summaries = (byId: Record<string, CheckResult>) =>
  Object.fromEntries(Object.entries(byId).map(([id, c]) => [id, `${c.status}: ${c.summary}`]));

describe('a healthy plugin', () => {
  it('adds its checks and its fact, marked with their origin; exit codes follow its verdicts', async () => {
    const warned = await doctor(['--plugin', './team.mjs', '--only', 'plugin']);
    expect(summaries(warned.byId)).toEqual({
      'plugin.team.owner': 'warning: no TEAM_OWNER',
      'plugin.team.mutates': 'ok: mutated its copy',
      'plugin.team.reads': 'ok: target 2.2',
    });
    expect(warned.byId['plugin.team.owner']?.origin).toEqual({ plugin: 'team', version: '0.0.1', spec: './team.mjs' });
    expect(warned.code).toBe(0);
    expect((await doctor(['--plugin', './team.mjs', '--only', 'plugin', '--strict'])).code).toBe(1);
    const owned = await doctor(
      ['--plugin', './team.mjs', '--only', 'plugin.team.owner'],
      dir,
      isolatedEnv({ TEAM_OWNER: 'data-platform' }),
    );
    expect(summaries(owned.byId)).toEqual({ 'plugin.team.owner': 'ok: owned by data-platform on 2.2' });
    expect(owned.code).toBe(0);
  });

  it("a fact of its own shadows flink-doctor's of the same key for its checks only", async () => {
    const alone = await doctor(['--only', 'jars.readable']);
    const { byId } = await doctor(['--plugin', './own-jars.mjs', '--only', 'jars.readable,plugin']);
    expect(byId['plugin.own-jars.reads']?.summary).toBe('own: true');
    expect(byId['jars.readable']?.summary).toBe(alone.byId['jars.readable']?.summary);
  });

  it('runs beside the built-in checks, which keep their results and carry no origin', async () => {
    const { byId } = await doctor(['--plugin', './team.mjs', '--only', 'flink,plugin.team.reads']);
    expect(Object.keys(byId)).toEqual(['flink.home', 'plugin.team.reads']);
    expect(byId['flink.home']?.origin).toBeUndefined();
  });
});

describe('a plugin that goes wrong is an error result of its own, and the run goes on', () => {
  it.each([
    [
      './throws-at-import.mjs',
      'plugin.throws-at-import',
      'plugin throws-at-import (./throws-at-import.mjs) was not loaded: it failed while loading: cannot reach the policy server',
    ],
    // The parser's own words differ between Node and vitest's module runner: the prefix is what matters here.
    ['./syntax-error.mjs', 'plugin.syntax-error', 'plugin syntax-error (./syntax-error.mjs) was not loaded: it failed while loading: '],
    ['./no-default.mjs', 'plugin.no-default', 'plugin no-default (./no-default.mjs) was not loaded: it has no default export'],
    ['./garbage.mjs', 'plugin.garbage', 'plugin garbage (./garbage.mjs) was not loaded: its default export is not an object (42)'],
    [
      './future.mjs',
      'plugin.future',
      'plugin future (./future.mjs) was not loaded: it was written for plugin API 2; flink-doctor 0.1.0 speaks plugin API 1',
    ],
    ['./shadows.mjs', 'plugin.shadows', 'plugin shadows (./shadows.mjs) was not loaded: check "java.runtime" takes a built-in check id'],
    ['./missing.mjs', 'plugin.missing', 'plugin missing (./missing.mjs) was not loaded: no such file'],
    [
      'acme-not-installed',
      'plugin.acme-not-installed',
      'plugin acme-not-installed was not loaded: package acme-not-installed is not installed in',
    ],
  ])('%s', async (spec, id, summary) => {
    const { code, byId, report } = await doctor(['--plugin', spec, '--plugin', './team.mjs', '--only', 'plugin']);
    const failed = byId[id];
    expect(failed?.status).toBe('error');
    expect(failed?.summary.startsWith(summary), failed?.summary).toBe(true);
    expect(failed?.summary).not.toMatch(/\n|\bat .*:\d+:\d+/);
    expect(failed?.fix).toBeTruthy();
    expect(failed?.origin?.spec).toBe(spec);
    expect(byId['plugin.team.reads']?.summary).toBe('target 2.2');
    expect(report.summary.error).toBe(1);
    expect(code).toBe(1);
  });

  it('a check that throws, returns a Promise or returns garbage fails alone; its neighbour still runs', async () => {
    const { byId } = await doctor(['--plugin', './check-throws.mjs', '--only', 'plugin']);
    expect(summaries(byId)).toEqual({
      'plugin.check-throws.bad': "error: check failed: cannot read properties of undefined (reading 'jars')",
      'plugin.check-throws.async':
        'error: check failed: run returned a Promise: checks are synchronous (do asynchronous work in a fact gatherer)',
      'plugin.check-throws.garbage':
        'error: check failed: run returned an outcome whose status is "green", not ok, warning, error, skipped',
      'plugin.check-throws.good': 'ok: still here',
    });
  });

  it('a gatherer that hangs is abandoned at its own limit (its signal aborted); one that throws says why', async () => {
    const started = performance.now();
    const { byId } = await doctor([
      '--plugin',
      './hangs.mjs',
      '--plugin',
      './gather-throws.mjs',
      '--plugin',
      './team.mjs',
      '--only',
      'plugin',
    ]);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(summaries(byId)).toMatchObject({
      'plugin.hangs.slow': "error: could not gather plugin.hangs.slow: no answer within 300 ms (the gatherer's time limit)",
      'plugin.gather-throws.file':
        'error: could not gather plugin.gather-throws.file: /etc/team/platform.json is not JSON: Unexpected token }',
      'plugin.team.reads': 'ok: target 2.2',
    });
    expect((globalThis as { __hangsAborted?: boolean }).__hangsAborted).toBe(true);
  });

  it('two plugins with one name: the second is refused', async () => {
    await writeFileDeep(join(dir, 'again', 'team.mjs'), plugins['team.mjs'] ?? '');
    const { byId } = await doctor(['--plugin', './team.mjs', '--plugin', './again/team.mjs', '--only', 'plugin']);
    expect(byId['plugin.team']?.summary).toBe(
      'plugin team (./again/team.mjs) was not loaded: its name "team" is taken by ./team.mjs, named before it',
    );
    expect(byId['plugin.team.reads']?.status).toBe('ok');
  });

  it('the same module named twice is loaded once', async () => {
    const { byId } = await doctor(['--plugin', './team.mjs', '--plugin', `${dir}/team.mjs`, '--only', 'plugin']);
    expect(Object.keys(byId)).toEqual(['plugin.team.owner', 'plugin.team.mutates', 'plugin.team.reads']);
  });
});

describe('naming plugins', () => {
  it('the config file\'s "plugins" resolve from its folder; --plugin adds to them; severity and ignore reach plugin checks', async () => {
    const project = await tempDir('plugins-project-');
    await writeFileDeep(join(project, 'tools', 'team.mjs'), plugins['team.mjs'] ?? '');
    await writeFileDeep(join(project, 'tools', 'future.mjs'), plugins['future.mjs'] ?? '');
    await writeFile(
      join(project, 'flink-doctor.config.json'),
      JSON.stringify({
        plugins: ['./tools/team.mjs'],
        only: ['plugin'],
        severity: { 'plugin.team.owner': 'error' },
        ignore: [{ check: 'plugin.team.reads', reason: 'testing ignore', match: 'never mentioned' }],
      }),
    );
    const sub = join(project, 'jobs', 'etl');
    await mkdir(sub, { recursive: true });
    const { byId, report, code } = await doctor([], sub);
    expect(byId['plugin.team.owner']).toMatchObject({ status: 'error', severityOverride: { level: 'error', from: 'warning' } });
    expect(report.config?.unusedIgnores).toEqual([{ check: 'plugin.team.reads', reason: 'testing ignore', match: 'never mentioned' }]);
    expect(code).toBe(1);
    // --plugin is relative to the working directory.
    const both = await doctor(['--plugin', '../../tools/future.mjs'], sub);
    expect(Object.keys(both.byId)).toEqual(['plugin.team.owner', 'plugin.team.mutates', 'plugin.team.reads', 'plugin.future']);
  });

  it('an npm package is resolved from the project\'s node_modules through its "exports" (import condition only)', async () => {
    const project = await tempDir('plugins-package-');
    const pkg = join(project, 'node_modules', '@acme', 'doctor-team');
    await writeFileDeep(
      join(pkg, 'package.json'),
      JSON.stringify({ name: '@acme/doctor-team', type: 'module', exports: { '.': { import: './lib/team.js' } } }),
    );
    await writeFileDeep(join(pkg, 'lib', 'team.js'), plugins['team.mjs'] ?? '');
    const { byId } = await doctor(['--plugin', '@acme/doctor-team', '--only', 'plugin.team.reads'], project);
    expect(byId['plugin.team.reads']).toMatchObject({
      status: 'ok',
      origin: { plugin: 'team', version: '0.0.1', spec: '@acme/doctor-team' },
    });
  });

  it('"severity": "off" turns a plugin check off like a built-in one', async () => {
    const project = await tempDir('plugins-off-');
    await writeFileDeep(join(project, 'team.mjs'), plugins['team.mjs'] ?? '');
    await writeFile(
      join(project, 'flink-doctor.config.json'),
      JSON.stringify({ plugins: ['./team.mjs'], only: ['plugin'], severity: { 'plugin.team.owner': 'off' } }),
    );
    const { byId } = await doctor([], project);
    expect(byId['plugin.team.owner']?.status).toBe('skipped');
    expect(byId['plugin.team.reads']?.status).toBe('ok');
  });

  it.each([
    [
      ['--only', 'plugin.team.ownr', '--plugin', './team.mjs'],
      "flink-doctor: --only: unknown check 'plugin.team.ownr' (plugin checks: plugin.team.owner, plugin.team.mutates, plugin.team.reads)",
    ],
    [
      ['--skip', 'plugin.team'],
      'flink-doctor: --skip: unknown check \'plugin.team\' (no plugin is named: --plugin SPEC or "plugins" in the config file)',
    ],
    [
      ['--plugin', 'Team Plugin.mjs'],
      "flink-doctor: --plugin 'Team Plugin.mjs' is neither a path starting with ./, ../ or / nor an npm package name",
    ],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    const run = await runCli(['--json', '--flink-version', '2.2', ...argv], isolatedEnv(), dir);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr.trim()).toBe(message);
  });

  it('with a plugin that was not loaded, patterns naming its checks are accepted (its error result fails the run)', async () => {
    const { byId, code } = await doctor(['--plugin', './missing.mjs', '--only', 'plugin.missing,plugin.missing.rule']);
    expect(Object.keys(byId)).toEqual(['plugin.missing']);
    expect(code).toBe(1);
  });

  it('a config "plugins" entry that cannot name a plugin is a usage error naming the file', async () => {
    const project = await tempDir('plugins-bad-config-');
    await writeFile(join(project, 'flink-doctor.config.json'), JSON.stringify({ plugins: ['policy.mjs', 42] }));
    const run = await runCli(['--json'], isolatedEnv(), project);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(`flink-doctor: ${join(project, 'flink-doctor.config.json')}: "plugins"[1] is not a string`);
  });
});

describe('loadPlugins', () => {
  it('a module whose import never finishes (top-level await) is refused at the import limit', async () => {
    await writeFile(join(dir, 'never-loads.mjs'), 'await new Promise(() => {});\nexport default {};\n');
    const started = performance.now();
    const loaded = await loadPlugins([{ spec: './never-loads.mjs', from: dir }], {
      builtInCheckIds: [],
      builtInFactKeys: [],
      doctorVersion: '0.1.0',
      cwd: dir,
      env: {},
      offline: true,
      importTimeoutMs: 200,
    });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(loaded.refused).toBe(1);
    expect(loaded.checks[0]?.run({} as never, { matrix: undefined as never, strict: false })).toMatchObject({
      status: 'error',
      summary: 'plugin never-loads (./never-loads.mjs) was not loaded: its import did not finish within 200 ms',
    });
  });
});

describe('--list-checks', () => {
  it('says where each check comes from when plugins are named; JSON carries the origin of plugin checks', async () => {
    const text = await runCli(['--list-checks', '--plugin', './team.mjs', '--plugin', './future.mjs'], isolatedEnv(), dir);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^java\.runtime +Java runtime\n(?: +.*\n){2} +from: built-in$/m);
    expect(text.stdout).toMatch(
      /^plugin\.team\.owner +T plugin\.team\.owner\n +Decides plugin\.team\.owner\.\n +reads: owner\n +from: plugin team 0\.0\.1 \(\.\/team\.mjs\)$/m,
    );
    expect(text.stdout).toMatch(/^plugin\.future +Plugin future\n +Loads the plugin \.\/future\.mjs\./m);
    const json = await runCli(['--list-checks', '--json', '--plugin', './team.mjs'], isolatedEnv(), dir);
    const list = JSON.parse(json.stdout) as { id: string; origin?: unknown }[];
    expect(list.find((c) => c.id === 'plugin.team.reads')?.origin).toEqual({ plugin: 'team', version: '0.0.1', spec: './team.mjs' });
    expect(list.find((c) => c.id === 'java.runtime')).not.toHaveProperty('origin');
  });
});
