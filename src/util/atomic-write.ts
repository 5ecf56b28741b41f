// Cache files are written to a temporary name and renamed into place (atomic on one filesystem), so two runs at
// once, or a run killed mid-write, never leave half a file under the real name.
import { randomBytes } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';

/** Writes `text` to `target` atomically; on failure removes the temporary file and rethrows. */
export async function writeAtomically(target: string, text: string, mode?: number): Promise<void> {
  const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, text, mode === undefined ? undefined : { mode });
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
