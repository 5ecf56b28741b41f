// A fake Flink distribution laid out like the real tarball: lib/flink-dist-<v>.jar, opt/flink-python-<v>.jar, conf/.
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { tempDir, writeFileDeep } from './tmp.js';
import { writeZip } from './zip.js';

export interface FlinkHomeLayout {
  version: string;
  /** Version in the flink-python JAR name; defaults to `version`, null leaves it out. */
  pythonJarVersion?: string | null;
  /** Files under conf/, name → content. */
  conf?: Record<string, string>;
}

async function distributionJar(path: string, artifactId: string, version: string): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  return writeZip(path, [
    {
      name: 'META-INF/MANIFEST.MF',
      data: `Manifest-Version: 1.0\r\nImplementation-Title: ${artifactId}\r\nImplementation-Version: ${version}\r\nImplementation-Vendor-Id: org.apache.flink\r\n\r\n`,
    },
    { name: `META-INF/NOTICE`, data: `${artifactId}\nCopyright 2014-2026 The Apache Software Foundation\n` },
  ]);
}

export async function fakeFlinkHome(layout: FlinkHomeLayout): Promise<string> {
  const home = await tempDir('flink-home-');
  // Real (small) JARs: flink.home reads names, but the JAR checks open everything in lib/ and opt/.
  await distributionJar(join(home, 'lib', `flink-dist-${layout.version}.jar`), 'flink-dist', layout.version);
  await distributionJar(join(home, 'lib', `flink-table-runtime-${layout.version}.jar`), 'flink-table-runtime', layout.version);
  const pythonVersion = layout.pythonJarVersion === undefined ? layout.version : layout.pythonJarVersion;
  if (pythonVersion !== null) await distributionJar(join(home, 'opt', `flink-python-${pythonVersion}.jar`), 'flink-python', pythonVersion);
  else await writeFileDeep(join(home, 'opt', 'README'), 'no python jar');
  for (const [name, content] of Object.entries(layout.conf ?? {})) await writeFileDeep(join(home, 'conf', name), content);
  return home;
}
