// Reading a file a user pointed at, safely: opened non-blocking and checked with fstat first, so a FIFO or a
// device where a config file is expected is an error instead of a read that never returns, and a size cap
// (src/engine/limits.ts) keeps a multi-gigabyte "config file" from filling memory. Never more than the cap is
// read, even from a file that grows while it is read.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { LIMITS, formatBytes } from '../engine/limits.js';

const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
/** For callers that name no cap: the job reader (src/probes/job.ts) takes readTextFile as its file reader and bounds the job itself. */
export const DEFAULT_MAX_BYTES = LIMITS.jobFileBytes;
/** Extra room past the size fstat reported: a file may grow while it is read, and /proc-like files report 0. */
const SLACK = 64 * 1024;

export class FileReadError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** No file name holds a NUL, and Node refuses such a path with its own wording: say it in ours first. */
function assertPathText(path: string): void {
  if (path.includes('\u0000'))
    throw new FileReadError(`${path.replace(/\u0000/g, '\\0')}: the path contains a NUL character, which no file name can`, 'ENUL');
}

/** The whole file as UTF-8; rejects (FileReadError or the fs error) for anything but a regular file within the cap. */
export async function readTextFile(path: string, maxBytes = DEFAULT_MAX_BYTES): Promise<string> {
  assertPathText(path);
  const handle = await open(path, FLAGS);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new FileReadError(`${path} is not a regular file`, 'ENOTFILE');
    if (info.size > maxBytes) throw tooBig(path, info.size, maxBytes);
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, info.size + SLACK));
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) throw tooBig(path, length, maxBytes);
    return buffer.toString('utf8', 0, length);
  } finally {
    await handle.close();
  }
}

/** The same, synchronously: for the many tiny files of a site-packages scan (see src/probes/packages.ts). */
export function readTextFileSync(path: string, maxBytes: number): string {
  const fd = openRegularFileSync(path);
  try {
    const size = fstatSync(fd).size;
    if (size > maxBytes) throw tooBig(path, size, maxBytes);
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, size + SLACK));
    let length = 0;
    while (length < buffer.length) {
      const bytesRead = readSync(fd, buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) throw tooBig(path, length, maxBytes);
    return buffer.toString('utf8', 0, length);
  } finally {
    closeSync(fd);
  }
}

/** Opens a regular file for synchronous reads (closeSync it when done); throws for FIFOs, devices, directories. */
export function openRegularFileSync(path: string): number {
  assertPathText(path);
  const fd = openSync(path, FLAGS);
  try {
    if (!fstatSync(fd).isFile()) throw new FileReadError(`${path} is not a regular file`, 'ENOTFILE');
    return fd;
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

function tooBig(path: string, size: number, maxBytes: number): FileReadError {
  return new FileReadError(
    `${path} is ${formatBytes(size)}, more than the ${formatBytes(maxBytes)} flink-doctor reads of such a file`,
    'ETOOBIG',
  );
}
