// Reading a file a user pointed at, safely: opened non-blocking and checked with fstat first, so a FIFO or a
// device where a config file is expected is an error instead of a read that never returns, and a size cap
// keeps a multi-gigabyte "config file" from filling memory.
import { closeSync, constants, fstatSync, openSync } from 'node:fs';
import { open } from 'node:fs/promises';

const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

export class FileReadError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** The whole file as UTF-8; rejects (FileReadError or the fs error) for anything but a regular file within the cap. */
export async function readTextFile(path: string, maxBytes = DEFAULT_MAX_BYTES): Promise<string> {
  const handle = await open(path, FLAGS);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new FileReadError(`${path} is not a regular file`, 'ENOTFILE');
    if (info.size > maxBytes) throw new FileReadError(`${path} is ${info.size} bytes, more than the ${maxBytes} bytes read`, 'ETOOBIG');
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/** Opens a regular file for synchronous reads (closeSync it when done); throws for FIFOs, devices, directories. */
export function openRegularFileSync(path: string): number {
  const fd = openSync(path, FLAGS);
  try {
    if (!fstatSync(fd).isFile()) throw new FileReadError(`${path} is not a regular file`, 'ENOTFILE');
    return fd;
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}
