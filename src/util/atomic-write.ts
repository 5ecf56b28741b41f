// Cache files are written to a temporary name and renamed into place (atomic on one filesystem), so two runs at
// once, or a run killed mid-write, never leave half a file under the real name. The temporary file is created
// exclusively ('wx': it fails if anything, a symlink included, already has that name), so its name needs to be unique,
// not secret: pid, time and a per-process count, and no node:crypto on a plain run's path (~6 ms of start-up).
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { rename, unlink, writeFile } from 'node:fs/promises';

let written = 0;

/** A temporary name beside `target`, unique in this process and against others. */
function tempName(target: string): string {
  written += 1;
  return `${target}.${process.pid}.${Date.now().toString(36)}.${written}.tmp`;
}

/** Writes `text` to `target` atomically; on failure removes the temporary file (if it made one) and rethrows. */
export async function writeAtomically(target: string, text: string, mode?: number): Promise<void> {
  const temp = tempName(target);
  try {
    await writeFile(temp, text, { flag: 'wx', ...(mode === undefined ? {} : { mode }) });
    await rename(temp, target);
  } catch (error) {
    // Another file under that name is not ours to remove.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** writeAtomically for where nothing can be awaited (a process's exit). */
export function writeAtomicallySync(target: string, data: string | Uint8Array, mode?: number): void {
  const temp = tempName(target);
  try {
    writeFileSync(temp, data, { flag: 'wx', ...(mode === undefined ? {} : { mode }) });
    renameSync(temp, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      try {
        unlinkSync(temp);
      } catch {
        // Never made.
      }
    }
    throw error;
  }
}
