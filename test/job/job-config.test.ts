// The Flink options a job sets for its Python workers and its target (JobNeeds.config), and whether it uses the
// DataStream or the Table API: read from the source as PyFlink's API takes them (set(), set_python_executable(),
// add_python_file(), add_python_archive(path, target_dir), set_python_requirements(file, cache_dir)).
import { describe, expect, it } from 'vitest';
import { NeedsCollector } from '../../src/job/collect.js';
import { readPythonText } from '../../src/job/read-job.js';

function read(source: string) {
  const collect = new NeedsCollector();
  readPythonText(source, 'job.py', collect);
  return collect.needs;
}

const show = (source: string) =>
  (read(source).config ?? []).map((c) => `${c.key}${c.append ? '+=' : '='}${c.value ?? `{${c.expression}}`} @${c.line} ${c.via}`);

describe('job config settings', () => {
  it('reads set() of the worker and target options, and the helpers, each with its line', () => {
    const source = [
      'from pyflink.table import EnvironmentSettings, TableEnvironment',
      'PY = "/opt/py/bin/python3.13"',
      't_env = TableEnvironment.create(EnvironmentSettings.in_batch_mode())',
      't_env.get_config().set("python.executable", PY)',
      't_env.set_python_executable("/usr/bin/python3")',
      't_env.add_python_file("helpers.py")',
      't_env.add_python_archive("venv.zip", "venv")',
      't_env.add_python_archive(archive_path="b.zip")',
      't_env.set_python_requirements("req.txt", requirements_cache_dir="cache")',
      't_env.get_config().get_configuration().set_string("execution.target", "remote")',
      't_env.get_config().set("parallelism.default", "1")',
    ].join('\n');
    expect(show(source)).toEqual([
      'python.executable=/opt/py/bin/python3.13 @4 set("python.executable")',
      'python.executable=/usr/bin/python3 @5 set_python_executable()',
      'python.files+=helpers.py @6 add_python_file()',
      'python.archives+=venv.zip#venv @7 add_python_archive()',
      'python.archives+=b.zip @8 add_python_archive()',
      'python.requirements=req.txt#cache @9 set_python_requirements()',
      'execution.target=remote @10 set_string("execution.target")',
    ]);
  });

  it('ignores comments and dead code, and shows a computed value as unresolved', () => {
    const needs = read(
      [
        'import os',
        '# t_env.get_config().set("python.executable", "/commented/python")',
        'if False:',
        '    env.set_python_executable("/dead/python")',
        'env.set_python_executable(os.environ["PY"])',
      ].join('\n'),
    );
    expect((needs.config ?? []).map((c) => [c.key, c.value, c.expression, c.line])).toEqual([
      ['python.executable', undefined, 'os.environ["PY"]', 5],
    ]);
    expect(needs.unresolved.map((u) => [u.what, u.line])).toEqual([['setting', 5]]);
  });

  it('knows a DataStream job from a Table API job by its imports', () => {
    expect(
      read('from pyflink.datastream import StreamExecutionEnvironment\nenv = StreamExecutionEnvironment.get_execution_environment()\n')
        .dataStream,
    ).toEqual({ file: 'job.py', line: 1 });
    const table = read('from pyflink.table import TableEnvironment\n');
    expect([table.dataStream, table.tableApi]).toEqual([undefined, { file: 'job.py', line: 1 }]);
    // A string that merely mentions the module is not an import.
    expect(read('x = "from pyflink.datastream import StreamExecutionEnvironment"\n').dataStream).toBeUndefined();
  });

  it('knows where a DataStream job first hands the JVM a Python function (its workers start only then)', () => {
    const head =
      'from pyflink.datastream import StreamExecutionEnvironment\nenv = StreamExecutionEnvironment.get_execution_environment()\n';
    const source = 'source = KafkaSource.builder().set_topics("orders").build()\nstream = env.from_source(source, None, "kafka")\n';
    expect(read(`${head}${source}stream.print()\n`).pythonFunction).toBeUndefined();
    expect(read(`${head}${source}stream.map(lambda v: v.upper()).print()\n`).pythonFunction).toEqual({ file: 'job.py', line: 5 });
    const inFunction = `${head}def build(s):\n    return s.key_by(lambda v: v[0])\n`;
    expect(read(inFunction).pythonFunction).toEqual({ file: 'job.py', line: 4 });
    // In a comment, or the builtin map(), it is not one.
    expect(read(`${head}# stream.map(lambda v: v)\nxs = list(map(str, [1, 2]))\n`).pythonFunction).toBeUndefined();
  });
});
