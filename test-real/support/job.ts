// A real PyFlink Table API job per setup, written as a user writes one (pipeline.jars set in the code, SQL
// in execute_sql) so the doctor reads the same file with --job that Python then runs. The job plans the
// INSERT (explain_sql: every connector and format factory is looked up and its source or sink built), then
// runs it on the local mini cluster. Its output is sorted into an outcome.
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface JobSpec {
  jars: string[];
  /**
   * table: the SQL below; datastream: from_collection → map(lambda) → print, a Python function per record;
   * datastream-kafka: a KafkaSource (pyflink.datastream.connectors.kafka) → print, no Python function at all.
   */
  api?: 'table' | 'datastream' | 'datastream-kafka';
  ddl: string[];
  insert: string;
  /**
   * Register a Python UDF `plus_one` (runs in a Python worker): 'python' row-at-a-time, 'pandas' vectorized,
   * 'python-calls' row-at-a-time with a function call in its body (CPython 3.11 compiles a call to PRECALL + CALL,
   * 3.12 has no PRECALL: its bytecode only runs on the minor that pickled it).
   */
  udf?: 'python' | 'pandas' | 'python-calls';
  /** Streaming mode (unbounded sources such as CDC); batch otherwise. */
  streaming?: boolean;
  /** python.executable set in the job, as the PyFlink docs show for the workers' interpreter. */
  pythonExecutable?: string;
}

const py = (text: string) => JSON.stringify(text); // a JSON string is a valid Python string literal here

const FAILURE = [
  'except BaseException:',
  '    print("JOB-FAILED", flush=True)',
  '    traceback.print_exc(file=sys.stdout)',
  '    sys.exit(3)',
  '',
];

export function jobSource(title: string, spec: JobSpec): string {
  const head = [`# flink-doctor real tier: ${title}`, 'import sys', 'import traceback', '', 'try:'];
  const body = spec.api === 'datastream' ? dataStreamBody(spec) : spec.api === 'datastream-kafka' ? kafkaSourceBody(spec) : tableBody(spec);
  return [...head, ...body, ...FAILURE].join('\n');
}

