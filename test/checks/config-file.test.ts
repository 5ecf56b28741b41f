// config.file: its decision table on built facts. Reading real conf directories (a YAML error's line, a
// flink-conf.yaml line Flink cannot split, an unreadable file, lists where Flink wants one value) is tested in
// test/config/config-checks.test.ts.
import { describe, expect, it } from 'vitest';
import configFile from '../../checks/config-file.js';
import type { ConfigProblem, FlinkConfigFact } from '../../src/facts/index.js';
import { buildFacts, decide, targetOf } from '../helpers/facts.js';

const DIR = '/opt/flink/conf';
const YAML = `${DIR}/config.yaml`;
const LEGACY = `${DIR}/flink-conf.yaml`;
const MIGRATE = 'Migrate with bin/migrate-config-file.sh (Flink 1.19+) and keep only config.yaml';
const judge = (version: string, config: Partial<FlinkConfigFact>) =>
  decide(
    configFile,
    buildFacts({ target: targetOf(version), flinkConfig: { dir: DIR, present: [], file: undefined, values: {}, problems: [], ...config } }),
  );

describe('config.file decisions: which file applies on each line (built facts)', () => {
  const both = ['flink-conf.yaml', 'config.yaml'];
  it.each([
    ['2.0', ['flink-conf.yaml'], 'error', `Flink 2.0 does not read flink-conf.yaml; ${DIR} has no config.yaml`, MIGRATE],
    [
      '2.0',
      both,
      'warning',
      'flink-conf.yaml is ignored by Flink 2.0; config.yaml applies',
      `Delete ${LEGACY} (after moving anything still needed into config.yaml)`,
    ],
    ['2.0', ['config.yaml'], 'ok', 'config.yaml applies (Flink 2.0)', null],
    ['2.0', [], 'ok', `no config file in ${DIR}: Flink defaults apply`, null],
    ['1.20', both, 'warning', 'both files present: Flink 1.20 uses flink-conf.yaml and ignores config.yaml', MIGRATE],
    ['1.20', ['flink-conf.yaml'], 'ok', 'flink-conf.yaml applies (Flink 1.20; deprecated, unsupported from 2.0)', null],
    ['1.20', ['config.yaml'], 'ok', 'config.yaml applies (Flink 1.20)', null],
    [
      '1.18',
      ['config.yaml'],
      'error',
      'Flink 1.18 reads only flink-conf.yaml; config.yaml (1.19+) is ignored',
      `Write the settings to ${LEGACY} ("key: value" lines) or target Flink 1.19+`,
    ],
    [
      '1.18',
      both,
      'warning',
      'config.yaml is ignored by Flink 1.18; flink-conf.yaml applies',
      `Delete ${YAML} or move its settings into flink-conf.yaml`,
    ],
    ['1.18', ['flink-conf.yaml'], 'ok', 'flink-conf.yaml applies (Flink 1.18)', null],
  ] as const)('Flink %s with %j: %s', (version, present, status, summary, fix) => {
    const outcome = judge(version, { present: [...present] });
    expect(outcome.status).toBe(status);
    expect(outcome.summary).toBe(summary);
    expect(outcome.fix ?? null).toBe(fix);
  });

  it('the file a finding is about is its location', () => {
    expect(judge('2.0', { present: ['flink-conf.yaml'] }).locations).toEqual([{ path: LEGACY }]);
    expect(judge('1.18', { present: ['config.yaml'] }).locations).toEqual([{ path: YAML }]);
  });

  it('skipped: no conf directory at all, or a target older than the matrix; a line the matrix lacks is judged as the newest, saying so', () => {
    expect(decide(configFile, buildFacts({ flinkConfig: { dir: undefined, present: [], values: {}, problems: [] } })).status).toBe(
      'skipped',
    );
    expect(judge('1.13.6', { present: ['flink-conf.yaml'] }).summary).toContain('Flink 1.13.6 is older than the lines flink-doctor knows');
    const newer = judge('2.9.0', { present: ['config.yaml'] });
    expect(newer.summary).toBe('config.yaml applies (Flink 2.3)');
    expect(newer.details).toEqual(['Flink 2.9.0 is not in the compatibility matrix: judged against Flink 2.3, the newest line known']);
  });
});

