// Temporary directories that vanish after the test file, and small file-writing shortcuts.
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';

const created: string[] = [];

/** Removes every directory tempDir() made so far. test/setup.ts runs it after each test file. */
export async function removeTempDirs(): Promise<void> {
  const dirs = created.splice(0);
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
}
// Also at the end of the file that first imports this module, for runs without test/setup.ts (other configs).
afterAll(removeTempDirs);

export async function tempDir(prefix = 'flink-doctor-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Writes `content` to `path`, creating parent folders; `executable` makes it a runnable script. */
export async function writeFileDeep(path: string, content: string | Uint8Array, executable = false): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
  if (executable) await chmod(path, 0o755);
  return path;
}
