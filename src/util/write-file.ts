// Writing the report file a user named (--output, or "output" in a config file that may come from a pull
// request): opened non-blocking and checked with fstat before anything is written or truncated, so a FIFO
// nobody reads fails at once instead of blocking the run forever, and a device or directory is never written.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

const FLAGS = constants.O_WRONLY | constants.O_CREAT | (constants.O_NONBLOCK ?? 0);

export class NotARegularFileError extends Error {}

/** Why open() failed, in words; ENXIO is O_NONBLOCK's answer for a FIFO with no reader (instead of waiting for one). */
const OPEN_ERRORS: Record<string, string> = {
  ENXIO: 'it is a named pipe (FIFO), not a regular file',
  EISDIR: 'it is a directory, not a regular file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a parent of it is not a directory',
  ENOSPC: 'no space left on the device',
};

/** Replaces the content of `path` (created when missing) with `text`; throws for anything but a regular file. */
export async function writeRegularFile(path: string, text: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, FLAGS, 0o666);
  } catch (error) {
    const reason = OPEN_ERRORS[(error as NodeJS.ErrnoException).code ?? ''];
    if (reason) throw new NotARegularFileError(reason);
    throw error;
  }
  try {
    const info = await handle.stat();
    const what = info.isFIFO() ? 'a named pipe (FIFO)' : info.isDirectory() ? 'a directory' : 'a device or socket';
    if (!info.isFile()) throw new NotARegularFileError(`it is ${what}, not a regular file`);
    await handle.truncate(0);
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
}
