// FLINK_HOME: when set, PyFlink trusts it over the JARs inside the wheel (pyflink/find_flink_home.py),
// so its lib/flink-dist and opt/flink-python JARs decide which Flink the client really runs.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage } from '../engine/errors.js';
import type { ProbeContext } from './context.js';
import { listJarFiles } from './jar-files.js';
import type { FlinkHomeFact } from '../facts/index.js';
import { versionFromDistJar, versionFromPythonJar } from '../knowledge/flink-names.js';

export async function probeFlinkHome({ options }: ProbeContext): Promise<FlinkHomeFact> {
  const path = options.env.FLINK_HOME?.trim();
  if (!path) return { set: false, exists: false, problems: [] };
  const fact: FlinkHomeFact = { set: true, path, exists: false, problems: [] };
  try {
    if (!(await stat(path)).isDirectory()) {
      fact.problems.push(`FLINK_HOME=${path} is not a directory`);
      return fact;
    }
  } catch (error) {
    fact.problems.push(`FLINK_HOME=${path} does not exist (${errorMessage(error)})`);
    return fact;
  }
  fact.exists = true;
  const [lib, opt] = await Promise.all([listJarFiles(join(path, 'lib')), listJarFiles(join(path, 'opt'))]);
  // A missing lib/ or opt/ is no JARs: flink.home says what that FLINK_HOME lacks; an unreadable one is a problem.
  if (lib.problem) fact.problems.push(lib.problem);
  if (opt.problem) fact.problems.push(opt.problem);
  const dist = lib.names.find((name) => versionFromDistJar(name) !== undefined);
  if (dist) {
    fact.distJar = dist;
    fact.distVersion = versionFromDistJar(dist);
  }
  const python = opt.names.find((name) => versionFromPythonJar(name) !== undefined);
  if (python) {
    fact.pythonJar = python;
    fact.pythonJarVersion = versionFromPythonJar(python);
  }
  return fact;
}