describe('config.file decisions: problems reading the file that applies (built facts)', () => {
  const problem = (kind: ConfigProblem['kind'], path: string, message: string, extra: Partial<ConfigProblem> = {}): ConfigProblem => ({
    kind,
    path,
    message,
    ...extra,
  });

  it('a YAML error: the message is the summary, the fix names file and line', () => {
    const outcome = judge('2.0', {
      present: ['config.yaml'],
      problems: [problem('yaml', YAML, `${YAML}:4: not valid YAML (flow sequence)`, { line: 4 })],
    });
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(`${YAML}:4: not valid YAML (flow sequence)`);
    expect(outcome.fix).toBe(`Fix the YAML at ${YAML}:4 (check the indentation, brackets and quotes there)`);
    expect(outcome.locations).toEqual([{ path: YAML, line: 4 }]);
  });

  it('a flink-conf.yaml line Flink cannot split: fix the line, and on 1.19+ migrate', () => {
    const line = problem('legacy-line', LEGACY, 'cannot split', { line: 2 });
    expect(judge('1.18', { present: ['flink-conf.yaml'], problems: [line] }).fix).toBe(
      `Fix ${LEGACY}:2: Flink's flink-conf.yaml parser needs "key: value" (a space after the colon) on one line`,
    );
    expect(judge('1.20', { present: ['flink-conf.yaml'], problems: [line] }).fix).toBe(
      `Fix ${LEGACY}:2: Flink's flink-conf.yaml parser needs "key: value" (a space after the colon) on one line, then migrate to config.yaml with bin/migrate-config-file.sh`,
    );
  });

  it('shape, unreadable file, not a regular file, unreadable directory: one fix each, without repeats', () => {
    expect(judge('2.0', { problems: [problem('shape', YAML, 'not a mapping')] }).fix).toBe(
      `Write ${YAML} as a mapping of settings ("key: value" lines or nested keys)`,
    );
    expect(judge('2.0', { problems: [problem('unreadable', YAML, 'permission denied')] }).fix).toBe(
      `Make ${YAML} readable by this user (chmod a+r ${YAML})`,
    );
    expect(judge('2.0', { problems: [problem('unreadable', YAML, `${YAML} is not a regular file`)] }).fix).toBe(
      `Replace ${YAML} with a regular file (it is a pipe, device or directory)`,
    );
    const dir = judge('2.0', {
      dirProvenance: { source: 'FLINK_CONF_DIR' },
      problems: [problem('unreadable', DIR, 'not a directory'), problem('unreadable', DIR, 'not a directory either')],
    });
    expect(dir.fix).toBe(`Make ${DIR} a readable directory, or point FLINK_CONF_DIR at the Flink conf directory`);
    expect(dir.details).toEqual(['not a directory either']);
  });

  it('a setting Flink takes as one value holding a list: the error replaces an ok verdict, which moves to the details', () => {
    const value = problem('value', YAML, `env.java.home in ${YAML} is a list ([1,2]), not one path`, { key: 'env.java.home' });
    const outcome = judge('2.0', { present: ['config.yaml'], problems: [value] });
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(value.message);
    expect(outcome.details).toContain('config.yaml applies (Flink 2.0)');
    expect(outcome.fix).toBe(`Set env.java.home in ${YAML} to one path, e.g. env.java.home: "/usr/lib/jvm/java-17"`);
  });

  it('…and joins a file-rule warning without hiding it: both fixes, the warning stays the summary', () => {
    const value = problem('value', YAML, 'python.client.executable is a mapping', { key: 'python.client.executable' });
    const outcome = judge('2.0', { present: ['flink-conf.yaml', 'config.yaml'], problems: [value] });
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe('flink-conf.yaml is ignored by Flink 2.0; config.yaml applies');
    expect(outcome.details).toEqual(['python.client.executable is a mapping']);
    expect(outcome.fix?.split('\n')).toEqual([
      `Delete ${LEGACY} (after moving anything still needed into config.yaml)`,
      `Set python.client.executable in ${YAML} to one path, e.g. python.client.executable: "/path/to/venv/bin/python"`,
    ]);
    expect(outcome.locations).toEqual([{ path: LEGACY }, { path: YAML }]);
  });
});
