// The real job's raw result per setup, kept in the cache so a warm run re-judges the doctor without re-running
// every JVM. The key covers everything the result depends on: the setup, the job template (support/job.ts), every
// PyPI pin and closure, the pins of the Maven artifacts the setup itself puts on the job's classpath (its jars and
// HADOOP_CLASSPATH: a new pin for another setup does not re-run this one) and both JDKs' release files; any change,
// or FLINK_DOCTOR_REAL_RERUN=1, runs the job again. Only the raw output is kept: classify() reads it afresh on every run.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PINS } from '../../scripts/real/artifacts.js';
import { cachePath } from '../../scripts/real/cache.js';
import { JDK17, TEMURIN25 } from '../../scripts/real/doctor.js';
import type { JobRun } from './job.js';

export interface RecordedRun extends JobRun {
  /** When the job really ran (an ISO date); today's date when it ran in this run. */
  ranOn: string;
  recorded: boolean;
}

type SetupInputs = { id: string; title?: string; knownDisagreement?: string; jars?: readonly string[]; hadoopClasspath?: string };

/** What the job's result depends on: the setup without its title and verdict notes, the template, pins, JDKs. */
function keyOf(setup: SetupInputs): string {
  const { title: _title, knownDisagreement: _note, ...inputs } = setup;
  const hash = createHash('sha256');
  hash.update(JSON.stringify(inputs));
  hash.update(readFileSync(join(import.meta.dirname, 'job.ts')));
  hash.update(JSON.stringify({ pypi: PINS.pypi, closures: PINS.closures, maven: mavenPinsOf(setup) }));
  for (const jdk of [JDK17, TEMURIN25]) hash.update(existsSync(join(jdk, 'release')) ? readFileSync(join(jdk, 'release')) : jdk);
  return hash.digest('hex').slice(0, 32);
}

export async function recordedRun(setup: SetupInputs, run: () => Promise<JobRun>): Promise<RecordedRun> {
  const path = cachePath('outcomes', `${setup.id}-${keyOf(setup)}.json`);
  if (process.env.FLINK_DOCTOR_REAL_RERUN !== '1' && existsSync(path)) {
    return { ...(JSON.parse(await readFile(path, 'utf8')) as Omit<RecordedRun, 'recorded'>), recorded: true };
  }
  const result: RecordedRun = { ...(await run()), ranOn: new Date().toISOString().slice(0, 10), recorded: false };
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify({ ...result, recorded: undefined }));
  await rename(temp, path);
  return result;
}

/** The pins of the Maven artifacts the setup puts on the job's classpath ("missing:" paths are not artifacts). */
export function mavenPinsOf(setup: SetupInputs): Record<string, unknown> {
  const used = [...(setup.jars ?? []).filter((j) => !j.startsWith('missing:')), ...(setup.hadoopClasspath ? [setup.hadoopClasspath] : [])];
  return Object.fromEntries(used.sort().map((coordinates) => [coordinates, PINS.maven[coordinates] ?? 'not pinned']));
}
