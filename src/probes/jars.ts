// Every JAR the job will see, where each came from, and what each is: --jars, pipeline.jars/classpaths
// (config and job), and the distribution's lib/ ($FLINK_HOME when set, as PyFlink does, else the wheel's).
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { JarRef, JarsFact, JobFact } from '../facts/index.js';
import { JarContentsCache } from '../jars/contents-cache.js';
import { scanJars } from '../jars/scan.js';
import { cacheDir } from '../util/cache-dir.js';
import { classEntryName, type JobClassKnowledge } from '../knowledge/job-classes.js';
import type { ProbeContext } from './context.js';
import { listJarFiles } from './jar-files.js';

export async function probeJars(ctx: ProbeContext): Promise<JarsFact> {
  const { options, matrix, get } = ctx;
  const refs: JarRef[] = [];
  const unlisted: string[] = [];
  for (const given of options.jars ?? []) {
    const { refs: found, problem } = await expand(resolve(options.cwd, given), '--jars');
    refs.push(...found);
    if (problem) unlisted.push(problem);
  }

  const [pipeline, job] = await Promise.all([get('pipelineJars'), get('job')]);
  for (const setting of pipeline.settings) {
    for (const entry of setting.analysis.entries) {
      // A JAR the job names that is not on this machine (an image's /opt/flink/lib/…) is judged by its file
      // name (job.connectors) and reported once by config.pipeline-jars, not again as unreadable.
      if (entry.path && !(setting.via !== 'config' && entry.exists === false))
        refs.push({ path: entry.path, source: setting.source, origin: setting.origin, ...(setting.line ? { line: setting.line } : {}) });
    }
  }

  const flinkHome = await get('flinkHome');
  if (flinkHome.set && flinkHome.exists && flinkHome.path) {
    refs.push(...(await listJars(join(flinkHome.path, 'lib'), '$FLINK_HOME/lib')).refs);
    // Only opt/flink-python*.jar joins the gateway classpath; the rest of opt/ is not loaded.
    refs.push(...(await listJars(join(flinkHome.path, 'opt'), '$FLINK_HOME/opt', FLINK_PYTHON)).refs);
  } else if (!flinkHome.set) {
    const pyflink = await get('pyflink');
    if (pyflink.packageDir) {
      refs.push(...(await listJars(join(pyflink.packageDir, 'lib'), 'pyflink/lib')).refs);
      refs.push(...(await listJars(join(pyflink.packageDir, 'opt'), 'pyflink/opt', FLINK_PYTHON)).refs);
    }
  }
  // Read-only or missing cache folders (containers) cost the cache, never the scan.
  const cache = options.noCache ? undefined : new JarContentsCache(join(cacheDir(options.env), 'jars'));
  const fact = await scanJars(refs, matrix.connectors(), { wantedClasses: wantedClasses(job, matrix.jobClasses()), cache });
  // pyflink_gateway_server.py puts HADOOP_CLASSPATH on the gateway's classpath: the classes it names are there too.
  const hadoop = options.env.HADOOP_CLASSPATH?.trim();
  return { ...fact, ...(unlisted.length > 0 ? { unlisted } : {}), ...(hadoop ? { classpathEnv: { HADOOP_CLASSPATH: hadoop } } : {}) };
}

/** The class files the job's PyFlink classes load from connector JARs, and the JDBC driver classes it names. */
function wantedClasses(job: JobFact, knowledge: JobClassKnowledge): Set<string> {
  const needs = job.needs;
  if (!needs) return new Set();
  const classes = knowledge.classesFor(needs.apis.map((a) => a.python));
  for (const driver of needs.drivers) {
    const known = driver.driverClass
      ? knowledge.driverByClass(driver.driverClass)
      : driver.scheme
        ? knowledge.driverByScheme(driver.scheme)
        : undefined;
    classes.push(...(known ? [known.driverClass, ...(known.otherClasses ?? [])] : []), ...(driver.driverClass ? [driver.driverClass] : []));
  }
  return new Set(classes.map(classEntryName));
}

/** A --jars value: a file is itself, a folder is the *.jar files in it; a missing path stays (jars.readable reports it). */
async function expand(path: string, source: JarRef['source']): Promise<{ refs: JarRef[]; problem?: string }> {
  const info = await stat(path).catch(() => undefined);
  if (info?.isDirectory()) return listJars(path, source);
  return { refs: [{ path, source }] };
}

const FLINK_PYTHON = /^flink-python/;

/**
 * The JARs of one folder as refs. An unreadable lib/ or opt/ is reported by the flinkHome and pyflink probes (the
 * flink.home and pyflink.install checks); an unreadable --jars folder by jars.readable, through the scan's notes.
 */
async function listJars(dir: string, source: JarRef['source'], only?: RegExp): Promise<{ refs: JarRef[]; problem?: string }> {
  const { names, problem } = await listJarFiles(dir);
  const refs = names.filter((name) => !only || only.test(name)).map((name) => ({ path: join(dir, name), source }));
  return problem ? { refs, problem } : { refs };
}
