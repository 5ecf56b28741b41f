// Small helpers the benchmarks share: statistics of timing samples, and the commands flink-doctor's probes run.
import { Buffer } from 'node:buffer';
import { join } from 'node:path';

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
export async function doctorCommands(root) {
  const { build } = await import('esbuild');
  const out = await build({ entryPoints: [join(root, 'src/probes/commands.ts')], bundle: true, platform: 'node', format: 'esm', write: false, logLevel: 'warning' });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
}

/**
 * A PyFlink job of `lines` lines that a healthy PyFlink environment can run as is: the shape of real ones
 * (imports, UDFs with plain Python, comments, DDL in helper functions, Table API descriptors), but only
 * connectors and formats built into Flink (datagen, print, blackhole, json), so `--job` adds work, not findings.
 */
export function healthyJob(lines) {
  const out = [
    '"""Order enrichment with built-in connectors (generated for the start-up benchmark)."""',
    'import json',
    'from pyflink.datastream import StreamExecutionEnvironment',
    'from pyflink.table import StreamTableEnvironment, DataTypes, TableDescriptor, Schema',
    'from pyflink.table.udf import udf',
    '',
    'env = StreamExecutionEnvironment.get_execution_environment()',
    't_env = StreamTableEnvironment.create(env)',
  ];
  for (let i = 1; out.length < lines; i += 1) {
    out.push('', '@udf(result_type=DataTypes.STRING())', `def normalise_${i}(value):`, `    """Strips and lower-cases field ${i}; it's None for blanks."""`,
      '    if value is None:', '        return None', '    # keep the original when it is already clean', '    cleaned = value.strip().lower()',
      `    return json.dumps({"v": cleaned, "n": ${i}, "why": 'it\\'s "quoted"'})`);
    if (i % 25 === 0) {
      out.push('', `def sink_ddl_${i}(table):`, '    return f"""', `        CREATE TABLE {table} (id BIGINT, v STRING) WITH (`,
        "            'connector' = 'print' -- 'connector' = 'commented'", '        )"""',
        `t_env.execute_sql(sink_ddl_${i}("out_${i}"))`, `t_env.create_temporary_table("src_${i}", TableDescriptor.for_connector("datagen")`,
        '    .schema(Schema.new_builder().column("id", DataTypes.BIGINT()).build())', '    .option("rows-per-second", "10")', '    .build())');
    }
  }
  return `${out.slice(0, lines).join('\n')}\n`;
}