function tableBody(spec: JobSpec): string[] {
  const lines = [
    '    from pyflink.table import DataTypes, EnvironmentSettings, TableEnvironment',
    '    from pyflink.table.udf import udf',
    '',
    `    t_env = TableEnvironment.create(EnvironmentSettings.${spec.streaming ? 'in_streaming_mode' : 'in_batch_mode'}())`,
    '    t_env.get_config().set("parallelism.default", "1")',
    '    t_env.get_config().set("restart-strategy.type", "none")',
  ];
  if (spec.pythonExecutable) lines.push(`    t_env.get_config().set("python.executable", ${py(spec.pythonExecutable)})`);
  if (spec.jars.length > 0) lines.push(`    t_env.get_config().set("pipeline.jars", ${py(spec.jars.map((j) => `file://${j}`).join(';'))})`);
  if (spec.udf === 'python')
    lines.push('    t_env.create_temporary_function("plus_one", udf(lambda x: x + 1, result_type=DataTypes.BIGINT()))');
  if (spec.udf === 'python-calls')
    lines.push('    t_env.create_temporary_function("plus_one", udf(lambda x: int(str(x)) + 1, result_type=DataTypes.BIGINT()))');
  if (spec.udf === 'pandas')
    lines.push('    t_env.create_temporary_function("plus_one", udf(lambda x: x + 1, result_type=DataTypes.BIGINT(), func_type="pandas"))');
  for (const statement of spec.ddl) lines.push(`    t_env.execute_sql(${py(statement)})`);
  lines.push(
    `    t_env.explain_sql(${py(spec.insert)})`,
    '    print("PLANNED", flush=True)',
    `    t_env.execute_sql(${py(spec.insert)}).wait()`,
    '    print("FINISHED", flush=True)',
  );
  return lines;
}

/** A DataStream job: its Python map runs in a worker started with python.executable (default `python` on PATH). */
function dataStreamBody(spec: JobSpec): string[] {
  return [
    '    from pyflink.common import Types',
    '    from pyflink.datastream import RuntimeExecutionMode, StreamExecutionEnvironment',
    '',
    '    env = StreamExecutionEnvironment.get_execution_environment()',
    '    env.set_runtime_mode(RuntimeExecutionMode.BATCH)',
    '    env.set_parallelism(1)',
    ...(spec.pythonExecutable ? [`    env.set_python_executable(${py(spec.pythonExecutable)})`] : []),
    ...(spec.jars.length > 0 ? [`    env.add_jars(${spec.jars.map((j) => py(`file://${j}`)).join(', ')})`] : []),
    '    env.from_collection([1, 2, 3], type_info=Types.LONG()).map(lambda x: x + 1, output_type=Types.LONG()).print()',
    '    print("PLANNED", flush=True)',
    '    env.execute("real-tier")',
    '    print("FINISHED", flush=True)',
  ];
}

/**
 * The DataStream Kafka source as PyFlink's docs build it; the broker (127.0.0.1:9) is absent, with short client
 * timeouts so the job reaches it in seconds. KafkaSource.builder() is where a missing JAR shows.
 */
function kafkaSourceBody(spec: JobSpec): string[] {
  const properties = { 'request.timeout.ms': '2000', 'default.api.timeout.ms': '3000', 'socket.connection.setup.timeout.ms': '1000' };
  return [
    '    from pyflink.common import WatermarkStrategy',
    '    from pyflink.common.serialization import SimpleStringSchema',
    '    from pyflink.datastream import StreamExecutionEnvironment',
    '    from pyflink.datastream.connectors.kafka import KafkaOffsetsInitializer, KafkaSource',
    '',
    '    env = StreamExecutionEnvironment.get_execution_environment()',
    '    env.set_parallelism(1)',
    ...(spec.jars.length > 0 ? [`    env.add_jars(${spec.jars.map((j) => py(`file://${j}`)).join(', ')})`] : []),
    '    builder = KafkaSource.builder().set_bootstrap_servers("127.0.0.1:9").set_topics("orders").set_group_id("doctor")',
    ...Object.entries(properties).map(([key, value]) => `    builder = builder.set_property(${py(key)}, ${py(value)})`),
    '    source = builder.set_starting_offsets(KafkaOffsetsInitializer.earliest()).set_bounded(KafkaOffsetsInitializer.latest())' +
      '.set_value_only_deserializer(SimpleStringSchema()).build()',
    '    env.from_source(source, WatermarkStrategy.no_watermarks(), "orders").print()',
    '    print("PLANNED", flush=True)',
    '    env.execute("real-tier")',
    '    print("FINISHED", flush=True)',
  ];
}

export async function writeJob(title: string, spec: JobSpec): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'real-job-')), 'job.py');
  await writeFile(path, jobSource(title, spec));
  return path;
}

export interface JobRun {
  exitCode: number | null;
  output: string;
  seconds: number;
}

/**
 * Runs the job with `python` in `env`: a small gateway heap, logs in a temp dir (not in the cached venv),
 * its own process group so a timeout, or a gateway JVM that outlives Python, is killed with it.
 */
export async function runJob(python: string, job: string, env: Record<string, string>, timeoutMs = 150_000): Promise<JobRun> {
  const started = Date.now();
  const logs = await mkdtemp(join(tmpdir(), 'real-job-log-'));
  // One option only: PyFlink 1.17 passes JVM_ARGS to java as a single argument ("Invalid maximum heap size").
  const jobEnv = { ...env, FLINK_LOG_DIR: logs, JVM_ARGS: '-Xmx512m' };
  const child = spawn(python, [job], { env: jobEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const killGroup = () => {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const timer = setTimeout(killGroup, timeoutMs);
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  clearTimeout(timer);
  killGroup();
  return { exitCode, output, seconds: Math.round((Date.now() - started) / 100) / 10 };
}

export type OutcomeKind = 'finished' | 'external' | 'failed';

export interface Outcome {
  kind: OutcomeKind;
  /** Failed: what a user sees as the cause ("Could not find any factory for identifier 'avro'", a class). */
  cause?: string;
  /** How far it got: planned (the factories were found and the sink/source built) before failing. */
  planned: boolean;
}

/** Failures that say the classpath and setup were fine and the job reached an external system that is not there. */
const EXTERNAL = [
  /TimeoutException: Topic \S+ not present in metadata/,
  /Connection refused/,
  /Connection to \S+ refused/,
  /ConnectException/,
  /Communications link failure/,
  /UnknownHostException/,
  /Timed out waiting for a node assignment/,
];

/** Root causes, most specific first. The first match in the output wins. */
const CAUSES: [RegExp, (m: RegExpExecArray) => string][] = [
  [/Could not find any (?:format )?factory for identifier '([^']+)'/, (m) => `Could not find any factory for identifier '${m[1]}'`],
  [/Multiple factories for identifier '([^']+)'/, (m) => `Multiple factories for identifier '${m[1]}'`],
  [/Could not find any jdbc (?:dialect )?factory that can handle url '([^']+)'/, (m) => `no JDBC dialect for '${m[1]}'`],
  [/UnsupportedClassVersionError: ([^\n]+)/, (m) => `UnsupportedClassVersionError: ${m[1]?.slice(0, 160)}`],
  [/NoSuchMethodError: ([^\n]+)/, (m) => `NoSuchMethodError: ${m[1]?.slice(0, 160)}`],
  [/NoClassDefFoundError: ([\w/$.]+)/, (m) => `NoClassDefFoundError: ${m[1]?.replaceAll('/', '.')}`],
  [/ClassNotFoundException: ([\w.$]+)/, (m) => `ClassNotFoundException: ${m[1]}`],
  [/No suitable driver found for (\S+)/, (m) => `No suitable driver found for ${m[1]}`],
  [/FileNotFoundException: (\S+)/, (m) => `FileNotFoundException: ${m[1]}`],
  // PyFlink's own wording when a Java class its Python API calls is not on the JVM's classpath.
  // It names the member called too ("…KafkaSource.builder"): a last segment in lower case is a method, not the class.
  [/Could not found the Java class '([\w.$]+)'/, (m) => `ClassNotFoundException: ${(m[1] ?? '').replace(/\.[a-z_]\w*$/, '')}`],
  [/Cannot run program "([^"]+)"/, (m) => `Cannot run program "${m[1]}"`],
  [/InaccessibleObjectException: ([^\n]+)/, (m) => `InaccessibleObjectException: ${m[1]?.slice(0, 160)}`],
  [/(ModuleNotFoundError|ImportError): ([^\n]+)/, (m) => `${m[1]}: ${m[2]}`],
  [/Java gateway process exited[^\n]*/, (m) => m[0]],
];

export function classify(run: JobRun): Outcome {
  const planned = /^PLANNED$/m.test(run.output);
  if (run.exitCode === 0 && /^FINISHED$/m.test(run.output)) return { kind: 'finished', planned };
  // The error the job printed (its traceback holds the Java stack trace), not warnings logged before it.
  const failure = run.output.includes('JOB-FAILED') ? run.output.slice(run.output.indexOf('JOB-FAILED')) : run.output;
  for (const [pattern, describe] of CAUSES) {
    const match = pattern.exec(failure);
    if (match) return { kind: 'failed', cause: describe(match), planned };
  }
  if (run.exitCode === 3 && planned && EXTERNAL.some((p) => p.test(failure))) return { kind: 'external', planned };
  const last = failure
    .split('\n')
    .filter((l) => /(Exception|Error)\b/.test(l))
    .pop();
  return {
    kind: 'failed',
    cause: run.exitCode === null ? 'timed out' : (last?.trim().slice(0, 200) ?? `exit code ${run.exitCode}`),
    planned,
  };
}
