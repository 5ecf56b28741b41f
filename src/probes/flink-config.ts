// Which Flink conf directory applies, and what it says. Two questions, two facts:
// - confDir: the directory the user points at (--conf-dir, FLINK_CONF_DIR, $FLINK_HOME/conf); needs no
//   Python, so the interpreter lookup (python.client.executable) can use it.
// - flinkConfig: that directory, or else the wheel's bundled pyflink/conf, read with the rules of the target
//   Flink line (flink-conf.yaml vs config.yaml).
import { join } from 'node:path';
import type { Options } from '../engine/options.js';
import { ParsedConfigCache } from '../flink/config-cache.js';
import { readConfigDir, type ConfigRead } from '../flink/config-file.js';
import { cacheDir } from '../util/cache-dir.js';
import type { ConfigFileRule } from '../knowledge/matrix.js';
import type { ProbeContext } from './context.js';
import type { ConfDirFact, FlinkConfigFact } from '../facts/index.js';

export async function probeConfDir({ options }: ProbeContext): Promise<ConfDirFact> {
  if (options.confDir) return { dir: options.confDir, provenance: { source: '--conf-dir' } };
  const fromEnv = options.env.FLINK_CONF_DIR?.trim();
  if (fromEnv) return { dir: fromEnv, provenance: { source: 'FLINK_CONF_DIR' } };
  const home = options.env.FLINK_HOME?.trim();
  if (home) return { dir: join(home, 'conf'), provenance: { source: 'FLINK_HOME', detail: '$FLINK_HOME/conf' } };
  return {};
}

export async function probeFlinkConfig({ options, get, matrix }: ProbeContext): Promise<FlinkConfigFact> {
  const [confDir, target] = await Promise.all([get('confDir'), get('target')]);
  let dir = confDir.dir;
  let provenance = confDir.provenance;
  if (!dir) {
    const pyflink = await get('pyflink');
    if (pyflink.packageDir) {
      dir = join(pyflink.packageDir, 'conf');
      provenance = { source: 'apache-flink wheel', detail: 'pyflink/conf (FLINK_HOME is unset)' };
    }
  }
  if (!dir) return { present: [], values: {}, problems: [] };
  const rule = target.flinkVersion ? matrix.line(target.flinkVersion)?.configFile : undefined;
  const read = await readConfigOnce(options, dir, rule);
  return { dir, dirProvenance: provenance, ...read };
}

const reads = new WeakMap<Options, Map<string, Promise<ConfigRead>>>();

/**
 * A conf directory read once per run and rule: the python probe (python.client.executable), the java probe
 * (env.java.home) and the flinkConfig fact usually ask about the same directory.
 */
export function readConfigOnce(options: Options, dir: string, rule?: Pick<ConfigFileRule, 'legacyBehaviour'>): Promise<ConfigRead> {
  let byKey = reads.get(options);
  if (!byKey) reads.set(options, (byKey = new Map<string, Promise<ConfigRead>>()));
  const key = `${rule?.legacyBehaviour ?? ''}\0${dir}`;
  let pending = byKey.get(key);
  if (!pending) {
    const cache = options.noCache ? undefined : new ParsedConfigCache(join(cacheDir(options.env), 'config'));
    byKey.set(key, (pending = readConfigDir(dir, rule, cache)));
  }
  return pending;
}
