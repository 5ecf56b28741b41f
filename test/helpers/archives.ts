// Archives of a real folder, made the way users ship Python environments: `zip -r venv.zip venv` (symlinks
// stored as symlinks, as `zip -y` does) and `tar czf venv.tar.gz venv` (node-tar keeps symlinks too).
import { lstat, readFile, readdir, readlink } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { create } from 'tar';
import { writeZip, type ZipEntry } from './zip.js';

/** Zips `dir` under its own name; symlinks become symlink entries (their data is the target). */
export async function zipFolder(dir: string, out: string): Promise<string> {
  const entries: ZipEntry[] = [];
  const walk = async (path: string): Promise<void> => {
    const info = await lstat(path);
    const name = relative(dirname(dir), path);
    if (info.isSymbolicLink()) entries.push({ name, data: await readlink(path), unixMode: 0o120777, store: true });
    else if (info.isDirectory()) {
      entries.push({ name: `${name}/`, data: '', unixMode: 0o040755, store: true });
      for (const child of (await readdir(path)).sort()) await walk(join(path, child));
    } else entries.push({ name, data: await readFile(path), unixMode: info.mode & 0o777 | 0o100000 });
  };
  await walk(dir);
  return writeZip(out, entries);
}

/** tar.gz of `dir` under its own name. */
export async function tarGzFolder(dir: string, out: string): Promise<string> {
  await create({ gzip: true, file: out, cwd: dirname(dir), portable: true }, [basename(dir)]);
  return out;
}
