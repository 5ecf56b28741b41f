// What every cache folder of flink-doctor's needs (the JAR contents, config and Java answer caches): the build an
// entry was written by, and a bound on how many files the folder keeps.
import { readdir, stat, unlink } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pkg from '../../package.json' with { type: 'json' };

/** The version, and when this module's file was written: a rebuild (or a reinstall) starts from an empty cache. */
export function thisBuild(): string {
  try {
    return `${pkg.version}@${statSync(fileURLToPath(import.meta.url)).mtimeMs}`;
  } catch {
    return pkg.version;
  }
}

/** Past `maxFiles`, removes the least recently written files down to 80% of it (temp files a killed run left too). */
export async function pruneOldest(dir: string, maxFiles: number): Promise<void> {
  const names = await readdir(dir);
  if (names.length <= maxFiles) return;
  const dated = await Promise.all(
    names.map(async (name) => ({
      name,
      mtime: await stat(join(dir, name)).then(
        (s) => s.mtimeMs,
        () => 0,
      ),
    })),
  );
  dated.sort((a, b) => b.mtime - a.mtime);
  await Promise.all(dated.slice(Math.floor(maxFiles * 0.8)).map(({ name }) => unlink(join(dir, name)).catch(() => undefined)));
}
