// Cache files are written to a temporary name and renamed into place (atomic on one filesystem), so two runs at
// once, or a run killed mid-write, never leave half a file under the real name. The temporary file is created
// exclusively ('wx': it fails if anything, a symlink included, already has that name), so its name needs to be unique,
// not secret: pid, time and a per-process count, and no node:crypto on a plain run's path (~6 ms of start-up).
import { rename, unlink, writeFile } from 'node:fs/promises';

let written = 0;

/** Writes `text` to `target` atomically; on failure removes the temporary file (if it made one) and rethrows. */
export async function writeAtomically(target: string, text: string, mode?: number): Promise<void> {
  written += 1;
  const temp = `${target}.${process.pid}.${Date.now().toString(36)}.${written}.tmp`;
  try {
    await writeFile(temp, text, { flag: 'wx', ...(mode === undefined ? {} : { mode }) });
    await rename(temp, target);
  } catch (error) {
    // Another file under that name is not ours to remove.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') await unlink(temp).catch(() => undefined);
    throw error;
  }
}
