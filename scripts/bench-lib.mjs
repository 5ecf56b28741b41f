// Small helpers the benchmarks share: statistics of timing samples, and the commands flink-doctor's probes run.
import { loadTs } from './load-ts.mjs';

export const median = (xs) => percentile(xs, 0.5);

/** The value at fraction `p` of the sorted samples (nearest rank). */
export function percentile(xs, p) {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))))];
}

/** A copy in random order: each round of an interleaved benchmark runs its commands in a new order. */
export function shuffled(items) {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** JAVA_PROBE_ARGS, javaProbeEnv and PROBE_SCRIPT from the source (src/probes/commands.ts), so the floor runs exactly them. */
export function doctorCommands(root) {
  return loadTs(root, 'src/probes/commands.ts');
}

/**
 * A PyFlink job of `lines` lines shaped like real ones: imports, constants, UDFs with plain Python, comments, DDL in
 * helper functions, Table API descriptors. By default it needs the Kafka and JDBC connectors (bench:job); with
 * `builtIn` only connectors built into Flink (datagen, print), so a healthy environment stays healthy and `--job`
 * adds work, not findings (bench).
 */
export function generateJob(lines, { builtIn = false } = {}) {
  const out = [
    `"""Order enrichment: ${builtIn ? 'datagen in, print out' : 'Kafka in, JDBC out'} (generated for the benchmarks)."""`,
    'import os',
    'import json',
    'from pyflink.datastream import StreamExecutionEnvironment',
    ...(builtIn ? [] : ['from pyflink.datastream.connectors.kafka import KafkaSource, KafkaOffsetsInitializer']),
    'from pyflink.table import StreamTableEnvironment, DataTypes, TableDescriptor, FormatDescriptor',
    'from pyflink.table.udf import udf',
    '',
    'LIB = "/opt/flink/usrlib"',
    ...(builtIn
      ? []
      : ['JARS = [f"file://{LIB}/flink-sql-connector-kafka-4.0.1-2.0.jar", "file:///opt/flink/usrlib/postgresql-42.7.4.jar"]']),
    'env = StreamExecutionEnvironment.get_execution_environment()',
    ...(builtIn ? [] : ['env.add_jars(*JARS)']),
    't_env = StreamTableEnvironment.create(env)',
  ];
  const [sink, sinkOptions, source] = builtIn
    ? ['print', [], 'datagen']
    : ['jdbc', ["            'url' = 'jdbc:postgresql://db:5432/orders', -- 'connector' = 'commented'"], 'kafka'];
  for (let i = 1; out.length < lines; i += 1) {
    out.push(
      '',
      '@udf(result_type=DataTypes.STRING())',
      `def normalise_${i}(value):`,
      `    """Strips and lower-cases field ${i}; it's None for blanks."""`,
      '    if value is None:',
      '        return None',
      '    # keep the original when it is already clean',
      '    cleaned = value.strip().lower()',
      `    return json.dumps({"v": cleaned, "n": ${i}, "why": 'it\\'s "quoted"'})`,
    );
    if (i % 25 === 0) {
      out.push(
        '',
        `def sink_ddl_${i}(table):`,
        '    return f"""',
        `        CREATE TABLE {table} (id BIGINT, v STRING) WITH (`,
        `            'connector' = '${sink}',`,
        ...sinkOptions,
        `            'table-name' = 'out_${i}'`,
        '        )"""',
        `t_env.execute_sql(sink_ddl_${i}("out_${i}"))`,
        `t_env.create_temporary_table("src_${i}", TableDescriptor.for_connector("${source}")`,
        '    .format(FormatDescriptor.for_format("json").build())',
        '    .option("topic", "orders")',
        '    .build())',
      );
    }
  }
  return `${out.slice(0, lines).join('\n')}\n`;
}
