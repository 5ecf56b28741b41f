// The JAR files in one folder (lib/, opt/, a --jars folder), by one rule for every probe: a name ending in .jar
// in any case (Flink's classpath scripts and the JVM do not mind JAR.jar), sorted; a missing folder holds no JARs
// (whether it should exist is a check's call); any other error is returned as a one-line problem to report.
import { readdir } from 'node:fs/promises';
import { errorMessage } from '../engine/errors.js';

export interface JarListing {
  names: string[];
  /** "cannot read <dir>: <why>", when the folder exists but could not be listed. */
  problem?: string;
}

export async function listJarFiles(dir: string): Promise<JarListing> {
  try {
    return { names: (await readdir(dir)).filter((name) => /\.jar$/i.test(name)).sort() };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { names: [] } : { names: [], problem: `cannot read ${dir}: ${errorMessage(error)}` };
  }
}
