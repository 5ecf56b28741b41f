// A fake Flink distribution laid out like the real tarball: lib/flink-dist-<v>.jar, opt/flink-python-<v>.jar, conf/.
import { join } from 'node:path';
import { tempDir, writeFileDeep } from './tmp.js';

export interface FlinkHomeLayout {
  version: string;
  /** Version in the flink-python JAR name; defaults to `version`, null leaves it out. */
  pythonJarVersion?: string | null;
  /** Files under conf/, name → content. */
  conf?: Record<string, string>;
}

export async function fakeFlinkHome(layout: FlinkHomeLayout): Promise<string> {
  const home = await tempDir('flink-home-');
  // Content does not matter to flink.home (it reads names); the JAR checks build real JARs of their own.
  await writeFileDeep(join(home, 'lib', `flink-dist-${layout.version}.jar`), 'PK');
  await writeFileDeep(join(home, 'lib', `flink-table-runtime-${layout.version}.jar`), 'PK');
  const pythonVersion = layout.pythonJarVersion === undefined ? layout.version : layout.pythonJarVersion;
  if (pythonVersion !== null) await writeFileDeep(join(home, 'opt', `flink-python-${pythonVersion}.jar`), 'PK');
  else await writeFileDeep(join(home, 'opt', 'README'), 'no python jar');
  for (const [name, content] of Object.entries(layout.conf ?? {})) await writeFileDeep(join(home, 'conf', name), content);
  return home;
}
