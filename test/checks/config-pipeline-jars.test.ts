// config.pipeline-jars: its decision table on built facts. Reading pipeline.jars / pipeline.classpaths from real
// config files and jobs (and the analysis of each value) is tested in test/config/config-checks.test.ts and
// test/jars/config.test.ts.
import { describe, expect, it } from 'vitest';
import configPipelineJars from '../../checks/config-pipeline-jars.js';
import type { PipelineAnalysis, PipelineSetting } from '../../src/facts/index.js';
import { buildFacts, decide, targetOf } from '../helpers/facts.js';

const CONF = '/opt/flink/conf/config.yaml';
function setting(analysis: Partial<PipelineAnalysis>, extra: Partial<PipelineSetting> = {}): PipelineSetting {
  return {
    origin: CONF,
    via: 'config',
    source: 'pipeline.jars',
    analysis: { key: 'pipeline.jars', entries: [], issues: [], yamlList: false, ...analysis },
    ...extra,
  };
}
const entry = (raw: string, exists = true) => ({ raw, path: raw.replace(/^file:\/\//, ''), scheme: 'file', exists });
const judge = (settings: PipelineSetting[], target = targetOf('2.2.1')) =>
  decide(configPipelineJars, buildFacts({ pipelineJars: { settings }, target }));

describe('config.pipeline-jars decisions (built facts)', () => {
  it('skipped when neither key is set anywhere', () => {
    expect(judge([]).summary).toBe('pipeline.jars / pipeline.classpaths are not set in the config or the job');
  });

  it('ok: file: URLs to existing files, counted', () => {
    const outcome = judge([setting({ entries: [entry('file:///jars/a.jar'), entry('file:///jars/b.jar')] })]);
    expect(outcome.status).toBe('ok');
    expect(outcome.summary).toBe('2 entries in 1 setting: file: URLs to existing files');
  });

  it('error: a syntax problem of the value, with the corrected value to write', () => {
    const outcome = judge([
      setting({
        entries: [entry('/jars/a.jar')],
        issues: ['/jars/a.jar is a plain path: Flink wants file:///jars/a.jar'],
        corrected: 'file:///jars/a.jar',
      }),
    ]);
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(`pipeline.jars in ${CONF}: /jars/a.jar is a plain path: Flink wants file:///jars/a.jar`);
    expect(outcome.fix).toBe('Write:\npipeline.jars: "file:///jars/a.jar"');
    expect(outcome.locations).toEqual([{ path: CONF }]);
  });

  it('error: an entry pointing at a file that does not exist; the generic fix when nothing can be corrected', () => {
    const outcome = judge([setting({ entries: [entry('file:///nowhere/x.jar', false)] })]);
    expect(outcome.summary).toBe(
      `pipeline.jars in ${CONF}: file:///nowhere/x.jar points at /nowhere/x.jar, which does not exist or is not a file: run here, the job fails with FileNotFoundException`,
    );
    expect(outcome.fix).toBe('Point every entry at an existing JAR with a file:/// URL, entries separated by ";"');
  });

  describe('a JAR the job names that is not on this machine', () => {
    const JAR = 'file:///opt/jobs/lib/flink-sql-connector-kafka-3.3.0-1.20.jar';
    const inJob = setting(
      { entries: [entry(JAR, false)] },
      { origin: '/work/job.py', line: 9, via: 'job:set', source: 'job:pipeline.jars' },
    );
    const decideWith = (overrides: Parameters<typeof buildFacts>[0]) =>
      decide(configPipelineJars, buildFacts({ pipelineJars: { settings: [inJob] }, target: targetOf('1.20.5'), ...overrides }));

    it('run here (python job.py, or a session cluster the client submits to): an error naming the file', () => {
      for (const run of [{}, { remote: '--cluster' }]) {
        const outcome = decideWith({ run });
        expect(outcome.status).toBe('error');
        expect(outcome.summary).toBe(
          `set("pipeline.jars") in /work/job.py:9: ${JAR} points at /opt/jobs/lib/flink-sql-connector-kafka-3.3.0-1.20.jar, which does not exist or is not a file: run here, the job fails with FileNotFoundException`,
        );
      }
    });

    it('application mode (execution.target, --deploy): a warning, the path is resolved where the job runs', () => {
      const outcome = decideWith({
        run: { remote: 'execution.target: kubernetes-application', application: 'execution.target: kubernetes-application' },
      });
      expect(outcome.status).toBe('warning');
      expect(outcome.summary).toBe(
        `set("pipeline.jars") in /work/job.py:9: ${JAR} is not on this machine; the job runs in application mode (execution.target: kubernetes-application), where the path is resolved (job.connectors judges it by its file name)`,
      );
    });

    it('a --deploy image that adds that very file: a warning naming the Dockerfile line; another file there is still an error', () => {
      const build = (dir: string) => ({
        pythons: [],
        pythonAlias: false,
        sharedLibpython: false,
        pip: [],
        unresolved: [],
        file: '/work/Dockerfile',
        jars: [{ file: '/work/Dockerfile', line: 7, name: 'flink-sql-connector-kafka-3.3.0-1.20.jar', dir, how: 'download' as const }],
      });
      const placed = decideWith({ deploy: { builds: [build('/opt/jobs/lib/')] } });
      expect(placed.status).toBe('warning');
      expect(placed.summary).toContain('is not on this machine; /work/Dockerfile:7 puts it there in the image');
      expect(decideWith({ deploy: { builds: [build('/opt/flink/lib')] } }).status).toBe('error');
    });
  });

  it('a YAML list: an error where PyFlink passes it on as one string, a warning where only some patches read it, fine from 2.1', () => {
    const list = () => setting({ entries: [entry('file:///jars/a.jar'), entry('file:///jars/b.jar')], yamlList: true });
    const broken = judge([list()], targetOf('1.20.1'));
    expect(broken.status).toBe('error');
    expect(broken.summary).toBe(
      `pipeline.jars in ${CONF}: a YAML list; PyFlink 1.20.1 passes it on as one string ("MalformedURLException: no protocol: ['file:…']", FLINK-37505)`,
    );
    expect(broken.fix).toBe('Write:\npipeline.jars: "file:///jars/a.jar;file:///jars/b.jar"');
    expect(judge([list()], targetOf('1.20.2')).status).toBe('ok');
    expect(judge([list()], targetOf('1.18.1')).status).toBe('error');
    const maybe = judge([list()], targetOf('1.20'));
    expect(maybe.status).toBe('warning');
    expect(maybe.summary).toBe(
      `pipeline.jars in ${CONF}: a YAML list; PyFlink reads it only from 1.19.3 / 1.20.2 / 2.0.1 and 2.1+ (target 1.20)`,
    );
    expect(judge([list()], targetOf('2.1.0')).status).toBe('ok');
  });

  it('the first problem is the summary and the others the details; job settings get a job-shaped fix with their line', () => {
    const job = setting(
      { key: 'pipeline.jars', entries: [entry('/jars/a.jar')], issues: ['a plain path'], corrected: 'file:///jars/a.jar' },
      { origin: '/work/job.py', line: 12, via: 'job:set', source: 'job:pipeline.jars' },
    );
    const outcome = judge([setting({ entries: [entry('file:///nowhere/x.jar', false)] }), job]);
    expect(outcome.details).toEqual(['set("pipeline.jars") in /work/job.py:12: a plain path']);
    expect(outcome.fix).toBe('Write:\nset("pipeline.jars", "file:///jars/a.jar")  # /work/job.py:12');
    expect(outcome.locations).toEqual([{ path: CONF }, { path: '/work/job.py', line: 12 }]);
    const addJars = judge([
      setting(
        { entries: [entry('a.jar')], issues: ['no scheme'], corrected: 'file:///work/a.jar' },
        { origin: '/work/job.py', line: 3, via: 'job:add_jars', source: 'job:add_jars' },
      ),
    ]);
    expect(addJars.summary).toBe('add_jars() in /work/job.py:3: no scheme');
    expect(addJars.fix).toBe('Write:\nadd_jars("file:///work/a.jar")  # /work/job.py:3');
  });
});
