// The job's settings over the config file's (src/flink/job-settings.ts), as PyFlink merges them: set() and the
// set_* helpers replace, add_python_file()/add_python_archive() add to the list; and where a run goes.
import { describe, expect, it } from 'vitest';
import type { JobConfigUse } from '../../src/facts/index.js';
import { applicationReason, remoteReason, withJobSettings } from '../../src/flink/job-settings.js';
import { emptyNeeds } from '../../src/job/model.js';

const use = (line: number, key: JobConfigUse['key'], value: string | undefined, append = false): JobConfigUse => ({
  file: '/w/job.py',
  line,
  key,
  via: 'set()',
  append,
  ...(value === undefined ? { expression: 'os.environ["X"]' } : { value }),
});
const merge = (config: Record<string, unknown>, uses: JobConfigUse[]) => withJobSettings(config, { ...emptyNeeds(), config: uses });

describe("the job's settings over the config file's", () => {
  it('no job: the config values, nothing from the job', () => {
    expect(withJobSettings({ 'python.executable': '/a' }, undefined)).toEqual({
      values: { 'python.executable': '/a' },
      fromJob: {},
      computed: {},
    });
  });

  it("set() replaces, the last line wins; add_* appends to the config's list", () => {
    const merged = merge({ 'python.executable': '/conf/python', 'python.files': 'a.py,b.zip' }, [
      use(7, 'python.executable', '/job/python3.13'),
      use(3, 'python.executable', '/earlier/python'),
      use(5, 'python.files', 'helpers.py', true),
    ]);
    expect(merged.values).toEqual({ 'python.executable': '/job/python3.13', 'python.files': ['a.py', 'b.zip', 'helpers.py'] });
    expect(merged.fromJob).toEqual({ 'python.executable': '/w/job.py:7', 'python.files': '/w/job.py:5' });
  });

  it('a value computed at run time: unknown, with its expression; an added unknown entry keeps the known ones', () => {
    const merged = merge({ 'python.executable': '/conf/python', 'python.archives': 'venv.zip' }, [
      use(4, 'python.executable', undefined),
      use(5, 'python.archives', undefined, true),
    ]);
    expect(merged.values).toEqual({ 'python.archives': 'venv.zip' });
    expect(merged.computed).toEqual({ 'python.executable': 'os.environ["X"]' });
  });
});

describe('where a run goes', () => {
  it.each([
    [{}, {}, undefined],
    [{ 'execution.target': 'local' }, {}, undefined],
    [{ 'rest.address': 'localhost', 'jobmanager.rpc.address': '127.0.0.1' }, {}, undefined],
    [{}, { cluster: true }, '--cluster'],
    [{}, { deploy: true }, '--deploy'],
    [{ 'execution.target': 'remote' }, {}, 'execution.target: remote'],
    [{ 'execution.target': 'kubernetes-application' }, {}, 'execution.target: kubernetes-application'],
    [{ 'jobmanager.rpc.address': 'flink-jobmanager' }, {}, 'jobmanager.rpc.address: flink-jobmanager'],
  ])('%j %j → %s', (values, flags, reason) => {
    expect(remoteReason(values, flags)).toBe(reason);
  });

  it('application mode: an *-application target or --deploy; a session cluster is not', () => {
    expect(applicationReason({ 'execution.target': 'yarn-application' }, {})).toBe('execution.target: yarn-application');
    expect(applicationReason({}, { deploy: true })).toBe('--deploy');
    expect(applicationReason({ 'execution.target': 'remote' }, {})).toBeUndefined();
  });
});
